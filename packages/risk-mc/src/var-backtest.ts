import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { chiSquareSf } from "./distributions.js";

/** Exception indicators: `true`/`1` where the realized loss exceeded the VaR forecast. */
export type Exceptions = readonly boolean[] | Uint8Array;

const levelSchema = z.object({
  /** VaR confidence level (0.99 ⇒ expected exception rate 1 %). */
  level: z.number().gt(0).lt(1),
});

/** A likelihood-ratio test result. */
export interface LrTest {
  /** Likelihood-ratio statistic (≥ 0; asymptotically χ²). */
  readonly statistic: number;
  /** Upper-tail χ² probability of the statistic. */
  readonly pValue: number;
  /** χ² degrees of freedom. */
  readonly df: number;
}

/** Result of {@link kupiecTest}. */
export interface KupiecResult extends LrTest {
  readonly exceptions: number;
  readonly observations: number;
  /** 1 − level. */
  readonly expectedRate: number;
  readonly observedRate: number;
}

/** Result of {@link christoffersenTest}. */
export interface ChristoffersenResult {
  /** Transition counts n_ij = #{t : I_{t−1} = i, I_t = j}. */
  readonly n00: number;
  readonly n01: number;
  readonly n10: number;
  readonly n11: number;
  /** Kupiec proportion-of-failures test (1 df). */
  readonly unconditional: KupiecResult;
  /** Independence test LR_ind (1 df): first-order Markov alternative vs independent exceptions. */
  readonly independence: LrTest;
  /** Conditional coverage LR_cc = LR_pof + LR_ind (2 df). */
  readonly conditionalCoverage: LrTest;
}

/** x·ln(y) with 0·ln(0) = 0 (the convention that makes the edge cases finite). */
function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

function toFlags(exceptions: Exceptions, what: string): Uint8Array {
  const flags =
    exceptions instanceof Uint8Array ? exceptions : Uint8Array.from(exceptions, (b) => (b ? 1 : 0));
  if (flags.length === 0) {
    throw new ValidationError(what, [{ path: "exceptions", message: "expected at least one observation" }]);
  }
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]! > 1) {
      throw new ValidationError(what, [
        { path: `exceptions.${i}`, message: `expected 0 or 1, got ${flags[i]}` },
      ]);
    }
  }
  return flags;
}

function kupiecOf(flags: Uint8Array, level: number): KupiecResult {
  const T = flags.length;
  let x = 0;
  for (let i = 0; i < T; i++) x += flags[i]!;
  const p = 1 - level;
  const phat = x / T;
  const ll0 = xlogy(T - x, 1 - p) + xlogy(x, p);
  const ll1 = xlogy(T - x, 1 - phat) + xlogy(x, phat);
  const statistic = Math.max(0, -2 * (ll0 - ll1));
  return {
    statistic,
    pValue: chiSquareSf(statistic, 1),
    df: 1,
    exceptions: x,
    observations: T,
    expectedRate: p,
    observedRate: phat,
  };
}

/**
 * Kupiec (1995) proportion-of-failures test: LR = −2·ln[(1−p)^{T−x} p^x / (1−x/T)^{T−x} (x/T)^x] with p = 1 − level,
 * χ²(1) p-value. Edge cases are finite by 0·ln 0 = 0: no exceptions gives LR = −2T·ln(1 − p), all exceptions
 * LR = −2T·ln p.
 *
 * @param exceptions - exception indicators (boolean[] or Uint8Array of 0/1).
 * @param options - `level`: the VaR confidence level, e.g. 0.99.
 * @example
 * kupiecTest(new Uint8Array(250), { level: 0.99 }).statistic; // → 5.025 (no exception in 250 days; p-value 0.025)
 * @see https://doi.org/10.3905/jod.1995.407942 (Kupiec 1995)
 */
export function kupiecTest(exceptions: Exceptions, options: { level: number }): KupiecResult {
  const { level } = parseWith(levelSchema, options, "kupiecTest options");
  return kupiecOf(toFlags(exceptions, "kupiecTest input"), level);
}

/**
 * Christoffersen (1998) interval-forecast tests: independence (exceptions follow a first-order Markov chain with
 * π₀ = n01/(n00+n01), π₁ = n11/(n10+n11) vs a constant π) and conditional coverage (LR_pof + LR_ind, χ²(2)).
 * Degenerate cases use 0·ln 0 = 0: with no exceptions, all exceptions, or no consecutive exceptions the statistic
 * stays finite (LR_ind = 0 when the sequence is constant; a π₁ with no observations contributes 0).
 *
 * @param exceptions - exception indicators in time order.
 * @param options - `level`: the VaR confidence level.
 * @example
 * christoffersenTest([0, 1, 1, 0, 0, 0, 0, 0, 0, 0], { level: 0.9 }).independence.statistic; // → 1.0205 (clustered pair)
 * @see https://doi.org/10.2307/2527341 (Christoffersen 1998)
 */
export function christoffersenTest(exceptions: Exceptions, options: { level: number }): ChristoffersenResult {
  const { level } = parseWith(levelSchema, options, "christoffersenTest options");
  const flags = toFlags(exceptions, "christoffersenTest input");
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < flags.length; t++) {
    const a = flags[t - 1]!;
    const b = flags[t]!;
    if (a === 0) {
      if (b === 0) n00++;
      else n01++;
    } else if (b === 0) n10++;
    else n11++;
  }
  const pi0 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi1 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const total = n00 + n01 + n10 + n11;
  const pi = total > 0 ? (n01 + n11) / total : 0;
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  const ind = Math.max(0, -2 * (l0 - l1));
  const unconditional = kupiecOf(flags, level);
  const cc = unconditional.statistic + ind;
  return {
    n00,
    n01,
    n10,
    n11,
    unconditional,
    independence: { statistic: ind, pValue: chiSquareSf(ind, 1), df: 1 },
    conditionalCoverage: { statistic: cc, pValue: chiSquareSf(cc, 2), df: 2 },
  };
}
