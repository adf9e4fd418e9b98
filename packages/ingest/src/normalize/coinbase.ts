import { z } from "zod";
import type { FeedEvent, Level, NormalizedBookDelta, NormalizedTrade } from "../types.js";
import { decimal, level } from "./decimal.js";

const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, "expected an ISO-8601 UTC time ending in Z")
  .transform(coinbaseTimeMs);

/**
 * Parses a Coinbase time (`2022-10-19T23:28:22.061769Z`) to UTC epoch ms, keeping microseconds as a fraction
 * (`Date.parse` alone truncates them).
 *
 * @param iso - ISO-8601 UTC time with up to 9 fractional digits.
 * @example
 * coinbaseTimeMs("1970-01-01T00:00:01.000500Z") // → 1000.5
 */
export function coinbaseTimeMs(iso: string): number {
  const fast = isoDigitsMs(iso);
  return Number.isNaN(fast) ? coinbaseTimeMsViaDateParse(iso) : fast;
}

/** The reference rule of {@link coinbaseTimeMs} (Date.parse of the whole seconds + the fraction's value). */
export function coinbaseTimeMsViaDateParse(iso: string): number {
  const dot = iso.indexOf(".");
  if (dot < 0) return Date.parse(iso);
  const whole = Date.parse(`${iso.slice(0, dot)}Z`);
  const frac = iso.slice(dot + 1, iso.length - 1);
  return whole + Number(`0.${frac}`) * 1000;
}

