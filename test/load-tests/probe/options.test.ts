// The probe's command line as a careless or hostile user types it: every bad value is one line
// naming the option, and no host but loopback is accepted without --allow-remote.
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../load-tests/core/options.js'
import { planRequests } from '../../../load-tests/probe/budget.js'
import { parseProbeArgs, PROBE_DEFAULTS, probeHelpText } from '../../../load-tests/probe/options.js'
import { isLoopbackHost, remoteAnnouncement } from '../../../load-tests/probe/target.js'

const TARGETS = ['--suspect', 'http://127.0.0.1:3000/report', '--victim', 'http://127.0.0.1:3000/health']

function usageError (args: string[]): string {
  try {
    parseProbeArgs(args)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    const message = (error as Error).message
    expect(message).not.toContain('\n')
    return message
  }
  throw new Error(`accepted: ${args.join(' ')}`)
}

describe('parseProbeArgs', () => {
  it('takes the two URLs and the defaults', () => {
    expect(parseProbeArgs(TARGETS)).toEqual({ help: false, options: { ...PROBE_DEFAULTS, suspect: TARGETS[1], victim: TARGETS[3] } })
  })

  it('reads every number and list', () => {
    const parsed = parseProbeArgs([...TARGETS, '--steps', '2, 8,32', '--step-duration', '2', '--serial', '5', '--timeout', '4', '--max-requests', '5000', '--max-duration', '30'])
    expect(parsed).toMatchObject({ options: { steps: [2, 8, 32], stepDurationS: 2, serialRequests: 5, timeoutS: 4, maxRequests: 5000, maxDurationS: 30 } })
  })

  it('needs both URLs', () => {
    expect(usageError([TARGETS[0] ?? '', TARGETS[1] ?? ''])).toBe('--victim URL is required')
    expect(usageError(TARGETS.slice(2))).toBe('--suspect URL is required')
  })

  it.each([
    ['not a URL', 'not a url', /^--suspect must be an http:\/\/ URL \(got "not a url"\)$/],
    ['https', 'https://127.0.0.1/x', /^--suspect must be an http:\/\/ URL/],
    ['ftp', 'ftp://127.0.0.1/x', /^--suspect must be an http:\/\/ URL/],
    ['credentials', 'http://user:pw@127.0.0.1/x', /^--suspect must not carry credentials/]
  ])('refuses a bad URL: %s', (_name, url, message) => {
    expect(usageError(['--suspect', url, ...TARGETS.slice(2)])).toMatch(message)
  })

  it.each([
    ['--steps', '0'], ['--steps', '4,abc'], ['--steps', '1e3'], ['--steps', '5000'], ['--steps', '1,2,3,4,5,6,7,8,9'],
    ['--step-duration', '0'], ['--step-duration', '61'], ['--step-duration', '1.5'], ['--serial', '2'], ['--timeout', '0'],
    ['--max-requests', '99'], ['--max-requests', '0x100'], ['--max-duration', 'Infinity'], ['--max-duration', '']
  ])('refuses %s %s with one line naming the option', (flag, value) => {
    expect(usageError([...TARGETS, flag, value])).toMatch(new RegExp(`^${flag} must be `))
  })

  it('says what is wrong with a negative number in one line', () => {
    expect(usageError([...TARGETS, '--timeout', '-1'])).toBe("Option '--timeout' argument is ambiguous.")
    expect(usageError([...TARGETS, '--timeout=-1'])).toMatch(/^--timeout must be an integer from 1 to 120 \(got "-1"\)$/)
  })

  it('refuses steps that do not rise', () => {
    expect(usageError([...TARGETS, '--steps', '4,4'])).toBe('--steps must rise, each step more connections than the one before (got 4,4)')
  })

  it('refuses a request ceiling the steps cannot live within, before any request', () => {
    expect(usageError([...TARGETS, '--steps', '1,900', '--max-requests', '1000'])).toMatch(/^--max-requests 1000 is too small for these steps and durations: they need at least \d+$/)
  })

  it('refuses unknown options and positionals', () => {
    expect(usageError([...TARGETS, '--url', 'x'])).toMatch(/url/)
    expect(usageError([...TARGETS, 'extra'])).toMatch(/extra/)
  })

  it.each(['http://10.0.0.5/x', 'http://example.com/x', 'http://[2001:db8::1]:8080/x', 'http://127.0.0.1.example.com/x', 'http://0.0.0.0:3000/x'])(
    'refuses the remote suspect %s without --allow-remote, and takes it with it', (url) => {
      expect(usageError(['--suspect', url, ...TARGETS.slice(2)])).toMatch(/^--suspect \S+ is not a loopback address: refusing to send load there without --allow-remote$/)
      expect(parseProbeArgs(['--suspect', url, ...TARGETS.slice(2), '--allow-remote'])).toMatchObject({ options: { suspect: url, allowRemote: true } })
    })

  it('refuses a remote victim too', () => {
    expect(usageError([...TARGETS.slice(0, 2), '--victim', 'http://192.0.2.7/health'])).toMatch(/^--victim 192\.0\.2\.7 is not a loopback address/)
  })

  it('answers --help with every option', () => {
    expect(parseProbeArgs(['--help'])).toEqual({ help: true })
    for (const flag of ['--suspect URL', '--victim URL', '--steps N,…', '--max-requests N', '--max-duration S', '--allow-remote']) expect(probeHelpText()).toContain(flag)
  })
})

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.5.6.7', 'localhost', 'LOCALHOST', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true)
  })
  it.each(['0.0.0.0', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '[::]', '[2001:db8::1]', 'example.com'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false)
  })
})

describe('planRequests', () => {
  it('gives the suspect what the serial phases, victim samples and drain polls leave, the same share per step', () => {
    const { suspectPerStep, victimPerStep } = planRequests({ ...PROBE_DEFAULTS })
    expect(victimPerStep).toBe(31)
    const reserved = 2 * PROBE_DEFAULTS.serialRequests + 4 * (victimPerStep + 100)
    expect(suspectPerStep).toBe(Math.floor((PROBE_DEFAULTS.maxRequests - reserved) / 4))
    expect(reserved + 4 * suspectPerStep).toBeLessThanOrEqual(PROBE_DEFAULTS.maxRequests)
  })
})

describe('remoteAnnouncement', () => {
  it('names each remote host and the ceilings, and says nothing for loopback', () => {
    const options = { ...PROBE_DEFAULTS, suspect: 'http://10.1.2.3:8080/report', victim: 'http://10.1.2.3:8080/health' }
    expect(remoteAnnouncement(options)).toBe('aiming at 10.1.2.3:8080 (not loopback, --allow-remote): up to 64 connections, 20000 requests and 60 s in all')
    expect(remoteAnnouncement({ ...options, victim: 'http://127.0.0.1:9000/health' })).toMatch(/^aiming at 10\.1\.2\.3:8080 \(/)
    expect(remoteAnnouncement({ ...options, suspect: 'http://localhost:3000/x', victim: 'http://[::1]:3000/health' })).toBeNull()
  })
})
