import { zoneOffsetMs } from "@quantkit/core";
import type { Order, OrderType, TimeInForce } from "../orders/order.js";
import { type FillModel, type FillModelOptions, fillModelSchema, type Session } from "./fill-model.js";
import { firstReach, intrabarPath, minFrom, pathLength } from "./intrabar-path.js";
import { slippageAmount } from "./slippage.js";

/** Receives what the emulated venue does to working orders. */
export interface EmulatorListener {
  /**
   * Part or all of order `id` traded. `slippage` is the adverse amount per unit already included in `price`;
   * `leaves` is the quantity still open.
   */
  fill(
    id: string,
    qty: number,
    price: number,
    slippage: number,
    taker: boolean,
    ts: number,
    leaves: number,
  ): void;
  /** The venue canceled the order (IOC/FOK remainder, OCO sibling filled). */
  cancel(id: string, reason: string, ts: number): void;
  /** DAY/GTD order expired (reported at the close of the first bar opening at or after its expiry). */
  expire(id: string, reason: string, ts: number): void;
}

/** An order resting in the emulator, with its simulation state (owned by the emulator, not the order manager). */
export interface WorkingOrder {
  readonly id: string;
  readonly symbol: string;
  /** +1 buy, −1 sell. */
  readonly sgn: number;
  type: OrderType;
  remaining: number;
  limit: number;
  stop: number;
  readonly trailAmount: number;
  readonly trailPercent: number;
  /** Trailing watermark in mirrored units (σ·price, σ = +1 for sells, −1 for buys). */
  wm: number;
  /** Stop (or stop part of a stop-limit / trailing stop) has triggered. */
  triggered: boolean;
  readonly tif: TimeInForce;
  readonly expireAt: number;
  /** Earliest bar open time this order may fill on (its arrival at the venue). */
  readonly eligibleFrom: number;
  readonly ocoGroup: string | undefined;
  readonly priority: number;
  /** Scratch: trigger distance on the current bar (−1 = none). */
  d: number;
  /** Scratch: reference fill price on the current bar. */
  px: number;
  taker: boolean;
  done: boolean;
}

const DAY_MS = 86_400_000;

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Session helpers.
 *
 * @example
 * sessionState(nyse, Date.UTC(2024, 0, 2, 15)).inSession // → true (10:00 New York)
 */
export function sessionState(
  session: Session,
  ts: number,
): { inSession: boolean; openTs: number; closeTs: number } {
  const off = zoneOffsetMs(ts, session.timezone);
  const local = ts + off;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = (local - dayStart) / 60_000;
  const weekday = new Date(dayStart).getUTCDay();
  const open = minutes(session.open);
  const close = minutes(session.close);
  const inSession = session.weekdays.includes(weekday) && minute >= open && minute < close;
  return { inSession, openTs: dayStart + open * 60_000 - off, closeTs: dayStart + close * 60_000 - off };
}

/**
 * The simulated venue's matching logic on bars: order types market, limit, stop, stop-limit, trailing stop,
 * MOO/MOC and OCO groups; TIF DAY/GTC/IOC/FOK/GTD; a named intrabar path; touch-vs-through limits; a volume
 * participation cap shared by our orders with partial fills across bars; slippage; sessions and price bands.
 *
 * Timing: an order may fill only on bars that open at or after it arrives at the venue (`eligibleFrom`); a bar is
 * matched when it is complete (delivered at its close), and fills are stamped with that close time.
 *
 * @example
 * const em = new ExecutionEmulator({ intrabar: "pessimistic" }, listener);
 * em.accept(order, arrivalTs, lastPrice); em.onBar("SPY", ts, o, h, l, c, v, closeTs, position);
 * @see https://www.backtrader.com/docu/order-creation-execution/ (bar execution conventions)
 */
export class ExecutionEmulator {
  readonly model: FillModel;
  private readonly bySymbol = new Map<string, WorkingOrder[]>();
  private readonly byId = new Map<string, WorkingOrder>();
  private readonly path = new Float64Array(4);
  private scratch: WorkingOrder[] = [];
  private priority = 0;

