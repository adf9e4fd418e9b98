import type { FeedEvent } from "../types.js";
import { binanceEvent, fastBinanceAggTrade, normalizeBinance } from "./binance.js";
import { coinbaseEvent, fastCoinbaseEvent, normalizeCoinbase } from "./coinbase.js";

/** A malformed message kept as a sample: the raw text (first 500 chars) and why it was rejected. */
export interface MalformedSample {
  readonly raw: string;
  readonly reason: string;
}

/** Counters of a {@link MessageParser}. */
export interface ParserStats {
  /** Messages handed to `parse`. */
  received: number;
  /** Messages that produced a market-data event. */
  events: number;
  /** Control messages (subscription acks, heartbeats, `subscriptions`) skipped on purpose. */
  control: number;
  /** Messages that were not JSON or failed validation. */
  malformed: number;
}

/**
 * Parses, validates (zod) and normalizes raw WebSocket text of one venue. Never throws on bad input: a malformed
 * message returns `null`, is counted in `stats.malformed`, and the first `maxSamples` are kept in `samples` with
 * the reason (for logs and alerts).
 *
 * @param venue - `"binance"` (raw or combined-stream `{stream, data}` messages) or `"coinbase"`.
 * @param maxSamples - malformed messages kept as samples. @default 20
 * @example
 * const p = new MessageParser("binance");
 * p.parse('{"e":"aggTrade","E":2,"s":"BTCUSDT","a":7,"p":"9682","q":"0.1","f":7,"l":7,"T":1,"m":false}')?.kind // → "trade"
 * p.parse("{oops"); p.stats.malformed // → 1
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 */
export class MessageParser {
  readonly stats: ParserStats = { received: 0, events: 0, control: 0, malformed: 0 };
  readonly samples: MalformedSample[] = [];
  readonly venue: "binance" | "coinbase";
  private readonly maxSamples: number;

  constructor(venue: "binance" | "coinbase", maxSamples = 20) {
    this.venue = venue;
    this.maxSamples = maxSamples;
  }

  /**
   * @param raw - one WebSocket text frame.
   * @returns the normalized event, or null for control and malformed messages (see `stats`).
   */
  parse(raw: string): FeedEvent | null {
    this.stats.received++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return this.bad(raw, `not JSON: ${(e as Error).message}`);
    }
    if (json === null || typeof json !== "object" || Array.isArray(json))
      return this.bad(raw, "expected an object");
    const obj = json as Record<string, unknown>;
    if (this.venue === "binance") {
      const msg = "data" in obj && "stream" in obj ? obj.data : obj;
      if (msg !== null && typeof msg === "object" && !("e" in msg) && ("result" in msg || "id" in msg)) {
        this.stats.control++;
        return null;
      }
      const fast = fastBinanceAggTrade(msg);
      if (fast !== null) {
        this.stats.events++;
        return fast;
      }
      const r = binanceEvent.safeParse(msg);
      if (!r.success) return this.bad(raw, issues(r.error.issues));
      this.stats.events++;
      return normalizeBinance(r.data);
    }
    const t = obj.type;
    if (t === "subscriptions" || t === "heartbeat" || t === "error") {
      this.stats.control++;
      return null;
    }
    const fast = fastCoinbaseEvent(obj);
    if (fast !== null) {
      this.stats.events++;
      return fast;
    }
    const r = coinbaseEvent.safeParse(obj);
    if (!r.success) return this.bad(raw, issues(r.error.issues));
    this.stats.events++;
    return normalizeCoinbase(r.data);
  }

  private bad(raw: string, reason: string): null {
    this.stats.malformed++;
    if (this.samples.length < this.maxSamples) this.samples.push({ raw: raw.slice(0, 500), reason });
    return null;
  }
}

function issues(list: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return list
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}
