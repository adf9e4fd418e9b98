import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { normalInv, normalPdf } from "./distributions.js";
import { tailCount } from "./value-at-risk.js";

/** Portfolio VaR with its decomposition by position (all in currency units, losses positive). */
export interface PortfolioVar {
  /** Portfolio VaR (positive loss). */
  readonly valueAtRisk: number;
  /** Portfolio expected shortfall (positive loss). */
  readonly expectedShortfall: number;
  /** ∂VaR/∂w_i: the VaR change per unit of position i. */
  readonly marginal: Float64Array;
  /** Component VaR w_i·∂VaR/∂w_i; sums to `valueAtRisk` (Euler allocation). */
  readonly component: Float64Array;
  /** Component expected shortfall; sums to `expectedShortfall`. */
  readonly componentES: Float64Array;
  /** Portfolio P&L standard deviation (gaussian) or of the scenarios. */
  readonly std: number;
}

const gaussianInput = z.object({
  /** Position values in currency (negative = short). */
  positions: z.array(z.number().finite()).min(1),
  /** Covariance of the assets' per-period returns. */
  covariance: z.array(z.array(z.number().finite())),
  /** Mean per-period returns. @default zeros */
  mean: z.array(z.number().finite()).optional(),
  /** Confidence level. @default 0.95 */
  level: z.number().gt(0.5).lt(1).default(0.95),
  /** Horizon in periods: mean × h, covariance × h. @default 1 */
  horizon: z.number().int().min(1).default(1),
});

/**
 * Parametric (delta-normal) portfolio VaR from positions and a covariance: σ_p = √(wᵀΣw),
 * VaR = z·σ_p − wᵀμ, marginal VaR_i = z·(Σw)_i/σ_p − μ_i, component VaR_i = w_i·marginal_i (summing to VaR),
 * ES = φ(z)/(1 − level)·σ_p − wᵀμ with components w_i·(φ(z)/(1 − level)·(Σw)_i/σ_p − μ_i). z = Φ⁻¹(level);
 * horizon h scales μ by h and Σ by h.
 *
 * @param input - `positions` (currency), `covariance` (per period), `mean` (per period, default 0), `level` (0.95),
 *   `horizon` (1).
 * @example
 * portfolioVaR({ positions: [1e6, 5e5], covariance: [[1e-4, 2e-5], [2e-5, 4e-4]], level: 0.99 }).valueAtRisk;
 * // → 34 505 (= Φ⁻¹(0.99)·√(wᵀΣw) = 2.3263·√2.2e8)
 * @see https://doi.org/10.21314/JOR.1999.023 (Tasche / Garman: component VaR)
 */
export function portfolioVaR(input: z.input<typeof gaussianInput>): PortfolioVar {
  const o = parseWith(gaussianInput, input, "portfolioVaR input");
  const n = o.positions.length;
  const issues = [];
  if (o.covariance.length !== n || o.covariance.some((r) => r.length !== n)) {
    issues.push({
      path: "covariance",
      message: `expected a ${n}×${n} matrix (one row and column per position)`,
    });
  }
  if (o.mean && o.mean.length !== n)
    issues.push({ path: "mean", message: `expected ${n} values, got ${o.mean.length}` });
  if (issues.length > 0) throw new ValidationError("portfolioVaR input", issues);
  const w = o.positions;
  const h = o.horizon;
  const mu = (i: number) => (o.mean ? o.mean[i]! * h : 0);
  const sw = new Float64Array(n);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += o.covariance[i]![j]! * h * w[j]!;
    sw[i] = s;
    variance += w[i]! * s;
  }
  if (!(variance > 0)) {
    throw new ValidationError("portfolioVaR input", [
      { path: "covariance", message: `portfolio variance wᵀΣw must be > 0, got ${variance}` },
    ]);
  }
  const sd = Math.sqrt(variance);
  const z = normalInv(o.level);
  const k = normalPdf(z) / (1 - o.level);
  const marginal = new Float64Array(n);
  const component = new Float64Array(n);
  const componentES = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    marginal[i] = (z * sw[i]!) / sd - mu(i);
    component[i] = w[i]! * marginal[i]!;
    componentES[i] = w[i]! * ((k * sw[i]!) / sd - mu(i));
    m += w[i]! * mu(i);
  }
  return {
    valueAtRisk: z * sd - m,
    expectedShortfall: k * sd - m,
    marginal,
    component,
    componentES,
    std: sd,
  };
}

