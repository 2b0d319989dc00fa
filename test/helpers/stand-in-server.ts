// A throwaway HTTP server on a loopback port, for tests that need something listening there: a
// server that answers in a given way, or one that just holds the port.
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StandInServer {
  url: string
  port: number
  /** Drops the open connections and stops listening. */
  close: () => Promise<void>
}

export async function listenOnLoopback (handler: RequestListener): Promise<StandInServer> {
  const server = createServer(handler)
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
