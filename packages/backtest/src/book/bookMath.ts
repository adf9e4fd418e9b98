/**
 * Order-book imbalance of the top levels: `(bidQty − askQty) / (bidQty + askQty)` in [−1, 1]; NaN when both are 0.
 *
 * @param bidQty - quantity on the bid side (summed over the levels considered).
 * @param askQty - quantity on the ask side.
 * @example
 * bookImbalance(3, 1); // → 0.5
 * @see Cartea, Jaimungal & Penalva, "Algorithmic and High-Frequency Trading" (2015), §4.3 (volume imbalance)
 */
export function bookImbalance(bidQty: number, askQty: number): number {
  const t = bidQty + askQty;
  return t > 0 ? (bidQty - askQty) / t : Number.NaN;
}

/**
 * Microprice: the mid weighted by the opposite side's size, `(bid × askQty + ask × bidQty) / (bidQty + askQty)` —
 * it leans towards the side more likely to be hit next. NaN when a side is missing.
 *
 * @example
 * microprice(100, 3, 101, 1); // → 100.75
 * @see Stoikov, "The micro-price: a high-frequency estimator of future prices" (2018)
 */
export function microprice(bid: number, bidQty: number, ask: number, askQty: number): number {
  const t = bidQty + askQty;
  return t > 0 ? (bid * askQty + ask * bidQty) / t : Number.NaN;
}
