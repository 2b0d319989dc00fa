// The bench's reference: Fastify 5 from the same node_modules with nothing added — no logger, no
// hooks, no schema — answering GET /hello. What the lab's own instrumentation costs is read against it.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/hello', async () => ({ hello: 'world' }))
// Also /health, so the bench starts and waits for it like it does for the lab's server.
app.get('/health', async () => ({ status: 'ok' }))

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
process.once('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
await app.listen({ port, host })
process.stdout.write(`${JSON.stringify({ msg: 'Server listening', url: `http://${host}:${port}` })}\n`)
