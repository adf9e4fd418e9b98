import { ValidationError } from "@quantkit/core";
import { deflatedSharpeRatio, expectedMaxSharpe, type Series, sharpeRatio } from "@quantkit/risk-mc";

/** Result of {@link deflatedSharpeOverTrials}. */
export interface DeflatedSharpeOverTrials {
  /** DSR: probability that the selected strategy's true per-period Sharpe exceeds SR₀. */
  readonly deflatedSharpe: number;
  /** Per-period Sharpe ratio of the selected strategy's returns. */
  readonly sharpe: number;
  /** SR₀: expected maximum per-period Sharpe of `trials` zero-skill trials with the observed variance. */
  readonly expectedMaxSharpe: number;
  /** N: number of trials actually run (finite Sharpe ratios counted). */
  readonly trials: number;
  /** V: sample variance (n − 1) of the trials' per-period Sharpe ratios. */
  readonly trialsVariance: number;
  /** One line for reports. */
  toString(): string;
}

/**
 * Deflated Sharpe ratio of the strategy a sweep selected, deflated by the trials actually run: N = the number of
 * trials and V = the sample variance (n − 1) of their per-period Sharpe ratios, passed to
 * `@quantkit/risk-mc`'s `deflatedSharpeRatio` (which applies skewness/raw-kurtosis and the √(T − 1) PSR).
 *
 * @param selectedReturns - per-period returns of the selected trial.
 * @param trialSharpes - per-period (not annualized) Sharpe ratio of every trial run, including the selected one;
 *   non-finite values (trials that never traded) are rejected with their index.
 * @example
 * deflatedSharpeOverTrials(bestReturns, sharpesOfAll1000Runs).deflatedSharpe; // → e.g. 0.31: not significant
 * @see https://doi.org/10.3905/jpm.2014.40.5.094 (Bailey & López de Prado 2014, The deflated Sharpe ratio)
 */
export function deflatedSharpeOverTrials(
  selectedReturns: Series,
  trialSharpes: Series,
): DeflatedSharpeOverTrials {
  const n = trialSharpes.length;
  if (n < 2) {
    throw new ValidationError("deflatedSharpeOverTrials", [
      { path: "trialSharpes", message: `expected the Sharpe ratios of ≥ 2 trials, got ${n}` },
    ]);
  }
  let mu = 0;
  for (let i = 0; i < n; i++) {
    const v = trialSharpes[i]!;
    if (!Number.isFinite(v)) {
      throw new ValidationError("deflatedSharpeOverTrials", [
        { path: `trialSharpes[${i}]`, message: `expected a finite Sharpe ratio, got ${v}` },
      ]);
    }
    mu += v;
  }
  mu /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (trialSharpes[i]! - mu) ** 2;
  const trialsVariance = ss / (n - 1);
  const sr0 = expectedMaxSharpe(n, trialsVariance);
  const dsr = deflatedSharpeRatio(selectedReturns, { trials: n, trialsVariance });
  const sharpe = sharpeRatio(selectedReturns);
  return {
    deflatedSharpe: dsr,
    sharpe,
    expectedMaxSharpe: sr0,
    trials: n,
    trialsVariance,
    toString: () =>
      `deflated Sharpe ${dsr.toFixed(4)} (SR ${sharpe.toPrecision(4)} per period vs SR₀ ${sr0.toPrecision(4)} expected from ${n} trials, V = ${trialsVariance.toPrecision(4)})`,
  };
}
