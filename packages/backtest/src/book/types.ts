/** Side of an order or of the book: `"buy"` orders rest on the bid side, `"sell"` orders on the ask side. */
export type BookSide = "buy" | "sell";

/**
 * Called for every execution while matching: the resting (maker) order, the aggressor's id (or -1 for an
 * anonymous `match`), the maker's price and the traded quantity. Primitive arguments: no allocation per fill.
 */
export type FillListener = (makerId: number, takerId: number, price: number, qty: number) => void;
