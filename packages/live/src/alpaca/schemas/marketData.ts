import { z } from "zod";
import { rfc3339String } from "./primitives.js";

/**
 * A minute (or updated/daily) bar: `T` is `b`, `u` (updated) or `d` (daily).
 *
 * @example
 * streamBar.parse({ T: "b", S: "SPY", o: 1, h: 2, l: 0.5, c: 1.5, v: 10, t: "2021-02-22T19:15:00Z" }).c // → 1.5
 */
export const streamBar = z.looseObject({
  T: z.enum(["b", "u", "d"]),
  S: z.string().min(1),
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number(),
  t: rfc3339String,
  n: z.number().optional(),
  vw: z.number().optional(),
});
/**
 * A trade print (`T: "t"`).
 *
 * @example
 * streamTrade.parse({ T: "t", S: "AAPL", p: 126.55, s: 1, t: "2021-02-22T15:51:44.208Z" }).p // → 126.55
 */
export const streamTrade = z.looseObject({
  T: z.literal("t"),
  S: z.string().min(1),
  i: z.number().optional(),
  x: z.string().optional(),
  p: z.number(),
  s: z.number(),
  t: rfc3339String,
  c: z.array(z.string()).optional(),
  z: z.string().optional(),
});
/**
 * A quote (`T: "q"`).
 *
 * @example
 * streamQuote.parse({ T: "q", S: "AMD", bp: 87.66, bs: 1, ap: 87.68, as: 4, t: "2021-02-22T15:51:45.335689322Z" }).ap // → 87.68
 */
export const streamQuote = z.looseObject({
  T: z.literal("q"),
  S: z.string().min(1),
  bx: z.string().optional(),
  bp: z.number(),
  bs: z.number(),
  ax: z.string().optional(),
  ap: z.number(),
  as: z.number(),
  t: rfc3339String,
  c: z.array(z.string()).optional(),
  z: z.string().optional(),
});

/**
 * One message of the v2 market-data WebSocket (`wss://stream.data.alpaca.markets/v2/{feed}`), discriminated by `T`:
 * control messages (`success`, `error`, `subscription`) and data (`b`/`u`/`d` bars, `t` trades, `q` quotes).
 * The server sends arrays of these.
 *
 * @example
 * streamMessage.parse({ T: "success", msg: "authenticated" }).T // → "success"
 * @see https://docs.alpaca.markets/docs/real-time-stock-pricing-data
 */
export const streamMessage = z.discriminatedUnion("T", [
  z.looseObject({ T: z.literal("success"), msg: z.string() }),
  z.looseObject({ T: z.literal("error"), code: z.number(), msg: z.string() }),
  z.looseObject({
    T: z.literal("subscription"),
    trades: z.array(z.string()).optional(),
    quotes: z.array(z.string()).optional(),
    bars: z.array(z.string()).optional(),
  }),
  streamBar,
  streamTrade,
  streamQuote,
]);
/** A parsed market-data stream message. */
export type StreamMessage = z.infer<typeof streamMessage>;
/** A parsed stream bar. */
export type StreamBar = z.infer<typeof streamBar>;
/** A parsed stream trade. */
export type StreamTrade = z.infer<typeof streamTrade>;
/** A parsed stream quote. */
export type StreamQuote = z.infer<typeof streamQuote>;

/**
 * The array frame the market-data server sends.
 *
 * @example
 * streamFrame.parse([{ T: "success", msg: "connected" }]).length // → 1
 */
export const streamFrame = z.array(streamMessage);

/**
 * A client action on the market-data WebSocket: `auth`, `subscribe` or `unsubscribe`.
 *
 * @example
 * streamAction.parse({ action: "subscribe", bars: ["SPY"] }).action // → "subscribe"
 */
export const streamAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("auth"), key: z.string(), secret: z.string() }),
  z.object({
    action: z.enum(["subscribe", "unsubscribe"]),
    trades: z.array(z.string()).optional(),
    quotes: z.array(z.string()).optional(),
    bars: z.array(z.string()).optional(),
  }),
]);
/** A parsed market-data client action. */
export type StreamAction = z.infer<typeof streamAction>;
