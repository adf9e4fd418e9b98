import type { Order } from "@quantkit/backtest";

/**
 * A kernel order as the engine would hand it to a gateway (status PENDING_NEW, a market GTC order of strategy `"s"`,
 * client order id `qk-<id>`), for gateway tests and benchmarks; `fields` override any of it.
 *
 * @example
 * kernelOrder("1", { symbol: "X", side: "buy", qty: 10 }).clientOrderId // → "qk-1"
 */
export function kernelOrder(
  id: string,
  fields: Partial<Order> & Pick<Order, "symbol" | "side" | "qty">,
): Order {
  return {
    id,
    clientOrderId: `qk-${id}`,
    type: "market",
    limitPrice: undefined,
    stopPrice: undefined,
    trailAmount: undefined,
    trailPercent: undefined,
    tif: "GTC",
    expireAt: undefined,
    strategyId: "s",
    ocoGroup: undefined,
    tag: undefined,
    status: "PENDING_NEW",
    venueOrderId: undefined,
    filledQty: 0,
    avgFillPrice: Number.NaN,
    createdTs: 0,
    updatedTs: 0,
    reason: undefined,
    parentId: undefined,
    ...fields,
  } as Order;
}
