import { z } from "zod";
import { alpacaOrder } from "./order.js";
import { nullableDecimal, nullableTimestamp } from "./primitives.js";

/**
 * Events of the `trade_updates` stream.
 *
 * @example
 * tradeUpdateEvent.parse("partial_fill") // → "partial_fill"
 */
export const tradeUpdateEvent = z.enum([
  "new",
  "fill",
  "partial_fill",
  "canceled",
  "expired",
  "done_for_day",
  "replaced",
  "rejected",
  "pending_new",
  "stopped",
  "pending_cancel",
  "pending_replace",
  "calculated",
  "suspended",
  "order_replace_rejected",
  "order_cancel_rejected",
]);
/** A `trade_updates` event name. */
export type TradeUpdateEvent = z.infer<typeof tradeUpdateEvent>;

/**
 * The `data` of a `trade_updates` message: the event, the order as it is now, and for fills the execution
 * (`price`, `qty`, `position_qty`, `timestamp`, `execution_id`).
 *
 * @example
 * tradeUpdate.parse(fillMessage.data).event // → "fill"
 * @see https://docs.alpaca.markets/docs/websocket-streaming#order-updates
 */
export const tradeUpdate = z.looseObject({
  event: tradeUpdateEvent,
  execution_id: z.string().optional(),
  order: alpacaOrder,
  timestamp: nullableTimestamp,
  price: nullableDecimal,
  qty: nullableDecimal,
  position_qty: nullableDecimal,
});
/** A parsed trade update. */
export type TradeUpdate = z.infer<typeof tradeUpdate>;

/**
 * Any server message on the trading WebSocket (`wss://paper-api.alpaca.markets/stream`), discriminated by `stream`:
 * `authorization`, `listening` or `trade_updates`.
 *
 * @example
 * tradingStreamMessage.parse({ stream: "listening", data: { streams: ["trade_updates"] } }).stream // → "listening"
 * @see https://docs.alpaca.markets/docs/websocket-streaming
 */
export const tradingStreamMessage = z.discriminatedUnion("stream", [
  z.object({
    stream: z.literal("authorization"),
    data: z.looseObject({ status: z.enum(["authorized", "unauthorized"]), action: z.string() }),
  }),
  z.object({ stream: z.literal("listening"), data: z.looseObject({ streams: z.array(z.string()) }) }),
  z.object({ stream: z.literal("trade_updates"), data: tradeUpdate }),
]);
/** A parsed trading-stream message. */
export type TradingStreamMessage = z.infer<typeof tradingStreamMessage>;

/**
 * A client message on the trading WebSocket: `authenticate` (key id + secret) or `listen`.
 *
 * @example
 * tradingStreamAction.parse({ action: "listen", data: { streams: ["trade_updates"] } }).action // → "listen"
 */
export const tradingStreamAction = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("authenticate"),
    data: z.object({ key_id: z.string(), secret_key: z.string() }),
  }),
  z.object({ action: z.literal("listen"), data: z.object({ streams: z.array(z.string()) }) }),
]);
/** A parsed trading-stream client action. */
export type TradingStreamAction = z.infer<typeof tradingStreamAction>;
