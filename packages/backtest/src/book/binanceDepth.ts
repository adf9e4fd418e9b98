import { ValidationError, type ValidationIssue } from "@quantkit/core";
import { L2Book } from "./l2Book.js";
import type { BookSide } from "./types.js";

/** One row of a Binance USDⓈ-M futures depth CSV (`symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu`). */
export interface BinanceDepthRow {
  readonly symbol: string;
  /** Event time, UTC epoch ms. */
  readonly ts: number;
  /** `U`: first update id of the event (the snapshot's `lastUpdateId` on snapshot rows). */
  readonly firstUpdateId: number;
  /** `u`: last update id of the event. */
  readonly lastUpdateId: number;
  readonly side: BookSide;
  readonly kind: "snap" | "set";
  readonly price: number;
  /** Absolute level quantity; 0 deletes the level. */
  readonly qty: number;
  /** `pu`: the previous event's `u` (−1 on snapshot rows). */
  readonly pu: number;
}

/** A depth snapshot (REST `GET /fapi/v1/depth`). */
export interface BinanceDepthSnapshot {
  readonly symbol: string;
  readonly ts: number;
  readonly lastUpdateId: number;
  readonly levels: readonly BinanceDepthRow[];
}

/** One diff-depth stream event (`<symbol>@depth`): all its rows share `U`, `u` and `pu`. */
export interface BinanceDepthEvent {
  readonly symbol: string;
  readonly ts: number;
  readonly firstUpdateId: number;
  readonly lastUpdateId: number;
  readonly prevLastUpdateId: number;
  readonly changes: readonly BinanceDepthRow[];
}

const HEADER = "symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu";

/**
 * Parses a Binance depth CSV (snapshot or updates, as recorded by nautilus_trader's test data). Every row is
 * checked; all problems are reported together with their row number (1-based, header = row 1).
 *
 * @param text - file contents.
 * @param what - a name for messages, e.g. the path.
 * @example
 * parseBinanceDepthCsv(readFileSync("btcusdt-depth-snap.csv", "utf8")).length; // → 100
 * @throws ValidationError listing each bad row and field.
 * @see https://github.com/nautechsystems/nautilus_trader/tree/develop/tests/test_data (file origin)
 */
export function parseBinanceDepthCsv(text: string, what = "Binance depth CSV"): BinanceDepthRow[] {
  const lines = text.split(/\r?\n/);
  const issues: ValidationIssue[] = [];
  if ((lines[0] ?? "").trim() !== HEADER) {
    issues.push({ path: "row 1", message: `expected header "${HEADER}", got "${lines[0] ?? ""}"` });
  }
  const rows: BinanceDepthRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") {
      if (i !== lines.length - 1) issues.push({ path: `row ${i + 1}`, message: "empty line" });
      continue;
    }
    const f = line.split(",");
    if (f.length !== 9) {
      issues.push({ path: `row ${i + 1}`, message: `expected 9 fields, got ${f.length}` });
      continue;
    }
    const num = (k: number, name: string, check: (v: number) => boolean, expected: string) => {
      const v = Number(f[k]);
      if (f[k] === "" || !check(v))
        issues.push({ path: `row ${i + 1}.${name}`, message: `expected ${expected}, got "${f[k]}"` });
      return v;
    };
    const ts = num(1, "timestamp", Number.isSafeInteger, "an integer epoch ms");
    const U = num(2, "first_update_id", Number.isSafeInteger, "a safe integer");
    const u = num(3, "last_update_id", Number.isSafeInteger, "a safe integer");
    const price = num(6, "price", (v) => v > 0 && Number.isFinite(v), "a positive price");
    const qty = num(7, "qty", (v) => v >= 0 && Number.isFinite(v), "a quantity ≥ 0");
    const pu = num(8, "pu", Number.isSafeInteger, "an integer (−1 on snapshots)");
    const s = f[4];
    if (s !== "b" && s !== "a")
      issues.push({ path: `row ${i + 1}.side`, message: `expected "b" or "a", got "${s}"` });
    const kind = f[5];
    if (kind !== "snap" && kind !== "set") {
      issues.push({ path: `row ${i + 1}.update_type`, message: `expected "snap" or "set", got "${kind}"` });
    }
    if (U > u) issues.push({ path: `row ${i + 1}`, message: `first_update_id ${U} > last_update_id ${u}` });
    rows.push({
      symbol: f[0]!,
      ts,
      firstUpdateId: U,
      lastUpdateId: u,
      side: s === "b" ? "buy" : "sell",
      kind: kind === "snap" ? "snap" : "set",
      price,
      qty,
      pu,
    });
  }
  if (issues.length > 0) throw new ValidationError(what, issues);
  return rows;
}

/**
 * Builds the snapshot from `snap` rows: they must all share one `lastUpdateId`.
 *
 * @example
 * depthSnapshotFromRows(rows).lastUpdateId; // → 2098021528332
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book
 */
