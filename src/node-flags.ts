// The Node.js flags the server runs with, wherever it is started: `npm start`, the Dockerfile's CMD,
// the load test and the bench (test/app/node-flags.test.ts keeps them the same).
//
// --max-semi-space-size=64: the young generation, where every request's objects are born and die,
// may grow to 3 × 64 MiB instead of 3 × 16 MiB. Under load each request leaves its objects there
// (a request, a reply, headers, a timer, closures); with 1000 requests in flight a small young
// generation fills every few milliseconds and each scavenge copies everything still alive. The CPU
// profile of `/async/delay?ms=50` at 1000 connections spent a fifth of its time in the garbage
// collector; with this flag the server's CPU per request fell from 63–70 µs to 48–63 µs
// (docs/observability-cost.md). The cost is memory, and only under allocation pressure: the young
// generation grows when scavenges find it full, up to 192 MiB more at most
// (deploy/kubernetes/deployment.yaml's memory limit allows for it). Node's docs on the flag:
// https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'] as const

/** The built server's entry, as `npm start` and the Dockerfile run it. */
export const SERVER_ENTRY = 'dist/src/server.js'

/** The command that runs a built entry (the server by default) the way `npm start` does. */
export function nodeCommand (entry: string = SERVER_ENTRY): string[] {
  return [process.execPath, ...SERVER_NODE_FLAGS, entry]
}
