import type { Bars } from "@quantkit/core";
import { isoUtc } from "@quantkit/core";
import { GaussianHmm } from "@quantkit/regimes";
import type { Figure } from "@quantkit/viz";
import { heatmapFigure, regimeFigure, stateDiagramFigure } from "@quantkit/viz";

/** What the regimes step found. */
export interface RegimesStepResult {
  readonly trainEnd: string;
  readonly transMat: readonly (readonly number[])[];
  readonly stdDaily: readonly number[];
  readonly expectedDurations: readonly number[];
  readonly turbulentShareOutOfSample: number;
  readonly figures: readonly { name: string; shows: string; figure: Figure }[];
  readonly lines: readonly string[];
}

const STATE_NAMES = ["calm", "turbulent"];

/**
 * A 2-state Gaussian HMM on daily log returns, fitted on the first 60 % of the history only and then run as a causal
 * filter over the whole series, so the later probabilities are out of sample.
 */
export function regimesStep(daily: Bars): RegimesStepResult {
  const n = daily.length - 1;
  const returns = new Float64Array(n);
  for (let i = 0; i < n; i++)
    returns[i] = Math.log((daily.close[i + 1] as number) / (daily.close[i] as number));
  const split = Math.floor(n * 0.6);
  const hmm = new GaussianHmm({ nStates: 2, seed: 7, labelOrder: { by: "variance" } }).fit(
    returns.subarray(0, split),
  );
  const report = hmm.report!; // set by fit()
  const filtered = hmm.filter(returns);
  const K = 2;
  const probs = [new Float64Array(n), new Float64Array(n)];
  let turbulent = 0;
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < K; k++) (probs[k] as Float64Array)[t] = filtered[t * K + k] as number;
    if (t >= split && (filtered[t * K + 1] as number) > 0.5) turbulent++;
  }
  const { transMat, covars } = hmm.params;
  const A = [
    [transMat[0] as number, transMat[1] as number],
    [transMat[2] as number, transMat[3] as number],
  ];
  const stdDaily = [Math.sqrt(covars[0] as number), Math.sqrt(covars[1] as number)];
  const durations = Array.from(hmm.expectedDurations());
  const ts = daily.ts.subarray(1);
  const trainEnd = isoUtc(daily.ts[split] as number).slice(0, 10);
  const turbulentShare = turbulent / (n - split);
  return {
    trainEnd,
    transMat: A,
    stdDaily,
    expectedDurations: durations,
    turbulentShareOutOfSample: turbulentShare,
    figures: [
      {
        name: "regimes-filtered",
        shows: `${daily.symbol}: regimes from a 2-state HMM fitted up to ${trainEnd}, causal filtered probabilities`,
        figure: regimeFigure(
          { ts, price: daily.close.subarray(1), probabilities: probs, stateNames: STATE_NAMES },
          {
            title: `${daily.symbol} regimes (HMM fitted to ${trainEnd}, filtered)`,
            priceTitle: "Price (USD)",
          },
        ),
      },
      {
        name: "regimes-transition-matrix",
        shows: "Estimated regime transition matrix (daily)",
        figure: heatmapFigure(A, {
          title: "Regime transition matrix (daily)",
          xLabels: STATE_NAMES,
          yLabels: STATE_NAMES,
          xTitle: "To regime",
          yTitle: "From regime",
          colorTitle: "Probability",
        }),
      },
      {
        name: "regimes-state-diagram",
        shows: "The regime state diagram: daily transition probabilities between calm and turbulent",
        figure: stateDiagramFigure(A, STATE_NAMES, { title: "Regime state diagram (daily transitions)" }),
      },
    ],
    lines: [
      `Regimes: 2-state Gaussian HMM fitted on ${split} daily returns up to ${trainEnd} (${report.iterations} iterations, log-likelihood ${report.logLikelihood.toFixed(1)})`,
      `  calm: daily σ ${((stdDaily[0] as number) * 100).toFixed(2)} %, expected duration ${(durations[0] as number).toFixed(0)} days; turbulent: σ ${((stdDaily[1] as number) * 100).toFixed(2)} %, ${(durations[1] as number).toFixed(0)} days`,
      `  out of sample (after ${trainEnd}) the causal filter put ${(turbulentShare * 100).toFixed(1)} % of days in the turbulent regime`,
    ],
  };
}
