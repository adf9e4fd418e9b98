import type { MarketBarEvent, MarketQuoteEvent, MarketTradeEvent } from "../paper/liveGateway.js";
import type { AlpacaCredentials } from "./credentials.js";
import { ReconnectingSocket, type ReconnectingSocketOptions } from "./reconnectingSocket.js";
import { streamMessage } from "./schemas/marketData.js";
import { parseRfc3339Ms } from "./schemas/primitives.js";

/**
 * A market-data event, numbers parsed and `ts` in UTC epoch ms (bars: open time): the live kernel's bar and quote
 * events, and its trade event without the aggressor side (the v2 stream does not report one).
 */
export type MarketDataEvent = MarketBarEvent | Omit<MarketTradeEvent, "side"> | MarketQuoteEvent;

/** Channels of the v2 market-data stream. */
export type DataChannel = "bars" | "trades" | "quotes";

/**
 * The v2 market-data WebSocket (`wss://stream.data.alpaca.markets/v2/{feed}`, JSON framing): authenticates after
 * `connected`, subscribes to bars/trades/quotes, re-subscribes everything after a reconnect, validates each
 * message and emits typed {@link MarketDataEvent}s.
 *
 * @example
 * const md = new MarketDataStream(fake.dataUrl, creds, (e) => console.log(e.kind, e.symbol));
 * md.subscribe("bars", ["ORCL"]); await md.start();
 * @see https://docs.alpaca.markets/docs/real-time-stock-pricing-data
 */
export class MarketDataStream extends ReconnectingSocket {
  private readonly credentials: AlpacaCredentials;
  private readonly onEvent: (e: MarketDataEvent) => void;
  private readonly onError: (message: string) => void;
  private readonly subs: Record<DataChannel, Set<string>> = {
    bars: new Set(),
    trades: new Set(),
    quotes: new Set(),
  };
  private authed = false;

  /**
   * @param url - data stream URL incl. feed (`…/v2/iex`).
   * @param credentials - API credentials.
   * @param onEvent - receives bars, trades and quotes.
   * @param onError - receives server errors and validation problems.
   * @param options - reconnect settings.
   */
  constructor(
    url: string,
    credentials: AlpacaCredentials,
    onEvent: (e: MarketDataEvent) => void,
    onError: (message: string) => void = () => {},
    options: ReconnectingSocketOptions = {},
  ) {
    super(url, options);
    this.credentials = credentials;
    this.onEvent = onEvent;
    this.onError = (m) => onError(credentials.redact(m));
  }

  /** Adds symbols to a channel (sent now if authenticated, and again after each reconnect). */
  subscribe(channel: DataChannel, symbols: readonly string[]): void {
    for (const s of symbols) this.subs[channel].add(s);
    if (this.authed) this.sendJson({ action: "subscribe", [channel]: [...symbols] });
  }

  protected onOpen(): void {
    this.authed = false;
  }

  protected onFrame(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.onError(`market data: frame is not JSON (${text.length} bytes)`);
      return;
    }
    const list = Array.isArray(json) ? json : [json];
    for (let i = 0; i < list.length; i++) {
      const r = streamMessage.safeParse(list[i]);
      if (!r.success) {
        const issue = r.error.issues[0];
        this.onError(
          `market data: message ${i} invalid at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? ""}`,
        );
        continue;
      }
      const m = r.data;
      switch (m.T) {
        case "success":
          if (m.msg === "connected") this.sendJson(this.credentials.streamAuthData());
          else if (m.msg === "authenticated") {
            this.authed = true;
            const has = this.subs.bars.size + this.subs.trades.size + this.subs.quotes.size > 0;
            if (has)
              this.sendJson({
                action: "subscribe",
                bars: [...this.subs.bars],
                trades: [...this.subs.trades],
                quotes: [...this.subs.quotes],
              });
            else this.markReady();
          }
          break;
        case "subscription":
          this.markReady();
          break;
        case "error":
          this.onError(`market data error ${m.code}: ${m.msg}`);
          break;
        case "t":
          this.onEvent({ kind: "trade", symbol: m.S, ts: parseRfc3339Ms(m.t), price: m.p, size: m.s });
          break;
        case "q":
          this.onEvent({
            kind: "quote",
            symbol: m.S,
            ts: parseRfc3339Ms(m.t),
            bid: m.bp,
            bidSize: m.bs,
            ask: m.ap,
            askSize: m.as,
          });
          break;
        default:
          this.onEvent({
            kind: "bar",
            symbol: m.S,
            ts: parseRfc3339Ms(m.t),
            open: m.o,
            high: m.h,
            low: m.l,
            close: m.c,
            volume: m.v,
          });
      }
    }
  }
}
