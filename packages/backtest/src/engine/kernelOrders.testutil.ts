import { type Order, type OrderRequestInput, parseOrderRequest } from "../orders/order.js";
import { OrderManager } from "../orders/order-manager.js";
import { Portfolio } from "../portfolio/portfolio.js";
import { orderFill } from "./orderFill.js";

/** An order manager with helpers to walk orders through the venue's states, for the kernel helpers' tests. */
export class KernelOrders {
  readonly orders = new OrderManager();
  readonly portfolio = new Portfolio();

  /** Creates an order (NEW, not yet sent) for strategy `"s1"`. */
  created(request: OrderRequestInput): Order {
    return this.orders.create(parseOrderRequest(request, "s1"), 0);
  }

  /** Creates an order and sends it (PENDING_NEW). */
  sent(request: OrderRequestInput): Order {
    const o = this.created(request);
    return this.orders.transition(o.id, "PENDING_NEW", { ts: 0, initiator: "strategy" });
  }

  /** Creates, sends and acknowledges an order. */
  working(request: OrderRequestInput): Order {
    const o = this.sent(request);
    return this.orders.transition(o.id, "ACKNOWLEDGED", { ts: 1, initiator: "venue", venueOrderId: "V1" });
  }

  /** Fills `qty` of a working order at `price` (FILLED when nothing is left). */
  fill(o: Order, qty: number, price: number): Order {
    const cur = this.orders.get(o.id)!;
    const fill = orderFill(cur, qty, price, 0, true, 2, this.portfolio);
    const to = cur.filledQty + qty >= cur.qty ? "FILLED" : "PARTIAL_FILL";
    return this.orders.transition(o.id, to, { ts: 2, initiator: "venue", fill });
  }

  /** Moves a working order to PENDING_CANCEL or PENDING_REPLACE. */
  pending(o: Order, to: "PENDING_CANCEL" | "PENDING_REPLACE"): Order {
    return this.orders.transition(o.id, to, { ts: 3, initiator: "strategy" });
  }
}
