import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { type Series, toSeries } from "./moments.js";
import { type TradeMonteCarloParams, tradeMonteCarloKernel } from "./trade-monte-carlo-kernel.js";
import { allocate, type RunOptions, runKernel } from "./worker-pool.js";

/** Options of {@link tradeMonteCarlo}. */
export const tradeMonteCarloOptions = z.object({
  /** `"shuffle"` permutes the trade order (final equity is then fixed, drawdowns vary); `"bootstrap"` resamples with replacement. @default "bootstrap" */
  method: z.enum(["shuffle", "bootstrap"]).default("bootstrap"),
  /** Number of simulated trade sequences. @default 10000 */
  simulations: z.number().int().min(1).default(10_000),
  /** Trades per bootstrap sequence. @default the number of trades */
  trades: z.number().int().min(1).optional(),
  /** Starting equity. @default 1 */
  initialEquity: z.number().positive().default(1),
  seed: z.number().int().default(0),
});
/** Input type of the options described by the zod schema above (TradeMonteCarloOptions); field docs are on the schema. */
export type TradeMonteCarloOptions = z.input<typeof tradeMonteCarloOptions> & RunOptions;

/** Distributions from {@link tradeMonteCarlo}, one value per simulated sequence. */
export interface TradeMonteCarloResult {
  /** Equity after the last trade: initialEquity·Π(1 + r). */
  readonly finalEquity: Float64Array;
  /** Maximum drawdown as a positive fraction of the running peak (peak includes the initial equity). */
  readonly maxDrawdown: Float64Array;
  /** Longest run of consecutive trades that end below the running peak (time under water, in trades). */
  readonly timeUnderWater: Float64Array;
  /** Fraction of sequences whose maximum drawdown exceeds `x` (strictly). */
  probabilityMaxDrawdownExceeds(x: number): number;
  /** Fraction of sequences whose final equity is below `x`. */
  probabilityFinalEquityBelow(x: number): number;
}

/**
 * Trade-level Monte Carlo for strategy robustness: shuffles or bootstraps a backtest's per-trade returns and
 * reports the distributions of final equity, maximum drawdown and time under water, with tail probabilities.
 * Sequence `i` uses stream `i`, so results do not depend on `workers`.
 *
 * @param tradeReturns - per-trade simple returns (e.g. 0.02 = +2 % of equity).
 * @param options - `method` ("bootstrap" default | "shuffle"), `simulations` (10000), `trades`, `initialEquity` (1),
 *   `seed` (0), and run options.
 * @example
 * const mc = await tradeMonteCarlo([0.02, -0.01, 0.03, -0.02], { method: "shuffle", simulations: 1000, seed: 1 });
 * mc.probabilityMaxDrawdownExceeds(0.025); // → fraction of orderings with a drawdown deeper than 2.5 %
 * @see https://doi.org/10.2139/ssrn.2308659 (Bailey et al., Pseudo-mathematics and financial charlatanism)
 */
export async function tradeMonteCarlo(
  tradeReturns: Series,
  options: TradeMonteCarloOptions = {},
): Promise<TradeMonteCarloResult> {
  const o = parseWith(tradeMonteCarloOptions, options, "tradeMonteCarlo options");
  const returns = toSeries(tradeReturns, "tradeMonteCarlo trade returns", 1);
  const shuffle = o.method === "shuffle";
  const params: TradeMonteCarloParams = {
    returns,
    shuffle,
    trades: shuffle ? returns.length : (o.trades ?? returns.length),
    e0: o.initialEquity,
    seed: o.seed,
  };
  const out = await runKernel(
    "tradeMonteCarlo",
    tradeMonteCarloKernel,
    params,
    o.simulations,
    (shared) => ({
      finalEquity: allocate(o.simulations, shared),
      maxDrawdown: allocate(o.simulations, shared),
      timeUnderWater: allocate(o.simulations, shared),
    }),
    options,
  );
  const frac = (a: Float64Array, pred: (v: number) => boolean) => {
    let c = 0;
    for (let i = 0; i < a.length; i++) if (pred(a[i]!)) c++;
    return c / a.length;
  };
  return {
    finalEquity: out.finalEquity,
    maxDrawdown: out.maxDrawdown,
    timeUnderWater: out.timeUnderWater,
    probabilityMaxDrawdownExceeds: (x) => frac(out.maxDrawdown, (v) => v > x),
    probabilityFinalEquityBelow: (x) => frac(out.finalEquity, (v) => v < x),
  };
}