  constructor(
    options: FillModelOptions | FillModel,
    private readonly listener: EmulatorListener,
  ) {
    this.model = fillModelSchema.parse(options);
  }

  /** Working orders of a symbol (the live array: do not mutate). */
  working(symbol: string): readonly WorkingOrder[] {
    return this.bySymbol.get(symbol) ?? [];
  }

  /** The live (mutable, owned by the emulator) list of working orders of `symbol`, created empty if needed. */
  listFor(symbol: string): readonly WorkingOrder[] {
    let list = this.bySymbol.get(symbol);
    if (list === undefined) {
      list = [];
      this.bySymbol.set(symbol, list);
    }
    return list;
  }

  /** The working order `id`, if resting. */
  get(id: string): WorkingOrder | undefined {
    return this.byId.get(id);
  }

  /**
   * Venue-side admission checks at arrival: session hours and price band. Returns a rejection reason or `undefined`.
   */
  admit(order: Order, arrivalTs: number, lastPrice: number): string | undefined {
    const s = this.model.session;
    // MOO/MOC orders are for the auctions: accepted outside the session
    if (
      s !== undefined &&
      order.type !== "moo" &&
      order.type !== "moc" &&
      !sessionState(s, arrivalTs).inSession
    )
      return "outside trading session";
    const band = this.model.priceBandPct;
    if (band !== undefined && lastPrice > 0) {
      for (const p of [order.limitPrice, order.stopPrice]) {
        if (p !== undefined && Math.abs(p / lastPrice - 1) * 100 > band)
          return `price ${p} outside ±${band}% band around ${lastPrice}`;
      }
    }
    return undefined;
  }

  /**
   * Rests an acknowledged order. `refPrice` (last trade/close) seeds trailing stops.
   *
   * @param arrivalTs - when the order reached the venue (UTC epoch ms); it can fill on bars opening at or after it.
   */
  accept(order: Order, arrivalTs: number, refPrice: number): WorkingOrder {
    const sgn = order.side === "buy" ? 1 : -1;
    let expireAt = Number.POSITIVE_INFINITY;
    if (order.tif === "GTD") expireAt = order.expireAt ?? expireAt;
    else if (order.tif === "DAY") {
      const s = this.model.session;
      expireAt =
        s !== undefined ? sessionState(s, arrivalTs).closeTs : (Math.floor(arrivalTs / DAY_MS) + 1) * DAY_MS;
    }
    const w: WorkingOrder = {
      id: order.id,
      symbol: order.symbol,
      sgn,
      type: order.type,
      remaining: order.qty - order.filledQty,
      limit: order.limitPrice ?? Number.NaN,
      stop: order.stopPrice ?? Number.NaN,
      trailAmount: order.trailAmount ?? Number.NaN,
      trailPercent: order.trailPercent ?? Number.NaN,
      wm: -sgn * refPrice,
      triggered: false,
      tif: order.tif,
      expireAt,
      eligibleFrom: arrivalTs,
      ocoGroup: order.ocoGroup,
      priority: this.priority++,
      d: -1,
      px: Number.NaN,
      taker: false,
      done: false,
    };
    let list = this.bySymbol.get(order.symbol);
    if (list === undefined) {
      list = [];
      this.bySymbol.set(order.symbol, list);
    }
    list.push(w);
    this.byId.set(w.id, w);
    return w;
  }

  /** Removes a working order (cancel request reached the venue). Returns false if it is no longer working. */
  remove(id: string): boolean {
    const w = this.byId.get(id);
    if (w === undefined) return false;
    this.byId.delete(id);
    w.done = true;
    const list = this.bySymbol.get(w.symbol)!;
    list.splice(list.indexOf(w), 1);
    return true;
  }