const scenarioInput = z.object({
  positions: z.array(z.number().finite()).min(1),
  /** Confidence level. @default 0.95 */
  level: z.number().gt(0.5).lt(1).default(0.95),
});

/**
 * Portfolio VaR/ES from joint scenarios (historical or simulated returns, `scenarios × assets` row-major), with the
 * Rockafellar–Uryasev rule of {@link valueAtRisk} on the portfolio P&L Σ_i w_i·r_{s,i}. Components: component ES_i
 * is −w_i times the mean return of asset i over the k worst portfolio scenarios plus the RU tail-weight correction,
 * so they sum to the ES exactly; component VaR_i = −w_i·r_{s*,i} at the VaR scenario s* (sums to VaR); marginal_i =
 * component_i / w_i.
 *
 * @param scenarios - row-major `scenarios × assets` per-period returns (e.g. `simulateCorrelated` terminal returns).
 * @param assets - number of columns.
 * @param input - `positions` (currency), `level` (0.95).
 * @example
 * scenarioPortfolioVaR(returnsMatrix, 3, { positions: [1e6, 2e6, -5e5], level: 0.99 }).component; // sums to VaR
 * @see https://doi.org/10.21314/JOR.2000.038 (Rockafellar & Uryasev 2000)
 */
export function scenarioPortfolioVaR(
  scenarios: Float64Array,
  assets: number,
  input: z.input<typeof scenarioInput>,
): PortfolioVar {
  const o = parseWith(scenarioInput, input, "scenarioPortfolioVaR input");
  if (o.positions.length !== assets || scenarios.length % assets !== 0 || scenarios.length === 0) {
    throw new ValidationError("scenarioPortfolioVaR input", [
      {
        path: "positions",
        message: `expected ${assets} positions and a scenarios length divisible by ${assets}`,
      },
    ]);
  }
  const S = scenarios.length / assets;
  const w = o.positions;
  const pnl = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let v = 0;
    for (let a = 0; a < assets; a++) {
      const x = scenarios[s * assets + a]!;
      if (!Number.isFinite(x)) {
        throw new ValidationError("scenarioPortfolioVaR input", [
          { path: `scenarios.${s}.${a}`, message: `expected a finite return, got ${x}` },
        ]);
      }
      v += w[a]! * x;
    }
    pnl[s] = v;
  }
  const order = Array.from({ length: S }, (_, i) => i).sort((a, b) => pnl[a]! - pnl[b]! || a - b);
  const k = tailCount(o.level, S);
  const alphaN = (1 - o.level) * S;
  const star = order[k - 1]!;
  const q = pnl[star]!;
  let excess = 0;
  for (let j = 0; j < k; j++) excess += pnl[order[j]!]! - q;
  const es = -q - excess / alphaN;
  const component = new Float64Array(assets);
  const componentES = new Float64Array(assets);
  const marginal = new Float64Array(assets);
  for (let a = 0; a < assets; a++) {
    const atStar = w[a]! * scenarios[star * assets + a]!;
    let tail = 0;
    for (let j = 0; j < k; j++) tail += w[a]! * scenarios[order[j]! * assets + a]! - atStar;
    component[a] = -atStar;
    componentES[a] = -atStar - tail / alphaN;
    marginal[a] = w[a] === 0 ? 0 : component[a]! / w[a]!;
  }
  let m = 0;
  for (let s = 0; s < S; s++) m += pnl[s]!;
  m /= S;
  let v = 0;
  for (let s = 0; s < S; s++) v += (pnl[s]! - m) ** 2;
  return {
    valueAtRisk: -q,
    expectedShortfall: es,
    marginal,
    component,
    componentES,
    std: Math.sqrt(v / (S - 1)),
  };
}
