import { createServer, type Server, type Socket } from "node:net";
import {
  ExecutionEmulator,
  type FillModelOptions,
  type Order,
  type OrderType,
  parseOrderRequest,
  type TimeInForce,
} from "@quantkit/backtest";
import type { Clock } from "@quantkit/core";
import type { FixCodec } from "../fixCodec.js";
import type { FixMessage } from "../fixMessage.js";
import { FixSession, fixTimestamp } from "../session/fixSession.js";

/** Options of {@link FixVenue.start}. */
export interface FixVenueOptions {
  /** The venue's SenderCompID. @default "VENUE" */
  readonly senderCompId?: string;
  /** The client's SenderCompID. @default "QK" */
  readonly targetCompId?: string;
  /** @default 30 */
  readonly heartBtInt?: number;
  /** The execution emulator's fill model (intrabar policy, slippage, …). @default {} */
  readonly fill?: FillModelOptions;
}

interface VenueOrder {
  readonly venueId: string;
  clOrdId: string;
  readonly symbol: string;
  readonly side: "buy" | "sell";
  qty: number;
  cum: number;
  notional: number;
  open: boolean;
}

const FIX_SIDE: Record<string, "buy" | "sell"> = { "1": "buy", "2": "sell" };
const FIX_ORD_TYPE: Record<string, OrderType> = {
  "1": "market",
  "2": "limit",
  "3": "stop",
  "4": "stop-limit",
};
const FIX_TIF: Record<string, TimeInForce> = { "0": "DAY", "1": "GTC", "3": "IOC", "4": "FOK" };

/**
 * A small FIX 4.2 acceptor whose matching engine is the backtester's {@link ExecutionEmulator}: NewOrderSingle (D),
 * OrderCancelRequest (F) and OrderCancelReplaceRequest (G) from one client session become emulator orders, and every
 * complete bar given to {@link FixVenue.bar} is matched exactly as in a backtest (same fill model, same intrabar
 * policy), each fill, cancel and expiry answered with an ExecutionReport (8) or OrderCancelReject (9). It lets the
 * `FixGateway` be tested against a venue that fills like the simulator, on loopback.
 *
 * @example
 * const venue = await FixVenue.start(codec, clock);           // listens on 127.0.0.1:<venue.port>
 * venue.bar("ORCL", ts, 40, 41, 39.5, 40.5, 1e6, ts + 86_400_000); // fills the working orders of ORCL
 * await venue.close();
 * @see https://www.onixs.biz/fix-dictionary/4.2/msgType_8_8.html (ExecutionReport)
 */
export class FixVenue {
  /** The session of the connected client (undefined before the first connection). */
  session: FixSession | undefined;
  private readonly server: Server;
  private readonly emulator: ExecutionEmulator;
  private readonly orders = new Map<string, VenueOrder>();
  private readonly byClOrdId = new Map<string, VenueOrder>();
  private readonly positions = new Map<string, number>();
  private readonly lastPrice = new Map<string, number>();
  private socket: Socket | undefined;
  private nextId = 1;
  private nextExec = 1;

  private constructor(
    private readonly codec: FixCodec,
    private readonly clock: Clock,
    private readonly options: Required<Omit<FixVenueOptions, "fill">>,
    fill: FillModelOptions,
  ) {
    this.emulator = new ExecutionEmulator(fill, {
      fill: (id, qty, price, _slippage, _taker, _ts, leaves) => this.onFill(id, qty, price, leaves),
      cancel: (id, reason) => this.onVenueClose(id, "4", reason),
      expire: (id, reason) => this.onVenueClose(id, "C", reason),
    });
    this.server = createServer((socket) => this.attach(socket));
  }

  /**
   * Starts the venue on a free loopback port.
   *
   * @param codec - the FIX codec (with the FIX42 dictionary).
   * @param clock - time for TransactTime and order arrival.
   */
  static async start(codec: FixCodec, clock: Clock, options: FixVenueOptions = {}): Promise<FixVenue> {
    const venue = new FixVenue(
      codec,
      clock,
      {
        senderCompId: options.senderCompId ?? "VENUE",
        targetCompId: options.targetCompId ?? "QK",
        heartBtInt: options.heartBtInt ?? 30,
      },
      options.fill ?? {},
    );
    await new Promise<void>((resolve) => venue.server.listen(0, "127.0.0.1", resolve));
    return venue;
  }

