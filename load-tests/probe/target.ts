// Where the probe may aim. Load goes to loopback unless the person says otherwise: a name is not
// resolved (it could point anywhere), so only literal loopback addresses and `localhost` count.
import { isIPv4, isIPv6 } from 'node:net'
import { showValue } from '../../src/schema-text.js'
import { UsageError } from '../core/options.js'

/** True for 127.0.0.0/8, ::1 (and ::ffff:127.x.y.z), and `localhost`. */
export function isLoopbackHost (hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost') return true
  if (isIPv4(host)) return host.startsWith('127.')
  if (isIPv6(host)) return host === '::1' || /^::ffff:127\./.test(host) || /^::ffff:7f[0-9a-f]{2}:/.test(host)
  return false
}

/** Throws UsageError (one line) for a URL the probe must not or cannot aim at. */
export function checkTarget (flag: 'suspect' | 'victim', url: string, allowRemote: boolean): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError(`--${flag} must be an http:// URL (got ${showValue(url)})`)
  }
  // The victim's timer is node:http; a TLS server is probed from behind its terminator, or on its plain port.
  if (parsed.protocol !== 'http:') throw new UsageError(`--${flag} must be an http:// URL (got ${showValue(url)})`)
  if (parsed.username !== '' || parsed.password !== '') throw new UsageError(`--${flag} must not carry credentials (got ${showValue(url)})`)
  if (!allowRemote && !isLoopbackHost(parsed.hostname)) {
    throw new UsageError(`--${flag} ${parsed.host} is not a loopback address: refusing to send load there without --allow-remote`)
  }
  return parsed
}

/** What the probe says before its first request when a target is not loopback; null when none is. */
export function remoteAnnouncement (options: { suspect: string, victim: string, maxRequests: number, maxDurationS: number, steps: number[] }): string | null {
  const remote = [...new Set([options.suspect, options.victim].map((url) => new URL(url)).filter((url) => !isLoopbackHost(url.hostname)).map((url) => url.host))]
  if (remote.length === 0) return null
  return `aiming at ${remote.join(', ')} (not loopback, --allow-remote): up to ${Math.max(...options.steps)} connections, ` +
    `${options.maxRequests} requests and ${options.maxDurationS} s in all`
}
