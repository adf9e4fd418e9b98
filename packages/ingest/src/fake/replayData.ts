import { readFileSync } from "node:fs";
import { ValidationError } from "@quantkit/core";

/** One source trade of the replay (Tardis CSV row): id, time (UTC epoch ms), price, size, aggressor side. */
export interface SourceTrade {
  readonly id: number;
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  readonly side: 1 | -1;
  /** The price and size exactly as written in the file (sent on the wire unchanged). */
  readonly priceText: string;
  readonly sizeText: string;
}

/**
 * Reads a Tardis.dev trades CSV (`exchange,symbol,timestamp,local_timestamp,id,side,price,amount`, µs epochs).
 * Rows that do not parse throw a `ValidationError` naming the line: this is test input that must be exact.
 *
 * @param path - the CSV file.
 * @example
 * loadTardisTrades("test-data/tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv").length // → 9999
 * @see https://docs.tardis.dev/downloadable-csv-files#trades
 */
export function loadTardisTrades(path: string): SourceTrade[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const out: SourceTrade[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const f = line.split(",");
    const us = Number(f[2]);
    const id = Number(f[4]);
    const side = f[5] === "buy" ? 1 : f[5] === "sell" ? -1 : 0;
    const price = Number(f[6]);
    const size = Number(f[7]);
    if (
      f.length !== 8 ||
      !Number.isSafeInteger(us) ||
      !Number.isSafeInteger(id) ||
      side === 0 ||
      !(price > 0) ||
      !(size >= 0)
    )
      throw new ValidationError("Tardis trades", [
        { path: `line ${i + 1}`, message: `expected a trade row, got "${line}"` },
      ]);
    out.push({ id, ts: us / 1000, price, size, side, priceText: f[6]!, sizeText: f[7]! });
  }
  return out;
}

/** A depth snapshot and a sequence of diff events with a consistent Binance update-id chain. */
export interface DepthReplay {
  readonly snapshot: { lastUpdateId: number; ts: number; bids: [string, string][]; asks: [string, string][] };
  readonly updates: {
    U: number;
    u: number;
    pu: number;
    ts: number;
    b: [string, string][];
    a: [string, string][];
  }[];
}

/**
 * Reads the nautilus Binance futures depth files (`symbol,timestamp,first_update_id,last_update_id,side,
 * update_type,price,qty,pu`). The snapshot is used as is. The real diff rows (one 100-level event recorded ~10
 * minutes after the snapshot, so its ids do not chain to it) are split into events of `levelsPerEvent` rows and
 * **renumbered** to chain from the snapshot (`U = prev u + 1`, `u = U + 9`, `pu = prev u`): prices and sizes are
 * real, update ids are synthetic.
 *
 * @param snapPath - the snapshot CSV.
 * @param updatePath - the update CSV.
 * @param levelsPerEvent - rows per diff event. @default 10
 * @example
 * loadDepthReplay(snap, upd).updates.length // → 10
 */
export function loadDepthReplay(snapPath: string, updatePath: string, levelsPerEvent = 10): DepthReplay {
  const rows = (p: string) =>
    readFileSync(p, "utf8")
      .split("\n")
      .slice(1)
      .filter((l) => l.trim() !== "")
      .map((l) => l.split(","));
  const snap = rows(snapPath);
  const first = snap[0];
  if (!first) throw new ValidationError("depth snapshot", [{ path: "line 2", message: "expected rows" }]);
  const bids: [string, string][] = [];
  const asks: [string, string][] = [];
  for (const r of snap) (r[4] === "b" ? bids : asks).push([r[6]!, r[7]!]);
  const lastUpdateId = Number(first[3]);
  const upd = rows(updatePath);
  const updates: DepthReplay["updates"] = [];
  let prev = lastUpdateId;
  for (let i = 0; i < upd.length; i += levelsPerEvent) {
    const chunk = upd.slice(i, i + levelsPerEvent);
    const b: [string, string][] = [];
    const a: [string, string][] = [];
    for (const r of chunk) (r[4] === "b" ? b : a).push([r[6]!, r[7]!]);
    updates.push({ U: prev + 1, u: prev + 10, pu: prev, ts: Number(chunk[0]![1]), b, a });
    prev += 10;
  }
  return { snapshot: { lastUpdateId, ts: Number(first[1]), bids, asks }, updates };
}
