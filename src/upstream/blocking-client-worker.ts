// The worker behind the blocking client: an ordinary non-blocking HTTP call, whose answer synckit
// hands back to the main thread, which sleeps in Atomics.wait until it comes.
import { runAsWorker } from 'synckit'
import { getUpstream } from './upstream-client.js'

runAsWorker(getUpstream)
