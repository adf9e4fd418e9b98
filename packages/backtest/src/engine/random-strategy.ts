import { Rng } from "@quantkit/core";
import type { OrderRequestInput } from "../orders/order.js";
import type { BarView, Strategy, StrategyContext } from "./strategy.js";

/**
 * A strategy that trades at random (seeded): every order type, TIF, cancels and replaces. It exists to drive
 * property tests of the kernel (replay, no look-ahead, P&L conservation) through every code path.
 *
 * @example
 * new Engine({ bars: [b], strategy: new RandomStrategy(7) }).run().orders.length // → some orders
 */
export class RandomStrategy implements Strategy {
  readonly id = "random";
  private readonly rng: Rng;
  constructor(
    seed: number,
    private readonly activity = 0.3,
  ) {
    this.rng = new Rng(seed, 99);
  }

  onBar(bar: BarView, ctx: StrategyContext): void {
    const r = this.rng;
    if (r.next() < this.activity) {
      const side = r.next() < 0.5 ? "buy" : "sell";
      const type = (["market", "limit", "stop", "stop-limit", "trailing-stop", "moc", "moo"] as const)[
        r.int(7)
      ]!;
      const tif = (["GTC", "DAY", "IOC", "FOK", "GTC"] as const)[r.int(5)]!;
      const off = 1 + (r.next() - 0.5) * 0.06;
      const px = Math.round(bar.close * off * 100) / 100;
      const req: OrderRequestInput = { symbol: bar.symbol, side, qty: 1 + r.int(10), type, tif };
      if (type === "limit") req.limitPrice = px;
      if (type === "stop") req.stopPrice = px;
      if (type === "stop-limit") {
        req.stopPrice = px;
        req.limitPrice = Math.round(px * (side === "buy" ? 1.01 : 0.99) * 100) / 100;
      }
      if (type === "trailing-stop")
        req.trailAmount = Math.max(0.01, Math.round(bar.close * 0.02 * 100) / 100);
      if (r.next() < 0.1)
        ctx.submitBracket({
          entry: { ...req, type: "market", tif: "GTC" },
          takeProfit: px * 1.05,
          stopLoss: px * 0.95,
        });
      else ctx.submit(req);
    }
    const open = ctx
      .openOrders(bar.symbol)
      .filter((o) => o.status === "ACKNOWLEDGED" || o.status === "PARTIAL_FILL");
    if (open.length > 0 && r.next() < 0.2) {
      const o = open[r.int(open.length)]!;
      if (r.next() < 0.5) ctx.cancel(o.id);
      else ctx.replace(o.id, { qty: o.qty + 1 });
    }
  }
}