export function depthSnapshotFromRows(rows: readonly BinanceDepthRow[]): BinanceDepthSnapshot {
  const first = rows[0];
  if (first === undefined)
    throw new ValidationError("Binance depth snapshot", [{ path: "", message: "no rows" }]);
  const issues: ValidationIssue[] = [];
  rows.forEach((r, i) => {
    if (r.kind !== "snap")
      issues.push({ path: `row ${i + 2}.update_type`, message: `expected "snap", got "${r.kind}"` });
    if (r.lastUpdateId !== first.lastUpdateId) {
      issues.push({
        path: `row ${i + 2}.last_update_id`,
        message: `expected ${first.lastUpdateId} like row 2, got ${r.lastUpdateId}`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError("Binance depth snapshot", issues);
  return { symbol: first.symbol, ts: first.ts, lastUpdateId: first.lastUpdateId, levels: rows };
}

/**
 * Groups consecutive `set` rows with the same (`U`, `u`, `pu`) into stream events, in file order (never
 * reordered).
 * @example
 * depthEventsFromRows(updateRows).length; // → 1 for the bundled sample
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
 */
export function depthEventsFromRows(rows: readonly BinanceDepthRow[]): BinanceDepthEvent[] {
  const events: BinanceDepthEvent[] = [];
  let cur: BinanceDepthRow[] = [];
  const flush = () => {
    const h = cur[0];
    if (h === undefined) return;
    events.push({
      symbol: h.symbol,
      ts: h.ts,
      firstUpdateId: h.firstUpdateId,
      lastUpdateId: h.lastUpdateId,
      prevLastUpdateId: h.pu,
      changes: cur,
    });
    cur = [];
  };
  for (const r of rows) {
    const h = cur[0];
    if (
      h !== undefined &&
      (h.firstUpdateId !== r.firstUpdateId || h.lastUpdateId !== r.lastUpdateId || h.pu !== r.pu)
    )
      flush();
    cur.push(r);
  }
  flush();
  return events;
}

/** What happened to one diff event. */
export type DepthEventOutcome =
  /** applied to the book */
  | "applied"
  /** `u < lastUpdateId` of the snapshot: older than the snapshot, dropped (step 4) */
  | "stale"
  /** continuity broken (first event does not straddle the snapshot, or `pu` ≠ previous `u`): the book is out of sync */
  | "gap"
  /** the book is out of sync after a gap: events are ignored until a new snapshot arrives */
  | "needs-snapshot";

/** A continuity break found while replaying. */
export interface DepthGap {
  readonly eventIndex: number;
  readonly firstUpdateId: number;
  readonly lastUpdateId: number;
  readonly prevLastUpdateId: number;
  /** Which rule failed and with which ids. */
  readonly reason: string;
}

/**
 * Maintains a local L2 book from a Binance USDⓈ-M futures depth snapshot plus diff-depth events, following
 * Binance's documented procedure: drop events with `u < lastUpdateId`; the first applied event must have
 * `U ≤ lastUpdateId ≤ u`; each later event's `pu` must equal the previous event's `u`, otherwise the book is out of
 * sync (reported, never patched over) until the next snapshot; quantities are absolute and 0 removes the level
 * (removing an absent level is normal).
 *
 * @example
 * const sync = new BinanceDepthSync(); sync.loadSnapshot(snap);
 * sync.apply(event); // → "gap" on the bundled sample (the update is 10 minutes after the snapshot)
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
 */
export class BinanceDepthSync {
  readonly book = new L2Book();
  private snapshotId = Number.NaN;
  private prevU = Number.NaN;
  private inSync = false;
  readonly gaps: DepthGap[] = [];
  private eventIndex = 0;

  /** True after a snapshot and as long as continuity holds. */
  get synced(): boolean {
    return this.inSync;
  }
  /** `u` of the last applied event (NaN before the first). */
  get lastAppliedUpdateId(): number {
    return this.prevU;
  }

  /** Replaces the book with a snapshot (step 3) and waits for the first straddling event. */
  loadSnapshot(s: BinanceDepthSnapshot): void {
    this.book.clear();
    for (const r of s.levels) this.book.set(r.side, r.price, r.qty);
    this.snapshotId = s.lastUpdateId;
    this.prevU = Number.NaN;
    this.inSync = true;
  }

  /** Applies one event and tells what happened. */
  apply(e: BinanceDepthEvent): DepthEventOutcome {
    const index = this.eventIndex++;
    if (!this.inSync) return "needs-snapshot";
    const gap = (reason: string): DepthEventOutcome => {
      this.gaps.push({
        eventIndex: index,
        firstUpdateId: e.firstUpdateId,
        lastUpdateId: e.lastUpdateId,
        prevLastUpdateId: e.prevLastUpdateId,
        reason,
      });
      this.inSync = false;
      return "gap";
    };
    if (Number.isNaN(this.prevU)) {
      if (e.lastUpdateId < this.snapshotId) return "stale";
      if (e.firstUpdateId > this.snapshotId) {
        return gap(
          `first event must have U ≤ lastUpdateId ≤ u; got U=${e.firstUpdateId} > snapshot lastUpdateId=${this.snapshotId}`,
        );
      }
    } else if (e.prevLastUpdateId !== this.prevU) {
      return gap(`pu=${e.prevLastUpdateId} ≠ previous event's u=${this.prevU}`);
    }
    for (const c of e.changes) this.book.set(c.side, c.price, c.qty);
    this.prevU = e.lastUpdateId;
    return "applied";
  }
}

/** Result of {@link replayBinanceDepth}. */
export interface DepthReplayResult {
  readonly sync: BinanceDepthSync;
  readonly book: L2Book;
  readonly outcomes: readonly DepthEventOutcome[];
}

/**
 * Replays a snapshot and its diff events through {@link BinanceDepthSync}.
 *
 * @example
 * const r = replayBinanceDepth(snap, events); r.outcomes; // → ["gap"] on the bundled sample
 * @see {@link BinanceDepthSync}
 */
export function replayBinanceDepth(
  snapshot: BinanceDepthSnapshot,
  events: readonly BinanceDepthEvent[],
): DepthReplayResult {
  const sync = new BinanceDepthSync();
  sync.loadSnapshot(snapshot);
  const outcomes = events.map((e) => sync.apply(e));
  return { sync, book: sync.book, outcomes };
}
