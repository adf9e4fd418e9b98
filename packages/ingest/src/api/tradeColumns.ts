import type { TradeColumns } from "@quantkit/core";

/**
 * Trade rows (objects) as the columns a {@link TradeSource} returns and a store takes, in the rows' order.
 * @param trades - rows with `ts` (UTC epoch ms), `price`, `size` and aggressor `side` (+1 buy, −1 sell).
 * @param symbol - the symbol the columns are labelled with.
 * @example
 * tradeColumns([{ ts: 1000, price: 10, size: 2, side: -1 }], "BTC-USD").price // → Float64Array [10]
 * @see TradeColumns in `@quantkit/core`
 */
export function tradeColumns(
  trades: readonly {
    readonly ts: number;
    readonly price: number;
    readonly size: number;
    readonly side: number;
  }[],
  symbol: string,
): TradeColumns {
  return {
    symbol,
    length: trades.length,
    ts: Float64Array.from(trades, (t) => t.ts),
    price: Float64Array.from(trades, (t) => t.price),
    size: Float64Array.from(trades, (t) => t.size),
    side: Float64Array.from(trades, (t) => t.side),
  };
}
