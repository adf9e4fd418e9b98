import { z } from "zod";
import { decimalString, nullableDecimal, nullableTimestamp, rfc3339String } from "./primitives.js";

/**
 * Order statuses of the Trading API v2 (`OrderStatus` in the OpenAPI spec).
 *
 * @example
 * alpacaOrderStatus.parse("partially_filled") // → "partially_filled"
 */
export const alpacaOrderStatus = z.enum([
  "new",
  "partially_filled",
  "filled",
  "done_for_day",
  "canceled",
  "expired",
  "replaced",
  "pending_cancel",
  "pending_replace",
  "accepted",
  "pending_new",
  "accepted_for_bidding",
  "stopped",
  "rejected",
  "suspended",
  "calculated",
  "held",
]);
/** An Alpaca order status. */
export type AlpacaOrderStatus = z.infer<typeof alpacaOrderStatus>;

/**
 * The statuses in which an Alpaca order is still working: at the broker or on its way there, so it may still fill.
 *
 * @example
 * alpacaOpenStatuses.has("partially_filled") // → true
 * alpacaOpenStatuses.has("replaced") // → false (its replacement is the working order)
 * @see https://docs.alpaca.markets/docs/orders-at-alpaca#order-lifecycle
 */
export const alpacaOpenStatuses: ReadonlySet<string> = new Set<AlpacaOrderStatus>([
  "new",
  "accepted",
  "pending_new",
  "partially_filled",
  "pending_cancel",
  "pending_replace",
  "accepted_for_bidding",
  "held",
  "calculated",
]);

/**
 * Order types (`OrderType`).
 *
 * @example
 * alpacaOrderType.parse("stop_limit") // → "stop_limit"
 */
export const alpacaOrderType = z.enum(["market", "limit", "stop", "stop_limit", "trailing_stop"]);
/**
 * Time in force (`TimeInForce`).
 *
 * @example
 * alpacaTimeInForce.parse("ioc") // → "ioc"
 */
export const alpacaTimeInForce = z.enum(["day", "gtc", "opg", "cls", "ioc", "fok"]);
/**
 * Order side (`OrderSide`).
 *
 * @example
 * alpacaSide.parse("sell") // → "sell"
 */
export const alpacaSide = z.enum(["buy", "sell"]);
/**
 * Asset class (`AssetClass`).
 *
 * @example
 * alpacaAssetClass.parse("us_equity") // → "us_equity"
 */
export const alpacaAssetClass = z.enum(["us_equity", "us_option", "crypto", "ipo"]);

const orderShape = {
  id: z.string().min(1),
  client_order_id: z.string(),
  created_at: rfc3339String,
  updated_at: nullableTimestamp,
  submitted_at: nullableTimestamp,
  filled_at: nullableTimestamp,
  expired_at: nullableTimestamp,
  expires_at: nullableTimestamp,
  canceled_at: nullableTimestamp,
  failed_at: nullableTimestamp,
  replaced_at: nullableTimestamp,
  replaced_by: z.string().nullable().optional(),
  replaces: z.string().nullable().optional(),
  asset_id: z.string().optional(),
  /** Empty on a multi-leg parent order (its legs carry the symbols). */
  symbol: z.string(),
  /** `""` on a multi-leg parent order (Alpaca's own example). */
  asset_class: z.union([alpacaAssetClass, z.literal("")]).optional(),
  notional: nullableDecimal,
  qty: nullableDecimal,
  filled_qty: decimalString,
  filled_avg_price: nullableDecimal,
  order_class: z.enum(["simple", "bracket", "oco", "oto", "mleg", ""]).optional(),
  order_type: z.string().optional(),
  ratio_qty: nullableDecimal,
  /** `""` on a multi-leg parent order and its legs (Alpaca's own example). */
  type: z.union([alpacaOrderType, z.literal("")]),
  /** `""` on a multi-leg parent order. */
  side: z.union([alpacaSide, z.literal("")]).optional(),
  time_in_force: alpacaTimeInForce,
  limit_price: nullableDecimal,
  stop_price: nullableDecimal,
  status: alpacaOrderStatus,
  extended_hours: z.boolean().optional(),
  trail_percent: nullableDecimal,
  trail_price: nullableDecimal,
  /** High-water mark of a trailing stop (free text in the spec; a placeholder string in SDK fixtures). */
  hwm: z.string().nullable().optional(),
  position_intent: z.enum(["buy_to_open", "buy_to_close", "sell_to_open", "sell_to_close"]).optional(),
};

/**
 * An Alpaca order (`Order` in the Trading API OpenAPI spec): numbers are decimal strings, timestamps RFC 3339 with
 * up to nanoseconds. Unknown extra fields are kept (the API adds fields over time); `legs` holds nested orders.
 *
 * @example
 * alpacaOrder.parse(orderJson).filled_qty // → "0"
 * @see https://docs.alpaca.markets/reference/postorder (response: Order)
 */
export const alpacaOrder = z.looseObject({
  ...orderShape,
  legs: z.array(z.looseObject(orderShape)).nullable().optional(),
});
/** A parsed Alpaca order. */
export type AlpacaOrder = z.infer<typeof alpacaOrder>;

/**
 * Body of `POST /v2/orders` (the subset quantkit sends): quantities and prices as decimal strings.
 *
 * @example
 * alpacaOrderRequest.parse({ symbol: "SPY", qty: "1", side: "buy", type: "market", time_in_force: "day" }).qty // → "1"
 * @see https://docs.alpaca.markets/reference/postorder
 */
export const alpacaOrderRequest = z.object({
  symbol: z.string().min(1),
  qty: decimalString.optional(),
  notional: decimalString.optional(),
  side: alpacaSide,
  type: alpacaOrderType,
  time_in_force: alpacaTimeInForce,
  limit_price: decimalString.optional(),
  stop_price: decimalString.optional(),
  trail_price: decimalString.optional(),
  trail_percent: decimalString.optional(),
  extended_hours: z.boolean().optional(),
  client_order_id: z.string().min(1).max(128).optional(),
  order_class: z.enum(["simple", "bracket", "oco", "oto", "mleg", ""]).optional(),
});
/** A `POST /v2/orders` body. */
export type AlpacaOrderRequest = z.infer<typeof alpacaOrderRequest>;

/**
 * Body of `PATCH /v2/orders/{order_id}` (replace).
 *
 * @example
 * alpacaReplaceRequest.parse({ qty: "5" }).qty // → "5"
 * @see https://docs.alpaca.markets/reference/patchorderbyorderid
 */
export const alpacaReplaceRequest = z.object({
  qty: decimalString.optional(),
  time_in_force: alpacaTimeInForce.optional(),
  limit_price: decimalString.optional(),
  stop_price: decimalString.optional(),
  trail: decimalString.optional(),
  client_order_id: z.string().min(1).max(128).optional(),
});
/** A `PATCH /v2/orders/{id}` body. */
export type AlpacaReplaceRequest = z.infer<typeof alpacaReplaceRequest>;
