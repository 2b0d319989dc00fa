// Faults the tests inject into the lab's own machinery, to show it survives them (docs/robustness.md).
// Off unless the LAB_FAULTS environment variable names them: no request can switch one on, and a
// deployment that does not set it runs none of this. Each named fault fires once per process, at the
// first moment it applies to, so a test sees the fault and then the recovery.
export const FAULTS = {
  'blocking-client-exit': 'the blocking client\'s worker exits during the first /sync/fetch',
  'blocking-client-stall': 'the blocking client\'s worker never answers the first /sync/fetch',
  'upstream-exit': 'the embedded upstream\'s worker exits on its first /upstream/delay request'
} as const

type Fault = keyof typeof FAULTS

const NAMES = Object.keys(FAULTS) as Fault[]

/** What LAB_FAULTS may hold (src/config.ts validates it with this): fault names, comma-separated. */
export const FAULT_LIST_PATTERN = `^(${NAMES.join('|')})(,(${NAMES.join('|')}))*$`

// Read when first asked rather than at import: src/config.ts has refused a bad value by then.
let armed: Set<Fault> | undefined

/** true once, the first time `fault` is asked about, if LAB_FAULTS names it. */
export function fireOnce (fault: Fault): boolean {
  armed ??= new Set(NAMES.filter((name) => (process.env.LAB_FAULTS ?? '').split(',').includes(name)))
  return armed.delete(fault)
}
