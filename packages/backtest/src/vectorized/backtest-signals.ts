import type { Bars } from "@quantkit/core";
import { z } from "zod";
import { type Commission, commissionFor, commissionSchema } from "../portfolio/commission.js";

/**
 * Options of {@link backtestSignals}.
 *
 * @example
 * backtestSignalsOptions.parse({}).qty // → 1
 */
export const backtestSignalsOptions = z
  .object({
    initialCash: z.number().positive().default(100_000),
    /** Units per entry (ignored when `percentEquity` is set). Default 1. */
    qty: z.number().positive().default(1),
    /** Size entries as floor(equity × percentEquity / close) units at the signal bar. */
    percentEquity: z.number().positive().max(10).optional(),
    commission: commissionSchema,
    /** Fixed adverse slippage in basis points on every fill. Default 0. */
    slippageBps: z.number().min(0).default(0),
  })
  .strict();

/** Input form of {@link backtestSignalsOptions}. */
export type BacktestSignalsOptions = z.input<typeof backtestSignalsOptions>;

/** Result of {@link backtestSignals}: the equity column and counts. */
export interface SignalsResult {
  /** Equity at each bar's close (cash + position × close). */
  readonly equity: Float64Array;
  /** Number of fills (entries + exits). */
  readonly fills: number;
  /** Number of completed round trips. */
  readonly trades: number;
  readonly finalEquity: number;
  readonly finalPosition: number;
}

/**
 * Vectorized long-only backtest for sweeps: an `entries[i]` signal while flat buys at the next bar's open, an
 * `exits[i]` signal while long sells everything at the next bar's open (fixed-bps slippage, the same commission
 * schedule as the portfolio). Its arithmetic mirrors the event engine exactly, so on the same strategy both give
 * the same equity (a test checks it); one tight loop, no allocation besides the output (pass `out` to reuse it).
 *
 * @param bars - OHLCV columns (only `open` and `close` are read).
 * @param entries - 1 where a long entry is signalled at the bar's close.
 * @param exits - 1 where an exit is signalled at the bar's close.
 * @example
 * backtestSignals(bars, entries, exits, { qty: 100 }).finalEquity // → e.g. 102655.07
 * @see https://vectorbt.dev/api/portfolio/base/#vectorbt.portfolio.base.Portfolio.from_signals
 */
export function backtestSignals(
  bars: Pick<Bars, "open" | "close" | "length">,
  entries: Uint8Array,
  exits: Uint8Array,
  options: BacktestSignalsOptions = {},
  out?: Float64Array,
): SignalsResult {
  const o = backtestSignalsOptions.parse(options);
  return runSignals(
    bars.open,
    bars.close,
    bars.length,
    entries,
    exits,
    o,
    out ?? new Float64Array(bars.length),
  );
}

function runSignals(
  open: Float64Array,
  close: Float64Array,
  n: number,
  entries: Uint8Array,
  exits: Uint8Array,
  o: z.output<typeof backtestSignalsOptions>,
  eq: Float64Array,
): SignalsResult {
  const c: Commission = o.commission;
  const bps = o.slippageBps;
  const pct = o.percentEquity;
  let cash = o.initialCash;
  let pos = 0;
  let pending = 0; // signed units to trade at the next open
  let fills = 0;
  let trades = 0;
  let i = 0;
  while (i < n) {
    if (pending !== 0) {
      const op = open[i]!;
      const sgn = pending > 0 ? 1 : -1;
      const px = bps > 0 ? op + sgn * ((op * bps) / 1e4) : op;
      const q = pending * sgn;
      cash -= pending * px + commissionFor(c, q, px);
      pos += pending;
      if (pos === 0) trades++;
      pending = 0;
      fills++;
    }
    // two tight loops: equity is constant while flat and cash + pos·close while in the market, until a signal
    if (pos === 0) {
      for (; i < n; i++) {
        eq[i] = cash;
        if (entries[i] === 1) break;
      }
      if (i >= n) break;
      pending = pct === undefined ? o.qty : Math.floor((cash * pct) / close[i]!);
    } else {
      for (; i < n; i++) {
        eq[i] = cash + pos * close[i]!;
        if (exits[i] === 1) break;
      }
      if (i >= n) break;
      pending = -pos;
    }
    i++;
  }
  return { equity: eq, fills, trades, finalEquity: n > 0 ? eq[n - 1]! : o.initialCash, finalPosition: pos };
}

/**
 * Entry/exit signals of an SMA crossover: entry where fast − slow turns positive, exit where it turns negative
 * (both SMAs must be defined on the previous bar), as {@link SmaCross} decides them.
 *
 * @example
 * crossSignals(sma(close, { period: 10 }), sma(close, { period: 30 })).entries
 */
export function crossSignals(
  fast: Float64Array,
  slow: Float64Array,
): { entries: Uint8Array; exits: Uint8Array } {
  const n = fast.length;
  const entries = new Uint8Array(n);
  const exits = new Uint8Array(n);
  let prev = Number.NaN;
  for (let i = 0; i < n; i++) {
    const d = fast[i]! - slow[i]!;
    if (!Number.isNaN(prev) && !Number.isNaN(d)) {
      if (prev <= 0 && d > 0) entries[i] = 1;
      else if (prev >= 0 && d < 0) exits[i] = 1;
    }
    prev = d;
  }
  return { entries, exits };
}
