// %% [markdown]
// # Regimes: HMM, fuzzy logic and confidence — without look-ahead
// A Gaussian HMM's *filtered* probabilities use only the past (what a backtest may use); *smoothed* ones use the
// future (analysis only). This notebook fits a 2-state model on ORCL returns, compares filtered and smoothed
// probabilities, looks at the transition matrix with Bayesian credible intervals, and checks causality.
// %%
import { openStore } from "@quantkit/data";
import { GaussianHmm, OnlineHmmFilter, DirichletTransitions, selectStates } from "@quantkit/regimes";
import { regimeFigure, heatmapFigure, show } from "@quantkit/viz";

const store = await openStore();
const bars = await store.getBars({ symbol: "ORCL", timeframe: "1d" });
await store.close();
const n = bars.length - 1;
const returns = new Float64Array(n);
for (let i = 0; i < n; i++) returns[i] = Math.log(bars.close[i + 1]! / bars.close[i]!);
// %% [markdown]
// ## Choosing the number of states
// %%
const selection = selectStates(returns, { maxStates: 3, seed: 1 });
console.table(selection.candidates.map((c) => ({ K: c.nStates, logLikelihood: c.logLikelihood.toFixed(1), bic: c.bic.toFixed(1) })));
// %% [markdown]
// ## Fit, filter, smooth
// States are labelled canonically (here by variance), so the same data and seed always give the same labels.
// %%
const hmm = new GaussianHmm({ nStates: 2, seed: 1, labelOrder: { by: "variance" } }).fit(returns);
console.log(hmm.report);
const filtered = hmm.filter(returns);
const smoothed = hmm.smooth(returns);
const col = (p: Float64Array, k: number) => Float64Array.from({ length: n }, (_, t) => p[t * 2 + k]!);
show(regimeFigure({ ts: bars.ts.subarray(1), price: bars.close.subarray(1), probabilities: [col(filtered, 0), col(filtered, 1)], stateNames: ["calm", "turbulent"] }, { title: "ORCL regimes — filtered (causal)", priceTitle: "Price (USD)" }));
// %%
show(regimeFigure({ ts: bars.ts.subarray(1), price: bars.close.subarray(1), probabilities: [col(smoothed, 0), col(smoothed, 1)], stateNames: ["calm", "turbulent"], probabilityKind: "Smoothed probability" }, { title: "ORCL regimes — smoothed (uses the future)", priceTitle: "Price (USD)" }));
// %% [markdown]
// ## Causality, checked
// Filtered probabilities up to t are bit-identical when future observations are appended; smoothed ones are not.
// %%
const half = Math.floor(n / 2);
const fHalf = hmm.filter(returns.subarray(0, half));
const sHalf = hmm.smooth(returns.subarray(0, half));
let fDiff = 0, sDiff = 0;
for (let i = 0; i < half * 2; i++) { if (!Object.is(fHalf[i], filtered[i])) fDiff++; if (!Object.is(sHalf[i], smoothed[i])) sDiff++; }
console.log({ filteredValuesThatChanged: fDiff, smoothedValuesThatChanged: sDiff });
// %% [markdown]
// ## Online filtering and Bayesian transitions
// %%
const online = new OnlineHmmFilter(hmm);
const bayes = new DirichletTransitions({ nStates: 2, prior: 1 });
for (let t = 0; t < n; t++) { online.update(returns[t]!); if (t > 0) bayes.addCounts(online.joint()); }
const mean = bayes.posteriorMean();
console.log("posterior mean transition matrix", Array.from(mean).map((x) => x.toFixed(4)));
console.log("95% credible interval of p(calm → turbulent):", bayes.credibleInterval(0, 1, 0.95));
show(heatmapFigure([[mean[0]!, mean[1]!], [mean[2]!, mean[3]!]], { title: "Transition matrix (posterior mean)", xLabels: ["calm", "turbulent"], yLabels: ["calm", "turbulent"], xTitle: "To", yTitle: "From", colorTitle: "P" }));
