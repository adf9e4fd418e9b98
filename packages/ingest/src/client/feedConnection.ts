import { type Clock, Rng } from "@quantkit/core";
import WebSocket from "ws";
import { z } from "zod";
import type { FeedMetrics } from "../metrics/feedMetrics.js";
import { FeedRecoveryError } from "./feedRecoveryError.js";

/**
 * zod schema of a feed's reconnect backoff: delay = min(maxMs, initialMs · factor^attempt) · (1 − jitter · u).
 * @example
 * backoffSchema.safeParse({ initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.5 }).success // → true
 */
export const backoffSchema = z
  .object({
    initialMs: z.number().positive(),
    maxMs: z.number().positive(),
    factor: z.number().min(1),
    jitter: z.number().min(0).max(1),
  })
  .strict();

/**
 * zod schema of a feed's bounded buffer (`capacity` events; `pause` the socket or `drop` new events when full).
 * @example
 * bufferSchema.safeParse({ capacity: 10, policy: "drop" }).success // → true
 */
export const bufferSchema = z
  .object({ capacity: z.number().int().positive(), policy: z.enum(["pause", "drop"]) })
  .strict();

/** Settings and callbacks of a {@link FeedConnection}. */
export interface FeedConnectionOptions {
  /** WebSocket URL. */
  wsUrl: string;
  /** Reconnect backoff ({@link backoffSchema}). */
  backoff: z.infer<typeof backoffSchema>;
  /** Seed of the jitter Rng (stream 0). */
  seed: number;
  /** A socket with no message (or pong) for this long (ms) is stale: terminated, counted, reconnected. */
  staleAfterMs: number;
  /** Period (ms) of the staleness check (and of `onCheck`, and of the ping when `ping`). */
  checkEveryMs: number;
  /** Send a WebSocket ping each check (Binance); a pong counts as a sign of life. */
  ping: boolean;
  /** Bounded buffer between the socket and the consumer ({@link bufferSchema}). */
  buffer: z.infer<typeof bufferSchema>;
  /** Symbols the counters (`reconnects`, `stale`) are labelled with. */
  symbols: readonly string[];
  /** Each socket that opens: subscribe here; `reconnect` is true from the second connection on. */
  onOpen(ws: WebSocket, reconnect: boolean): void;
  /** Each text frame, in socket order (the connection has already marked it as a sign of life). */
  onMessage(raw: string): void;
  /** Called every check period, before the staleness check. */
  onCheck?(): void;
}

/**
 * The connection lifecycle shared by the venue feeds: connect, stale detection (no message or pong for
 * `staleAfterMs`: terminate and count `stale`), reconnect after a capped exponential backoff with seeded jitter
 * (`reconnects`; the attempt counter resets on {@link FeedConnection.ok}), and the bounded buffer between the
 * socket and the consumer (`pause` the socket when full and resume at half capacity, counted in `buffer_paused`;
 * or `drop` new events, counted in `buffer_dropped`), plus REST GETs retried with the same backoff. The venue
 * feeds keep their protocol (subscriptions, gap recovery, books) and drive it through the callbacks.
 *
 * @example
 * const conn = new FeedConnection<FeedEvent>({ wsUrl, backoff, seed: 1, staleAfterMs: 5000, checkEveryMs: 1000,
 *   ping: true, buffer: { capacity: 10_000, policy: "pause" }, symbols: ["BTCUSDT"],
 *   onOpen: (ws) => ws.send(subscribe), onMessage: (raw) => conn.push(parse(raw), "BTCUSDT", "trade") }, clock, metrics);
 * conn.start();
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 */
export class FeedConnection<E> {
  private readonly o: FeedConnectionOptions;
  private readonly clock: Clock;
  private readonly metrics: FeedMetrics;
  private readonly rng: Rng;
  private readonly queue: E[] = [];
  private head = 0;
  private ws: WebSocket | null = null;
  private paused = false;
  private closed = false;
  private attempt = 0;
  private lastSeen = 0;
  private connections = 0;
  private check: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  /**
   * @param options - {@link FeedConnectionOptions} (already validated by the feed).
   * @param clock - time for staleness.
   * @param metrics - where `reconnects`, `stale`, `buffer_paused` and `buffer_dropped` are counted.
   */
  constructor(options: FeedConnectionOptions, clock: Clock, metrics: FeedMetrics) {
    this.o = options;
    this.clock = clock;
    this.metrics = metrics;
    this.rng = new Rng(options.seed, 0);
  }

  /** Events waiting in the bounded buffer. */
  get buffered(): number {
    return this.queue.length - this.head;
  }

