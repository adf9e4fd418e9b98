import type { AlpacaCredentials } from "./credentials.js";
import { ReconnectingSocket, type ReconnectingSocketOptions } from "./reconnectingSocket.js";
import { type TradeUpdate, tradeUpdate, tradingStreamMessage } from "./schemas/tradeUpdate.js";

/**
 * The `trade_updates` stream (`wss://paper-api.alpaca.markets/stream`): authenticates, listens, decodes binary or
 * text frames, validates each update with zod and hands it to `onUpdate`; reconnects (re-authenticating and
 * re-listening) after drops. Malformed messages go to `onError` with the field at fault, never silently dropped.
 *
 * @example
 * const s = new TradeUpdatesStream(fake.streamUrl, creds, (u) => console.log(u.event, u.order.client_order_id));
 * await s.start();
 * @see https://docs.alpaca.markets/docs/websocket-streaming
 */
export class TradeUpdatesStream extends ReconnectingSocket {
  private readonly credentials: AlpacaCredentials;
  private readonly onUpdate: (u: TradeUpdate) => void;
  private readonly onError: (message: string) => void;

  /**
   * @param url - trading stream URL.
   * @param credentials - API credentials.
   * @param onUpdate - receives each validated trade update.
   * @param onError - receives protocol/validation problems (redacted); default ignores.
   * @param options - reconnect settings.
   */
  constructor(
    url: string,
    credentials: AlpacaCredentials,
    onUpdate: (u: TradeUpdate) => void,
    onError: (message: string) => void = () => {},
    options: ReconnectingSocketOptions = {},
  ) {
    super(url, options);
    this.credentials = credentials;
    this.onUpdate = onUpdate;
    this.onError = (m) => onError(credentials.redact(m));
  }

  protected onOpen(): void {
    this.sendJson(this.credentials.streamAuthTrading());
  }

  protected onFrame(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.onError(`trade_updates: frame is not JSON (${text.length} bytes)`);
      return;
    }
    const m = tradingStreamMessage.safeParse(json);
    if (!m.success) {
      const d = (json as { data?: unknown }).data;
      if ((json as { stream?: unknown }).stream === "trade_updates") {
        const u = tradeUpdate.safeParse(d);
        const issue = u.success ? undefined : u.error.issues[0];
        this.onError(
          `trade_updates: invalid update at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? ""}`,
        );
      } else this.onError(`trade_updates: unexpected message ${text.slice(0, 200)}`);
      return;
    }
    const msg = m.data;
    if (msg.stream === "authorization") {
      if (msg.data.status === "authorized")
        this.sendJson({ action: "listen", data: { streams: ["trade_updates"] } });
      else this.onError(`trade_updates: ${msg.data.action} unauthorized`);
    } else if (msg.stream === "listening") {
      if (msg.data.streams.includes("trade_updates")) this.markReady();
    } else this.onUpdate(msg.data);
  }
}
