import type { TradeColumns } from "@quantkit/core";

/**
 * Where {@link startBarsApi} gets the trades of a missing range: every trade with `start ≤ ts < end` (UTC epoch
 * ms), in order. Implemented by `binanceTradeSource` and `coinbaseTradeSource`.
 */
export type TradeSource = (symbol: string, start: number, end: number) => Promise<TradeColumns>;
