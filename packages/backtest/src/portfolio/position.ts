/**
 * Net position in one symbol (optionally for one strategy): signed quantity, average entry price, realized P&L, and
 * the last mark. Handles opening, adding, reducing, closing and flipping through zero.
 *
 * Realized P&L on a reducing fill of `q` units at `p` is `q·(p − avgPrice)·sign(position)`; a flip realizes the
 * closed part and opens the rest at `p`. Commissions are tracked separately (not in `avgPrice`).
 *
 * @example
 * const p = new Position("SPY"); p.apply(10, 100); p.apply(-15, 110);
 * [p.qty, p.avgPrice, p.realized] // → [-5, 110, 100]
 */
export class Position {
  qty = 0;
  avgPrice = 0;
  realized = 0;
  commissions = 0;
  lastPrice = Number.NaN;
  /** Sum of |qty| traded, for turnover. */
  traded = 0;
  constructor(readonly symbol: string) {}

  /** Applies a signed fill (`dq > 0` buys); returns the P&L realized by it. */
  apply(dq: number, price: number): number {
    const q = this.qty;
    let realized = 0;
    this.traded += Math.abs(dq);
    if (q === 0 || Math.sign(q) === Math.sign(dq)) {
      const nq = q + dq;
      this.avgPrice = (this.avgPrice * q + price * dq) / nq;
      this.qty = nq;
    } else {
      const closing = Math.min(Math.abs(dq), Math.abs(q));
      realized = closing * (price - this.avgPrice) * Math.sign(q);
      const nq = q + dq;
      if (nq === 0) {
        this.qty = 0;
        this.avgPrice = 0;
      } else if (Math.sign(nq) === Math.sign(q)) {
        this.qty = nq;
      } else {
        this.qty = nq;
        this.avgPrice = price;
      }
    }
    this.realized += realized;
    if (Number.isNaN(this.lastPrice)) this.lastPrice = price;
    return realized;
  }

  /** Unrealized P&L at the last mark (0 when flat). */
  get unrealized(): number {
    return this.qty === 0 ? 0 : this.qty * (this.lastPrice - this.avgPrice);
  }

  /** Signed market value at the last mark. */
  get marketValue(): number {
    return this.qty === 0 ? 0 : this.qty * this.lastPrice;
  }
}
