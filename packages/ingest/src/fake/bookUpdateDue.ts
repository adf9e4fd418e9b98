/**
 * Whether a fake venue publishes book update `update` before trade `trade`: the `updates` book updates are spread
 * evenly over the `trades` trades (update k goes before trade ⌊(k + 1)·trades / (updates + 1)⌋).
 * @param update - index of the next book update.
 * @param updates - number of book updates.
 * @param trade - index of the trade about to be published.
 * @param trades - number of trades.
 * @example
 * bookUpdateDue(0, 1, 5, 10) // → true (the only update goes before trade 5 of 10)
 * @see https://en.wikipedia.org/wiki/Bresenham%27s_line_algorithm
 */
export function bookUpdateDue(update: number, updates: number, trade: number, trades: number): boolean {
  return update < updates && trade >= Math.floor(((update + 1) * trades) / (updates + 1));
}
