import type { TradeColumns } from "@quantkit/core";
import { tradeColumns } from "../api/tradeColumns.js";
import type { SourceTrade } from "./replayData.js";

/**
 * Test helper: replay trades as the trade columns a store should end up with (ts, price, size, aggressor side).
 * @param src - the replayed trades, in order.
 * @param symbol - the symbol they are stored under.
 * @example
 * sourceColumns(trades.slice(0, 2), "BTC-USD").length // → 2
 */
export function sourceColumns(src: readonly SourceTrade[], symbol: string): TradeColumns {
  return tradeColumns(src, symbol);
}
