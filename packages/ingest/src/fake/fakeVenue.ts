import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "@quantkit/core";
import type { WebSocket } from "ws";
import type { z } from "zod";
import { FaultSchedule } from "./faultSchedule.js";
import { LoopbackServer } from "./loopbackServer.js";
import type { SourceTrade } from "./replayData.js";

/** A connected client of a fake venue: its socket (and whatever the venue tracks per client). */
export interface FakeClient {
  readonly ws: WebSocket;
}

/** How a fake venue replays: trades per tick and milliseconds between ticks. */
export interface ReplayPace {
  tradesPerTick: number;
  tickMs: number;
}

/**
 * What the fake venues have in common: a {@link LoopbackServer} (REST + WebSocket on 127.0.0.1, free port), the
 * connected clients, a replay of trades (`play` / `pause`: `tradesPerTick` every `tickMs`, `published` so far),
 * faults injected on command or at exact replay points ({@link FaultSchedule}), and `close`. A venue adds its wire
 * format: what a connection may subscribe to, what a tick publishes, its REST endpoints and its faults.
 *
 * @example
 * class MyFake extends FakeVenue<MyFault, FakeClient> { … } // fault, connect, tick, rest
 * const ex = await MyFake.start(trades); ex.play(); … await ex.close();
 * @see https://github.com/websockets/ws/blob/master/doc/ws.md
 */
export abstract class FakeVenue<F, C extends FakeClient> {
  /** @internal */
  protected readonly http: LoopbackServer;
  /** @internal */
  protected readonly clients = new Set<C>();
  /** @internal */
  protected readonly trades: readonly SourceTrade[];
  /** @internal */
  protected readonly clock: Clock;
  /** @internal */
  protected readonly pace: ReplayPace;
  /** @internal */
  protected readonly scheduled: FaultSchedule<F>;
  /** @internal {@link FakeVenue.fault}, bound (for the schedule). */
  protected readonly inject = (f: F) => this.fault(f);
  /** @internal Index of the next trade to publish. */
  protected cursor = 0;
  /** @internal */
  protected timer: NodeJS.Timeout | null = null;
  private readonly wsPath: string;

  /**
   * @param trades - the trades to replay, in id order.
   * @param clock - the venue's time (event times, stalls).
   * @param pace - {@link ReplayPace}.
   * @param faultSchema - validates scheduled faults.
   * @param ws - the WebSocket server's `path` (and options such as `autoPong`).
   */
  protected constructor(
    trades: readonly SourceTrade[],
    clock: Clock,
    pace: ReplayPace,
    faultSchema: z.ZodType<F>,
    ws: { path: string; autoPong?: boolean },
  ) {
    this.trades = trades;
    this.clock = clock;
    this.pace = pace;
    this.scheduled = new FaultSchedule<F>(faultSchema);
    this.wsPath = ws.path;
    this.http = new LoopbackServer((req, res) => this.rest(req, res), ws);
    this.http.wss.on("connection", (socket) => this.connect(socket));
  }

  /** WebSocket URL (`ws://127.0.0.1:<port><path>`). */
  get wsUrl(): string {
    return this.http.url("ws", this.wsPath);
  }

  /** REST base URL (`http://127.0.0.1:<port>`). */
  get restUrl(): string {
    return this.http.url("http");
  }

  /** Trades published so far (the venue's "now"). */
  get published(): number {
    return this.cursor;
  }

  /** Number of currently connected sockets. */
  get connected(): number {
    return this.clients.size;
  }

  /** Starts (or resumes) the replay: `tradesPerTick` trades every `tickMs`. */
  play(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(this.pace.tradesPerTick), this.pace.tickMs);
  }

  /** Pauses the replay. */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Schedules faults at exact points of the replay: each is injected just before the trade with index `at`
   * (0-based; `published === at`) is published, whatever the load of the machine.
   * @param faults - `{ at, fault }` pairs, any order (validated).
   * @example
   * ex.schedule([{ at: 2500, fault: { kind: "gap", count: 123 } }, { at: 3000, fault: { kind: "disconnect" } }])
   */
  schedule(faults: readonly { at: number; fault: F }[]): void {
    this.scheduled.add(faults);
  }

  /** Stops the replay, closes every socket and both servers. */
  async close(): Promise<void> {
    this.pause();
    for (const c of this.clients) c.ws.terminate();
    await this.http.close();
  }

  /**
   * Injects a fault now (validated).
   * @param f - the fault.
   */
  abstract fault(f: F): void;

  /** @internal Starts listening (the venue's static `start` calls it). */
  protected async listen(): Promise<void> {
    await this.http.listen();
  }

  /** @internal Adds a client to {@link FakeVenue.clients} until its socket closes or fails. */
  protected track(client: C): void {
    this.clients.add(client);
    client.ws.on("close", () => this.clients.delete(client));
    client.ws.on("error", () => this.clients.delete(client));
  }

  /** @internal A socket connected: {@link FakeVenue.track} it and answer its subscriptions. */
  protected abstract connect(ws: WebSocket): void;

  /** @internal Publishes the next `count` trades (and what goes with them). */
  protected abstract tick(count: number): void;

  /** @internal Answers a REST request. */
  protected abstract rest(req: IncomingMessage, res: ServerResponse): void;
}