  /** The TCP port the venue listens on. */
  get port(): number {
    const address = this.server.address();
    return typeof address === "object" && address !== null ? address.port : 0;
  }

  /**
   * Matches the working orders of `symbol` against one complete bar (open time `ts`, close time `closeTs`), as the
   * backtester does; fills are reported to the client as ExecutionReports.
   */
  bar(
    symbol: string,
    ts: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    closeTs: number,
  ): void {
    this.emulator.onBar(symbol, ts, open, high, low, close, volume, closeTs, this.positions.get(symbol) ?? 0);
    this.lastPrice.set(symbol, close);
  }

  /** Stops listening and closes the client connection. */
  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    const session = new FixSession(
      {
        senderCompId: this.options.senderCompId,
        targetCompId: this.options.targetCompId,
        heartBtInt: this.options.heartBtInt,
        role: "acceptor",
      },
      { codec: this.codec, clock: this.clock, send: (b) => socket.write(b) },
    );
    this.session = session;
    session.on((e) => {
      if (e.type === "app" && !e.possDup) this.onMessage(e.message);
      if (e.type === "state" && e.state === "disconnected") socket.end();
    });
    const timer = setInterval(() => session.tick(), 1000);
    socket.on("data", (chunk) => session.receive(chunk));
    socket.on("close", () => {
      clearInterval(timer);
      session.disconnect("socket closed");
    });
    socket.on("error", () => socket.destroy());
  }

  private onMessage(m: FixMessage): void {
    if (m.msgType === "D") this.newOrder(m);
    else if (m.msgType === "F") this.cancel(m);
    else if (m.msgType === "G") this.replace(m);
  }

  private newOrder(m: FixMessage): void {
    const clOrdId = m.get(11) ?? "";
    const symbol = m.get(55) ?? "";
    const side = FIX_SIDE[m.get(54) ?? ""];
    const type = FIX_ORD_TYPE[m.get(40) ?? ""];
    const tif = FIX_TIF[m.get(59) ?? "0"];
    const qty = Number(m.get(38));
    const venueId = `V${this.nextId++}`;
    const vo: VenueOrder = {
      venueId,
      clOrdId,
      symbol,
      side: side ?? "buy",
      qty,
      cum: 0,
      notional: 0,
      open: false,
    };
    if (side === undefined || type === undefined || tif === undefined) {
      this.report(vo, "8", "8", {
        text: `unsupported Side/OrdType/TimeInForce ${m.get(54)}/${m.get(40)}/${m.get(59)}`,
      });
      return;
    }
    const price = m.get(44);
    const stop = m.get(99);
    let request: ReturnType<typeof parseOrderRequest>;
    try {
      request = parseOrderRequest({
        symbol,
        side,
        qty,
        type,
        tif,
        clientOrderId: clOrdId,
        ...(price !== undefined ? { limitPrice: Number(price) } : {}),
        ...(stop !== undefined ? { stopPrice: Number(stop) } : {}),
      });
    } catch (error) {
      this.report(vo, "8", "8", { text: error instanceof Error ? error.message : String(error) });
      return;
    }
    const now = this.clock.now();
    const last = this.lastPrice.get(symbol) ?? Number.NaN;
    const order = {
      ...request,
      id: venueId,
      clientOrderId: clOrdId,
      venueOrderId: venueId,
      filledQty: 0,
      avgFillPrice: Number.NaN,
      createdTs: now,
      updatedTs: now,
      reason: undefined,
      parentId: undefined,
      status: "ACKNOWLEDGED",
    } as Order;
    const refusal = this.emulator.admit(order, now, last);
    if (refusal !== undefined) {
      this.report(vo, "8", "8", { text: refusal });
      return;
    }
    this.emulator.accept(order, now, last);
    vo.open = true;
    this.orders.set(venueId, vo);
    this.byClOrdId.set(clOrdId, vo);
    this.report(vo, "0", "0");
  }

  private cancel(m: FixMessage): void {
    const vo = this.byClOrdId.get(m.get(41) ?? "");
    const clOrdId = m.get(11) ?? "";
    if (vo === undefined || !vo.open || !this.emulator.remove(vo.venueId)) {
      this.cancelReject(m, vo, "1");
      return;
    }
    const orig = vo.clOrdId;
    vo.clOrdId = clOrdId;
    vo.open = false;
    this.byClOrdId.set(clOrdId, vo);
    this.report(vo, "4", "4", { origClOrdId: orig });
  }

  private replace(m: FixMessage): void {
    const vo = this.byClOrdId.get(m.get(41) ?? "");
    const qty = Number(m.get(38));
    const price = m.get(44);
    const changes = { qty, ...(price !== undefined ? { limitPrice: Number(price) } : {}) };
    if (vo === undefined || !vo.open || !this.emulator.replace(vo.venueId, vo.cum, changes)) {
      this.cancelReject(m, vo, "2");
      return;
    }
    const orig = vo.clOrdId;
    vo.clOrdId = m.get(11) ?? orig;
    vo.qty = qty;
    this.byClOrdId.set(vo.clOrdId, vo);
    this.report(vo, "5", vo.cum > 0 ? "1" : "0", { origClOrdId: orig });
  }

  private onFill(id: string, qty: number, price: number, leaves: number): void {
    const vo = this.orders.get(id);
    if (vo === undefined) return;
    vo.cum += qty;
    vo.notional += qty * price;
    this.positions.set(vo.symbol, (this.positions.get(vo.symbol) ?? 0) + (vo.side === "buy" ? qty : -qty));
    if (leaves === 0) vo.open = false;
    this.report(vo, leaves === 0 ? "2" : "1", leaves === 0 ? "2" : "1", { lastQty: qty, lastPx: price });
  }

  private onVenueClose(id: string, execType: "4" | "C", reason: string): void {
    const vo = this.orders.get(id);
    if (vo === undefined) return;
    vo.open = false;
    this.report(vo, execType, execType, { text: reason });
  }

  private report(
    vo: VenueOrder,
    execType: string,
    ordStatus: string,
    extra: { text?: string; origClOrdId?: string; lastQty?: number; lastPx?: number } = {},
  ): void {
    const leaves = vo.open ? vo.qty - vo.cum : 0;
    const fields: [number, string][] = [
      [37, vo.venueId],
      [11, vo.clOrdId],
    ];
    if (extra.origClOrdId !== undefined) fields.push([41, extra.origClOrdId]);
    fields.push(
      [17, `E${this.nextExec++}`],
      [20, "0"],
      [150, execType],
      [39, ordStatus],
      [55, vo.symbol],
      [54, vo.side === "buy" ? "1" : "2"],
      [38, `${vo.qty}`],
    );
    if (extra.lastQty !== undefined) fields.push([32, `${extra.lastQty}`], [31, `${extra.lastPx}`]);
    fields.push(
      [151, `${leaves}`],
      [14, `${vo.cum}`],
      [6, `${vo.cum > 0 ? vo.notional / vo.cum : 0}`],
      [60, fixTimestamp(this.clock.now())],
    );
    if (extra.text !== undefined) fields.push([58, extra.text]);
    this.session?.sendApp("8", fields);
  }

  private cancelReject(m: FixMessage, vo: VenueOrder | undefined, responseTo: "1" | "2"): void {
    this.session?.sendApp("9", [
      [37, vo?.venueId ?? "NONE"],
      [11, m.get(11) ?? ""],
      [41, m.get(41) ?? ""],
      [39, vo === undefined ? "8" : vo.open ? (vo.cum > 0 ? "1" : "0") : vo.cum >= vo.qty ? "2" : "4"],
      [434, responseTo],
      [102, vo === undefined ? "1" : "0"],
      [58, vo === undefined ? "unknown order" : "order is not working"],
    ]);
  }
}
