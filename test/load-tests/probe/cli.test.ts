// The built probe CLI refuses what it must not do before it sends anything: a remote host without
// --allow-remote, a bad URL, a bad number — one line on stderr and exit 2. A loopback server stands
// by as the other target and counts what reaches it: nothing may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBuilt } from '../../helpers/run-built.js'
import { listenOnLoopback, type StandInServer } from '../../helpers/stand-in-server.js'

const CLI = 'dist/load-tests/probe/cli.js'

let server: StandInServer
let requests = 0
beforeAll(async () => {
  server = await listenOnLoopback((_request, response) => {
    requests++
    response.end('{}')
  })
})
afterAll(async () => { await server.close() })

describe('npm run probe refuses before the first request', () => {
  it.each([
    ['a remote victim', ['--suspect', 'LOCAL/x', '--victim', 'http://192.0.2.1/health'], /^probe: --victim 192\.0\.2\.1 is not a loopback address: refusing to send load there without --allow-remote$/],
    ['a remote suspect', ['--suspect', 'http://example.com/report', '--victim', 'LOCAL/health'], /^probe: --suspect example\.com is not a loopback address/],
    ['a bad URL', ['--suspect', 'LOCAL/x', '--victim', 'htp:/nowhere'], /^probe: --victim must be an http:\/\/ URL \(got "htp:\/nowhere"\)$/],
    ['a bad number', ['--suspect', 'LOCAL/x', '--victim', 'LOCAL/health', '--steps', '1,4,lots'], /^probe: --steps must be a comma-separated list of 1 to 8 values, each an integer from 1 to 1000 \(got "1,4,lots"\)$/],
    ['a missing URL', ['--suspect', 'LOCAL/x'], /^probe: --victim URL is required$/]
  ])('%s: one line, exit 2, nothing sent', async (_name, args, message) => {
    const run = await runBuilt(CLI, args.map((arg) => arg.replace('LOCAL', server.url)))
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)])
    expect(requests).toBe(0)
  })

  it('prints its options on --help', async () => {
    const run = await runBuilt(CLI, ['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: npm run probe -- --suspect URL --victim URL \[options\]/)
    expect(requests).toBe(0)
  })
})
