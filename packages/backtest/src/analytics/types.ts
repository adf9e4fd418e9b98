/**
 * An equity curve: account equity sampled at increasing times, one sample per period (e.g. per bar close).
 *
 * @example
 * const curve: EquityCurve = { ts: Float64Array.of(0, 86_400_000), equity: Float64Array.of(100, 101) };
 */
export interface EquityCurve {
  /** Sample times, UTC epoch ms, strictly increasing. */
  readonly ts: Float64Array;
  /** Equity in account currency at each `ts`, > 0. */
  readonly equity: Float64Array;
}

/**
 * One closed round-trip trade, as the analytics read it. `qty` is the absolute quantity (the side does not enter
 * any metric here); `pnl` is realized P&L NET of fees; `fees` and `slippage` are what the trade paid, in account
 * currency (slippage = |fill − reference price| × qty summed over entry and exit).
 *
 * @example
 * const t: TradeRecord = { symbol: "ORCL", entryTs: 0, exitTs: 86_400_000, qty: 10, entryPrice: 40, exitPrice: 41, pnl: 9.6, fees: 0.4 };
 */
export interface TradeRecord {
  readonly symbol: string;
  readonly entryTs: number;
  readonly exitTs: number;
  readonly qty: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly pnl: number;
  readonly fees: number;
  readonly slippage?: number | undefined;
}
