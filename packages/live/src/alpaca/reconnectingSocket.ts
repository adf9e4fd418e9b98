import { Rng } from "@quantkit/core";
import WebSocket from "ws";
import { type BackoffOptions, backoffDelay } from "./backoff.js";

/** Connection states of a {@link ReconnectingSocket}. */
export type SocketState = "idle" | "connecting" | "ready" | "reconnecting" | "closed";

/** Options of {@link ReconnectingSocket}. */
export interface ReconnectingSocketOptions {
  /** Backoff between reconnect attempts; default base 100 ms, cap 10 s. */
  readonly backoff?: BackoffOptions;
  /** Jitter source; default `new Rng(0x5eed, 1)`. */
  readonly rng?: Rng;
  /** Give up after this many consecutive failed attempts; default Infinity. */
  readonly maxAttempts?: number;
}

/**
 * A WebSocket that reconnects after any drop with capped exponential backoff and seeded jitter. The protocol
 * (auth, subscribe) lives in the subclass: `onOpen` runs on every (re)connection, `markReady()` resets the backoff
 * once the handshake succeeded, `onFrame` gets every frame as text (binary frames decoded as UTF-8, as Alpaca's paper
 * trading stream sends them).
 *
 * @example
 * class Echo extends ReconnectingSocket { protected onOpen() { this.markReady(); } protected onFrame(t: string) { console.log(t); } }
 */
export abstract class ReconnectingSocket {
  readonly url: string;
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly rng: Rng;
  private readonly backoff: BackoffOptions;
  private readonly maxAttempts: number;
  private stateValue: SocketState = "idle";
  private readonly stateListeners: ((s: SocketState) => void)[] = [];
  private readyWaiters: (() => void)[] = [];
  /** Number of successful handshakes after the first (reconnections). */
  reconnects = 0;
  private everReady = false;

  /**
   * @param url - `ws://` or `wss://` URL.
   * @param options - {@link ReconnectingSocketOptions}.
   */
  constructor(url: string, options: ReconnectingSocketOptions = {}) {
    this.url = url;
    this.rng = options.rng ?? new Rng(0x5eed, 1);
    this.backoff = { baseMs: 100, maxMs: 10_000, ...options.backoff };
    this.maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  }

  /** Current state. */
  get state(): SocketState {
    return this.stateValue;
  }

  /** Registers a state listener. */
  onState(listener: (s: SocketState) => void): void {
    this.stateListeners.push(listener);
  }

  /** Connects (if idle) and resolves when the handshake completed. */
  start(): Promise<void> {
    if (this.stateValue === "idle") this.open();
    return this.whenReady();
  }

  /** Resolves when the socket is (next) ready. */
  whenReady(): Promise<void> {
    if (this.stateValue === "ready") return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Closes for good (no reconnect). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
    this.ws?.terminate();
    this.setState("closed");
  }

  /** Sends a JSON message if connected; returns false otherwise. */
  protected sendJson(msg: unknown): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /** Called on every (re)connection: send auth here. */
  protected abstract onOpen(): void;
  /** Called with each frame's text. */
  protected abstract onFrame(text: string): void;

  /** Marks the handshake done: resets the backoff and wakes `start()`/`whenReady()` callers. */
  protected markReady(): void {
    if (this.stateValue === "ready") return; // e.g. a later subscription ack on the same connection
    this.attempt = 0;
    if (this.everReady) this.reconnects++;
    this.everReady = true;
    this.setState("ready");
    const w = this.readyWaiters;
    this.readyWaiters = [];
    for (const f of w) f();
  }

  /** Drops the current connection (protocol error); a reconnect follows. */
  protected drop(): void {
    this.ws?.terminate();
  }

  private setState(s: SocketState): void {
    if (s === this.stateValue) return;
    this.stateValue = s;
    for (const l of this.stateListeners) l(s);
  }

  private open(): void {
    if (this.stopped) return;
    this.setState(this.everReady ? "reconnecting" : "connecting");
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.on("open", () => this.onOpen());
    ws.on("message", (data, isBinary) => {
      const text =
        isBinary || Buffer.isBuffer(data) ? Buffer.from(data as Buffer).toString("utf8") : String(data);
      this.onFrame(text);
    });
    ws.on("error", () => {
      // followed by "close"
    });
    ws.on("close", () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      if (this.stopped) return;
      this.setState("reconnecting");
      if (this.attempt >= this.maxAttempts) {
        this.setState("closed");
        return;
      }
      const d = backoffDelay(this.attempt++, this.rng, this.backoff);
      this.timer = setTimeout(() => this.open(), d);
    });
  }
}
