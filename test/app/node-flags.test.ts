import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { SERVER_ENTRY, SERVER_NODE_FLAGS } from '../../src/node-flags.js'

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
const dockerfile = readFileSync('Dockerfile', 'utf8')
const flags = SERVER_NODE_FLAGS.join(' ')

// The load test and the bench start the server with SERVER_NODE_FLAGS; a user starts it with
// `npm start` or the image. They must be the same server, or the numbers describe another one.
it('npm start runs the server with the flags the load test and the bench use', () => {
  expect(packageJson.scripts.start).toBe(`node ${flags} ${SERVER_ENTRY}`)
})

it("the image's CMD runs the server with the same flags", () => {
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile.slice(dockerfile.indexOf('AS runtime')))?.[1]
  expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...SERVER_NODE_FLAGS, SERVER_ENTRY])
})

it('the load generators run with them too: npm run load, npm run bench and the load image', () => {
  expect(packageJson.scripts.load).toContain(`node ${flags} dist/load-tests/cli.js`)
  expect(packageJson.scripts.bench).toContain(`node ${flags} dist/load-tests/bench/cli.js`)
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1]
  expect(JSON.parse(entrypoint ?? '[]')).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/load-tests/cli.js'])
})