  /** Applies a cancel-replace: new quantity (total, including what is filled) and/or prices. */
  replace(
    id: string,
    filledQty: number,
    changes: { qty?: number; limitPrice?: number; stopPrice?: number },
  ): boolean {
    const w = this.byId.get(id);
    if (w === undefined) return false;
    if (changes.qty !== undefined) {
      if (changes.qty <= filledQty) return false;
      w.remaining = changes.qty - filledQty;
    }
    if (changes.limitPrice !== undefined) w.limit = changes.limitPrice;
    if (changes.stopPrice !== undefined) w.stop = changes.stopPrice;
    return true;
  }

  /**
   * Matches the working orders of `symbol` against one complete bar.
   *
   * @param ts - bar open time; `closeTs` - its close time (fills are stamped with it).
   * @param position - signed position at the start of the bar (for pessimistic/optimistic paths).
   * @param sideOnly - match only buys (+1) or only sells (−1), e.g. against the ask or the bid of a quote; 0 = both.
   * @param tick - the "bar" is one trade print or quote: resting limits then fill at their limit price, not at a
   *   better print (the aggressor trades at the resting order's price).
   */
  onBar(
    symbol: string,
    ts: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    closeTs: number,
    position: number,
    sideOnly = 0,
    tick = false,
  ): void {
    const list = this.bySymbol.get(symbol);
    if (list === undefined || list.length === 0) return;
    const m = this.model;
    const L = this.listener;
    // 1. expiries
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (ts >= w.expireAt) {
        this.remove(w.id);
        i--;
        L.expire(w.id, `${w.tif} order expired at ${w.expireAt} (bar opening at ${ts})`, closeTs);
      }
    }
    if (list.length === 0) return;
    const path = intrabarPath(open, high, low, close, m.intrabar, position, this.path);
    const total = pathLength(path);
    const through = m.limitFill === "through";
    // 2. evaluate each eligible order
    const cand = this.scratch;
    cand.length = 0;
    // with a session calendar, MOO fills only on the session's opening bar and MOC only on its closing bar
    let openBar = true;
    let closeBar = true;
    const sess = m.session;
    if (sess !== undefined && !tick) {
      const st = sessionState(sess, ts);
      openBar = st.inSession && ts === st.openTs;
      closeBar = st.inSession && closeTs === st.closeTs;
    }
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (w.eligibleFrom > ts || (sideOnly !== 0 && w.sgn !== sideOnly)) continue;
      if ((w.type === "moo" && !openBar) || (w.type === "moc" && !closeBar)) continue;
      evaluate(w, path, total, through);
      if (tick && w.d >= 0 && w.type === "limit") {
        w.px = w.limit;
        w.taker = false;
      }
      cand.push(w);
    }
    if (cand.length === 0) return;
    // 3. process in path order, then arrival order
    cand.sort(byTrigger);
    let liquidity =
      m.volumeParticipation !== undefined ? m.volumeParticipation * volume : Number.POSITIVE_INFINITY;
    for (let i = 0; i < cand.length; i++) {
      const w = cand[i]!;
      if (w.done) continue;
      const immediate = w.tif === "IOC" || w.tif === "FOK";
      if (w.d < 0) {
        if (immediate) {
          this.remove(w.id);
          L.cancel(w.id, `${w.tif}: not marketable on its first bar`, closeTs);
        }
        continue;
      }
      const qty = Math.min(w.remaining, liquidity);
      if (w.tif === "FOK" && qty < w.remaining) {
        this.remove(w.id);
        L.cancel(w.id, `FOK: only ${qty} of ${w.remaining} available`, closeTs);
        continue;
      }
      if (qty > 0) {
        let price = w.px;
        let slip = 0;
        if (w.taker) {
          slip = slippageAmount(m.slippage, price, qty, volume, high, low);
          price += w.sgn * slip;
        }
        liquidity -= qty;
        w.remaining -= qty;
        const filled = w.remaining <= 1e-12;
        if (filled) {
          w.remaining = 0;
          this.remove(w.id);
        }
        L.fill(w.id, qty, price, slip, w.taker, closeTs, w.remaining);
        if (filled && w.ocoGroup !== undefined) this.cancelOco(w, closeTs);
      }
      if (!w.done && immediate) {
        this.remove(w.id);
        L.cancel(w.id, `${w.tif}: remainder ${w.remaining} canceled`, closeTs);
      }
    }
  }

  private cancelOco(w: WorkingOrder, ts: number): void {
    const list = this.bySymbol.get(w.symbol);
    if (list === undefined) return;
    for (const o of [...list]) {
      if (o.ocoGroup === w.ocoGroup && o !== w) {
        this.remove(o.id);
        this.listener.cancel(o.id, `OCO: ${w.id} filled`, ts);
      }
    }
  }
}