  /** True while a socket is open. */
  get isConnected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** True once {@link FeedConnection.close} was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * The reconnect delay (ms) for a 0-based attempt, jitter from the seeded Rng.
   * @param attempt - attempts since the last good message.
   * @example
   * conn.backoffDelay(0) // → between 50 and 100 with { initialMs: 100, jitter: 0.5 }
   */
  backoffDelay(attempt: number): number {
    const b = this.o.backoff;
    return Math.min(b.maxMs, b.initialMs * b.factor ** attempt) * (1 - b.jitter * this.rng.next());
  }

  /** Connects (and keeps reconnecting) until {@link FeedConnection.close}. */
  start(): void {
    if (this.closed || this.ws) return;
    this.connect();
    this.check = setInterval(() => this.onCheck(), Math.max(1, this.o.checkEveryMs));
  }

  /** Stops: cancels timers, terminates the socket, wakes a waiting consumer. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.check) clearInterval(this.check);
    if (this.retry) clearTimeout(this.retry);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      const done = new Promise<void>((resolve) => ws.once("close", () => resolve()));
      ws.terminate();
      await done;
    }
    this.wakeUp();
  }

  /** A good message arrived: the next reconnect starts from the initial backoff again. */
  ok(): void {
    this.attempt = 0;
  }

  /**
   * Sends a text frame on the open socket.
   * @returns false when no socket is open (the next connection's `onOpen` subscribes afresh).
   */
  send(text: string): boolean {
    const ws = this.ws;
    if (ws?.readyState !== WebSocket.OPEN) return false;
    ws.send(text);
    return true;
  }

  /**
   * Queues an event for the consumer under the buffer policy.
   * @returns false when the buffer was full under policy `drop` (counted in `buffer_dropped`): the caller recovers.
   */
  push(ev: E, symbol: string, kind: string): boolean {
    if (this.buffered >= this.o.buffer.capacity) {
      if (this.o.buffer.policy === "drop") {
        this.metrics.inc("buffer_dropped", symbol, kind);
        return false;
      }
      if (!this.paused) {
        this.paused = true;
        this.ws?.pause();
        this.metrics.inc("buffer_paused", symbol);
      }
    }
    this.queue.push(ev);
    this.wakeUp();
    return true;
  }

  /** The next queued event (undefined when empty); resumes a paused socket at half capacity. */
  next(): E | undefined {
    if (this.head >= this.queue.length) return undefined;
    const ev = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as E;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.paused && this.buffered <= this.o.buffer.capacity / 2) {
      this.paused = false;
      this.ws?.resume();
    }
    return ev;
  }

  /** Resolves at the next {@link FeedConnection.push}, {@link FeedConnection.wakeUp} or close. */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
    });
  }

  /** Wakes a consumer waiting in {@link FeedConnection.wait} (e.g. when recovery work was scheduled). */
  wakeUp(): void {
    this.wake?.();
  }

  /**
   * GETs JSON, retrying up to 5 times with the reconnect backoff.
   * @param url - the URL.
   * @throws FeedRecoveryError after 5 failures (HTTP errors included).
   */
  async getJson(url: string): Promise<unknown> {
    let lastErr: unknown;
    for (let i = 0; i < 5; i++) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
        if (!res.ok) throw new FeedRecoveryError(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
        return await res.json();
      } catch (e) {
        lastErr = e;
        await new Promise((r) => setTimeout(r, this.backoffDelay(i)));
      }
    }
    throw new FeedRecoveryError(`GET ${url} failed 5 times`, { cause: lastErr });
  }

  private connect(): void {
    const ws = new WebSocket(this.o.wsUrl);
    this.ws = ws;
    this.lastSeen = this.clock.now();
    ws.on("open", () => this.o.onOpen(ws, this.connections++ > 0));
    ws.on("message", (data) => {
      this.lastSeen = this.clock.now();
      this.o.onMessage(String(data));
    });
    ws.on("pong", () => {
      this.lastSeen = this.clock.now();
    });
    ws.on("error", () => {});
    ws.on("close", () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.paused = false;
      if (this.closed) return;
      const delay = this.backoffDelay(this.attempt++);
      for (const s of this.o.symbols) this.metrics.inc("reconnects", s);
      this.retry = setTimeout(() => {
        this.retry = null;
        if (!this.closed) this.connect();
      }, delay);
    });
  }

  private onCheck(): void {
    this.o.onCheck?.();
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (this.clock.now() - this.lastSeen > this.o.staleAfterMs) {
      for (const s of this.o.symbols) this.metrics.inc("stale", s);
      ws.terminate();
      return;
    }
    if (this.o.ping) ws.ping();
  }
}
