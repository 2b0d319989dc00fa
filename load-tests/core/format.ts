// How numbers read in tables and verdicts: short, with their unit, the same in every reporter.

export function formatMs (ms: number | null): string {
  if (ms === null) return '–'
  if (ms >= 1000) return `${trim(ms / 1000, ms >= 10_000 ? 1 : 2)} s`
  if (ms >= 10) return `${Math.round(ms)} ms`
  return `${trim(ms, 1)} ms`
}

export function formatRate (perSecond: number | null): string {
  if (perSecond === null) return '–'
  if (perSecond >= 100) return String(Math.round(perSecond))
  return trim(perSecond, 1)
}

export function formatPercent (fraction: number | null): string {
  return fraction === null ? '–' : `${(fraction * 100).toFixed(1)} %`
}

export function formatRatio (times: number | null): string {
  return times === null ? '–' : `${trim(times, times >= 100 ? 0 : 1)}×`
}

export const MIB = 2 ** 20

/** Bytes in mebibytes (2^20 bytes), as memory is counted. */
export function formatMiB (bytes: number | null): string {
  return bytes === null ? '–' : `${(bytes / MIB).toFixed(1)} MiB`
}

function trim (value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)))
}