function byTrigger(a: WorkingOrder, b: WorkingOrder): number {
  const da = a.d < 0 ? Number.POSITIVE_INFINITY : a.d;
  const db = b.d < 0 ? Number.POSITIVE_INFINITY : b.d;
  return da - db || a.priority - b.priority;
}

/** Sets `w.d` (trigger distance or −1), `w.px` (reference fill price) and `w.taker` for the bar `path`. */
function evaluate(w: WorkingOrder, path: Float64Array, total: number, through: boolean): void {
  const s = w.sgn;
  w.d = -1;
  w.px = Number.NaN;
  w.taker = true;
  const p0 = path[0]!;
  let type = w.type;
  if (w.triggered) type = type === "stop-limit" ? "limit" : "market";
  switch (type) {
    case "market":
    case "moo":
      w.d = 0;
      w.px = p0;
      return;
    case "moc":
      w.d = total;
      w.px = path[3]!;
      return;
    case "limit":
      limitFrom(w, path, 0, through);
      return;
    case "stop": {
      const d = firstReach(path, -s, w.stop, 0);
      if (d < 0) return;
      w.triggered = true;
      w.d = d;
      w.px = d === 0 ? p0 : w.stop;
      return;
    }
    case "stop-limit": {
      const d = firstReach(path, -s, w.stop, 0);
      if (d < 0) return;
      w.triggered = true;
      const pT = d === 0 ? p0 : w.stop;
      if (s * pT <= s * w.limit) {
        w.d = d;
        w.px = pT;
        w.taker = true;
        return;
      }
      limitFrom(w, path, d, through);
      return;
    }
    case "trailing-stop": {
      trailing(w, path);
      return;
    }
  }
}

function limitFrom(w: WorkingOrder, path: Float64Array, from: number, through: boolean): void {
  const s = w.sgn;
  const lv = s * w.limit;
  const lo = minFrom(path, s, from);
  if (through ? !(lo < lv) : !(lo <= lv)) {
    // a price at/better than the limit right at `from` (gap) still fills
    if (!(from === 0 && s * path[0]! < lv)) return;
  }
  const d = firstReach(path, s, w.limit, from);
  if (d < 0) return;
  w.d = d;
  const atFrom = s * path[0]! <= lv && d === 0;
  w.px = atFrom ? path[0]! : w.limit;
  w.taker = atFrom;
}

function trailLevel(w: WorkingOrder): number {
  return Number.isNaN(w.trailPercent) ? w.wm - w.trailAmount : w.wm - (Math.abs(w.wm) * w.trailPercent) / 100;
}

/** Trailing stop in mirrored units u = σ·price (σ = −sgn): watermark = max u, triggers when u ≤ level(wm). */
function trailing(w: WorkingOrder, path: Float64Array): void {
  const sig = -w.sgn;
  let u = sig * path[0]!;
  if (Number.isNaN(w.wm) || u > w.wm) w.wm = u; // no reference price at arrival: start at this open
  if (u <= trailLevel(w)) {
    w.triggered = true;
    w.d = 0;
    w.px = path[0]!;
    return;
  }
  let d0 = 0;
  for (let i = 1; i < 4; i++) {
    const b = sig * path[i]!;
    const seg = Math.abs(b - u);
    if (b > u) {
      if (b > w.wm) w.wm = b;
    } else {
      const lv = trailLevel(w);
      if (b <= lv) {
        w.triggered = true;
        w.d = d0 + (u - lv);
        w.px = sig * lv;
        return;
      }
    }
    d0 += seg;
    u = b;
  }
}
