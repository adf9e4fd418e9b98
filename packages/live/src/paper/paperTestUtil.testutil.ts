import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bars } from "@quantkit/core";
import type { MockGateway } from "../gateway/mockGateway.js";
import { Journal } from "./journal.js";

/** A fresh temp state dir; `cleanup()` removes it. */
export function tempDir(prefix = "qk-paper-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens the journal in `dir`. */
export function openJournal(dir: string) {
  return Journal.open(join(dir, "events.jsonl"));
}

/** Pushes bars `from..to-1` of `bars` into the mock as bar events. */
export function pushBars(gw: MockGateway, bars: Bars, from = 0, to = bars.length): void {
  for (let i = from; i < to; i++)
    gw.push({
      kind: "bar",
      symbol: bars.symbol,
      ts: bars.ts[i]!,
      open: bars.open[i]!,
      high: bars.high[i]!,
      low: bars.low[i]!,
      close: bars.close[i]!,
      volume: bars.volume[i]!,
    });
}