const ZERO = 48;
function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` read digit by digit (no string building; this runs for every trade), or NaN for
 * anything outside the plain cases (day > 28, hour 24, other shapes), which then take the Date.parse rule. Same
 * doubles: the fraction F/10^d of exact integers is the correctly rounded value that `Number("0.<digits>")` gives.
 */
function isoDigitsMs(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */ || s[4] !== "-" || s[7] !== "-" || s[10] !== "T")
    return Number.NaN;
  if (s[13] !== ":" || s[16] !== ":") return Number.NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 28 && h <= 23 && mi <= 59 && se <= 59)) return Number.NaN;
  // days from civil (H. Hinnant), proleptic Gregorian, 1970-01-01 = 0
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  const whole = days * 86_400_000 + h * 3_600_000 + mi * 60_000 + se * 1000;
  if (n === 20) return whole;
  const fd = n - 21; // fraction digits between "." and "Z"
  if (s[19] !== "." || fd < 1 || fd > 9) return Number.NaN;
  const f = digits(s, 20, fd);
  return whole + (f / POW10[fd]!) * 1000;
}

/**
 * zod schema of a Coinbase Exchange `match` (or `last_match`) message: `side` is the **maker** order's side.
 * @example
 * coinbaseMatch.parse(documentedMatch).time // → 1415348367028.459
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels#matches-channel
 */
export const coinbaseMatch = z.object({
  type: z.enum(["match", "last_match"]),
  trade_id: z.number().int().nonnegative(),
  sequence: z.number().int().nonnegative(),
  maker_order_id: z.string(),
  taker_order_id: z.string(),
  time: isoTime,
  product_id: z.string().min(1),
  size: decimal,
  price: decimal,
  side: z.enum(["buy", "sell"]),
});

/**
 * zod schema of a Coinbase Exchange `ticker` message (best bid/ask after each match).
 * @example
 * coinbaseTicker.parse(documentedTicker).best_bid // → 1285.04
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels#ticker-channel
 */
export const coinbaseTicker = z.object({
  type: z.literal("ticker"),
  sequence: z.number().int().nonnegative(),
  product_id: z.string().min(1),
  price: decimal,
  best_bid: decimal,
  best_ask: decimal,
  best_bid_size: decimal.optional(),
  best_ask_size: decimal.optional(),
  time: isoTime,
});

/**
 * zod schema of a Coinbase Exchange level-2 `snapshot` message.
 * @example
 * coinbaseSnapshot.parse({ type: "snapshot", product_id: "BTC-USD", bids: [["1", "2"]], asks: [] }).bids // → [[1, 2]]
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels#level2-channel
 */
export const coinbaseSnapshot = z.object({
  type: z.literal("snapshot"),
  product_id: z.string().min(1),
  bids: z.array(level),
  asks: z.array(level),
});

/**
 * zod schema of a Coinbase Exchange `l2update` message: `changes` are `[side, price, size]`, size 0 removes.
 * @example
 * coinbaseL2Update.parse(documentedL2Update).changes[0] // → ["buy", 10101.8, 0.162567]
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels#level2-channel
 */
export const coinbaseL2Update = z.object({
  type: z.literal("l2update"),
  product_id: z.string().min(1),
  time: isoTime,
  changes: z.array(z.tuple([z.enum(["buy", "sell"]), decimal, decimal])),
});

/**
 * zod schema of any Coinbase market-data message handled here (discriminated on `type`).
 * @example
 * coinbaseEvent.safeParse({ type: "heartbeat" }).success // → false (a control message)
 */
export const coinbaseEvent = z.discriminatedUnion("type", [
  coinbaseMatch,
  coinbaseTicker,
  coinbaseSnapshot,
  coinbaseL2Update,
]);

/**
 * The exchange id Coinbase Exchange events are tagged with.
 * @example
 * COINBASE // → "coinbase"
 */
export const COINBASE = "coinbase";

/**
 * Normalizes one validated Coinbase message. The aggressor of a match is the taker, the opposite of the maker's
 * `side`: `side: "sell"` (maker sold) → aggressor bought (+1). Snapshots have no timestamp (`ts` NaN).
 *
 * @param ev - a message parsed by {@link coinbaseEvent}.
 * @example
 * normalizeCoinbase(coinbaseEvent.parse({ type: "match", trade_id: 10, sequence: 50, maker_order_id: "m",
 *   taker_order_id: "t", time: "2014-11-07T08:19:27.028459Z", product_id: "BTC-USD", size: "5.23512",
 *   price: "400.23", side: "sell" }))
 * // → { kind: "trade", ts: 1415348367028.459, price: 400.23, size: 5.23512, side: 1, exchange: "coinbase", symbol: "BTC-USD", tradeId: 10, … }
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels
 */
export function normalizeCoinbase(ev: z.output<typeof coinbaseEvent>): FeedEvent {
  switch (ev.type) {
    case "match":
    case "last_match":
      return {
        kind: "trade",
        ts: ev.time,
        price: ev.price,
        size: ev.size,
        side: ev.side === "sell" ? 1 : -1,
        exchange: COINBASE,
        symbol: ev.product_id,
        tradeId: ev.trade_id,
        eventTs: ev.time,
      };
    case "ticker":
      return {
        kind: "quote",
        ts: ev.time,
        bid: ev.best_bid,
        ask: ev.best_ask,
        bidSize: ev.best_bid_size ?? Number.NaN,
        askSize: ev.best_ask_size ?? Number.NaN,
        exchange: COINBASE,
        symbol: ev.product_id,
        updateId: ev.sequence,
      };
    case "snapshot":
      return {
        kind: "book",
        ts: Number.NaN,
        snapshot: true,
        bids: ev.bids,
        asks: ev.asks,
        exchange: COINBASE,
        symbol: ev.product_id,
        firstUpdateId: Number.NaN,
        lastUpdateId: Number.NaN,
        prevUpdateId: Number.NaN,
      };
    case "l2update": {
      const bids: Level[] = [];
      const asks: Level[] = [];
      for (const [side, price, size] of ev.changes) (side === "buy" ? bids : asks).push([price, size]);
      return {
        kind: "book",
        ts: ev.time,
        snapshot: false,
        bids,
        asks,
        exchange: COINBASE,
        symbol: ev.product_id,
        firstUpdateId: Number.NaN,
        lastUpdateId: Number.NaN,
        prevUpdateId: Number.NaN,
      };
    }
  }
}

/**
 * zod schema of a Coinbase Exchange `heartbeat` message (channel `heartbeat`: one per second and product, with
 * the newest trade id, so a client can see trades it missed at the tail of the stream).
 * @example
 * coinbaseHeartbeat.parse({ type: "heartbeat", sequence: 90, last_trade_id: 20, product_id: "BTC-USD", time: "2014-11-07T08:19:28.464459Z" }).last_trade_id // → 20
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels#heartbeat-channel
 */
export const coinbaseHeartbeat = z.object({
  type: z.literal("heartbeat"),
  sequence: z.number().int().nonnegative(),
  last_trade_id: z.number().int().nonnegative(),
  product_id: z.string().min(1),
  time: isoTime,
});

/**
 * zod schema of one row of Coinbase Exchange `GET /products/<id>/trades` (newest first; `side` is the maker's).
 * @example
 * coinbaseRestTrade.parse({ time: "2014-11-07T22:19:28.578544Z", trade_id: 74, price: "10.00000000", size: "0.01000000", side: "buy" }).price // → 10
 * @see https://docs.cdp.coinbase.com/exchange/reference/exchangerestapi_getproducttrades
 */
export const coinbaseRestTrade = z.object({
  time: isoTime,
  trade_id: z.number().int().nonnegative(),
  price: decimal,
  size: decimal,
  side: z.enum(["buy", "sell"]),
});

/**
 * Normalizes a REST trade row like a WebSocket `match` (aggressor = opposite of the maker's `side`).
 * @param row - a row parsed by {@link coinbaseRestTrade}.
 * @param productId - its product.
 * @example
 * normalizeCoinbaseRestTrade(coinbaseRestTrade.parse({ time: "2014-11-07T22:19:28.578544Z", trade_id: 74, price: "10", size: "0.01", side: "buy" }), "BTC-USD").side // → -1
 */
export function normalizeCoinbaseRestTrade(
  row: z.output<typeof coinbaseRestTrade>,
  productId: string,
): NormalizedTrade {
  return {
    kind: "trade",
    ts: row.time,
    price: row.price,
    size: row.size,
    side: row.side === "sell" ? 1 : -1,
    exchange: COINBASE,
    symbol: productId,
    tradeId: row.trade_id,
    eventTs: row.time,
  };
}

/**
 * zod schema of Coinbase Exchange `GET /products/<id>/book?level=2`: the aggregated book, each level
 * `[price, size, num-orders]` (size is the level's total, not per order), with the book's `sequence` (the
 * product's full-channel sequence number) and, when sent, `time`, `auction_mode` and `auction`.
 * @example
 * coinbaseRestBook.parse({ bids: [["6247.58", "6.3578146", 2]], asks: [["6251.52", "2", 1]], sequence: 13051505638 }).bids // → [[6247.58, 6.3578146, 2]]
 * @see https://docs.cdp.coinbase.com/api-reference/exchange-api/rest-api/products/get-product-book
 */
export const coinbaseRestBook = z.object({
  bids: z.array(z.tuple([decimal, decimal, z.number().int().nonnegative()])),
  asks: z.array(z.tuple([decimal, decimal, z.number().int().nonnegative()])),
  sequence: z.number().int().nonnegative(),
  auction_mode: z.boolean().nullish(),
  time: isoTime.optional(),
});

/**
 * Normalizes a REST level-2 book into a `book` snapshot event: `lastUpdateId` = `firstUpdateId` = the book's
 * `sequence`, `ts` = its `time` (NaN when absent); `num-orders` is dropped.
 * @param book - a response parsed by {@link coinbaseRestBook}.
 * @param productId - its product.
 * @example
 * normalizeCoinbaseRestBook(coinbaseRestBook.parse({ bids: [["1", "2", 1]], asks: [], sequence: 7 }), "BTC-USD").lastUpdateId // → 7
 */
export function normalizeCoinbaseRestBook(
  book: z.output<typeof coinbaseRestBook>,
  productId: string,
): NormalizedBookDelta {
  return {
    kind: "book",
    ts: book.time ?? Number.NaN,
    snapshot: true,
    bids: book.bids.map(([p, s]) => [p, s] as const),
    asks: book.asks.map(([p, s]) => [p, s] as const),
    exchange: COINBASE,
    symbol: productId,
    firstUpdateId: book.sequence,
    lastUpdateId: book.sequence,
    prevUpdateId: Number.NaN,
  };
}

const DECIMAL = /^\d{1,20}(\.\d{1,20})?$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isDecimal = (x: unknown): x is string => typeof x === "string" && DECIMAL.test(x);
const isIso = (x: unknown): x is string => typeof x === "string" && ISO_UTC.test(x);
const isName = (x: unknown): x is string => typeof x === "string" && x.length > 0;

/**
 * The hot path for the two frequent Coinbase messages, `match`/`last_match` and `l2update`: validates by hand with
 * the same rules as {@link coinbaseMatch} / {@link coinbaseL2Update} (property-tested to accept exactly what they
 * accept and to normalize identically) and normalizes, several times cheaper than zod. Returns null for anything
 * else; the caller then runs the zod schema, which also explains a rejection.
 *
 * @param m - a parsed JSON value.
 * @example
 * fastCoinbaseEvent({ type: "l2update", product_id: "BTC-USD", time: "2019-08-14T20:42:27.265Z", changes: [["buy", "10101.8", "0.16"]] })?.kind // → "book"
 * fastCoinbaseEvent({ type: "match", price: "x" }) // → null
 * @see https://docs.cdp.coinbase.com/exchange/docs/websocket-channels
 */
export function fastCoinbaseEvent(m: unknown): FeedEvent | null {
  if (typeof m !== "object" || m === null || Array.isArray(m)) return null;
  const o = m as Record<string, unknown>;
  const t = o.type;
  if (t === "match" || t === "last_match") {
    const { trade_id, sequence, time, product_id, size, price, side } = o;
    if (!isId(trade_id) || !isId(sequence) || !isIso(time) || !isName(product_id)) return null;
    if (typeof o.maker_order_id !== "string" || typeof o.taker_order_id !== "string") return null;
    if (!isDecimal(size) || !isDecimal(price) || (side !== "buy" && side !== "sell")) return null;
    const ts = coinbaseTimeMs(time);
    return {
      kind: "trade",
      ts,
      price: Number(price),
      size: Number(size),
      side: side === "sell" ? 1 : -1,
      exchange: COINBASE,
      symbol: product_id,
      tradeId: trade_id,
      eventTs: ts,
    };
  }
  if (t === "l2update") {
    const { product_id, time, changes } = o;
    if (!isName(product_id) || !isIso(time) || !Array.isArray(changes)) return null;
    const bids: Level[] = [];
    const asks: Level[] = [];
    for (let i = 0; i < changes.length; i++) {
      const c: unknown = changes[i];
      if (!Array.isArray(c) || c.length !== 3) return null;
      const s: unknown = c[0];
      const p: unknown = c[1];
      const q: unknown = c[2];
      if ((s !== "buy" && s !== "sell") || !isDecimal(p) || !isDecimal(q)) return null;
      (s === "buy" ? bids : asks).push([Number(p), Number(q)]);
    }
    return {
      kind: "book",
      ts: coinbaseTimeMs(time),
      snapshot: false,
      bids,
      asks,
      exchange: COINBASE,
      symbol: product_id,
      firstUpdateId: Number.NaN,
      lastUpdateId: Number.NaN,
      prevUpdateId: Number.NaN,
    };
  }
  return null;
}
