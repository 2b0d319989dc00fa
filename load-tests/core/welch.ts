// Welch's t-test: are two samples' means different, without assuming equal variances? Used by
// --compare on the per-second samples of two runs (req/s, mean latency), each second one sample.
import { Type, type Static } from '@sinclair/typebox'

export const WelchSchema = Type.Object({
  meanA: Type.Number(),
  meanB: Type.Number(),
  t: Type.Number(),
  df: Type.Number(),
  /** Two-sided: the probability of a difference at least this large if the means were equal. */
  p: Type.Number()
})
export type Welch = Static<typeof WelchSchema>

function meanAndVariance (values: number[]): { mean: number, variance: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1)
  return { mean, variance }
}

/** null when either sample has fewer than two values: no variance, no test. */
export function welchTest (a: number[], b: number[]): Welch | null {
  if (a.length < 2 || b.length < 2) return null
  const x = meanAndVariance(a)
  const y = meanAndVariance(b)
  const se2 = x.variance / a.length + y.variance / b.length
  if (se2 === 0) {
    // Two constant samples: equal means are the same, any difference is certain.
    return { meanA: x.mean, meanB: y.mean, t: 0, df: a.length + b.length - 2, p: x.mean === y.mean ? 1 : 0 }
  }
  const t = (y.mean - x.mean) / Math.sqrt(se2)
  const df = se2 ** 2 / ((x.variance / a.length) ** 2 / (a.length - 1) + (y.variance / b.length) ** 2 / (b.length - 1))
  return { meanA: x.mean, meanB: y.mean, t, df, p: studentTwoSidedP(t, df) }
}

/** P(|T| ≥ |t|) for Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
export function studentTwoSidedP (t: number, df: number): number {
  return regularizedBeta(df / (df + t * t), df / 2, 0.5)
}

/** The regularized incomplete beta function I_x(a, b), by its continued fraction (Numerical Recipes §6.4). */
function regularizedBeta (x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) otherwise.
  return x < (a + 1) / (a + b + 2) ? front * betaFraction(x, a, b) / a : 1 - front * betaFraction(1 - x, b, a) / b
}

function betaFraction (x: number, a: number, b: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  d = 1 / (Math.abs(d) < tiny ? tiny : d)
  let h = d
  for (let m = 1; m <= 300; m++) {
    for (const numerator of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + numerator * d
      d = 1 / (Math.abs(d) < tiny ? tiny : d)
      c = 1 + numerator / c
      if (Math.abs(c) < tiny) c = tiny
      h *= d * c
    }
    if (Math.abs(d * c - 1) < 1e-12) break
  }
  return h
}

/** ln Γ(z), Lanczos approximation (g = 7, n = 9): fifteen digits for z > 0. */
function logGamma (z: number): number {
  const g = 7
  const coefficients = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z)
  const shifted = z - 1
  let sum = coefficients[0] ?? 0
  for (let i = 1; i < g + 2; i++) sum += (coefficients[i] ?? 0) / (shifted + i)
  const base = shifted + g + 0.5
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(base) - base + Math.log(sum)
}
