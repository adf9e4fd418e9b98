import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bars, emptyBars } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { AlpacaCredentials } from "./credentials.js";

/** Credentials the fake accepts in tests (distinctive, so a grep for them finds any leak). */
export const TEST_KEY = "PKTESTKEYID7Q2X9";
export const TEST_SECRET = "sEcReT-do-not-print-4f9a1c";
export const testCredentials = (): AlpacaCredentials => new AlpacaCredentials(TEST_KEY, TEST_SECRET);

/** Daily bars from rows of [open, high, low, close, volume], one day apart from 2024-01-02 (UTC midnight + 5h). */
export function makeBars(
  symbol: string,
  rows: readonly (readonly [number, number, number, number, number])[],
): Bars {
  const b = emptyBars(symbol, "1d", rows.length);
  rows.forEach((r, i) => {
    b.ts[i] = Date.UTC(2024, 0, 2 + i, 5);
    b.open[i] = r[0];
    b.high[i] = r[1];
    b.low[i] = r[2];
    b.close[i] = r[3];
    b.volume[i] = r[4];
  });
  return b;
}

let bundled: Promise<Bars[]> | undefined;
/** ORCL and NVDA daily bars of 2014 from the bundled store (read once per test file). */
export function bundledBars(): Promise<Bars[]> {
  bundled ??= (async () => {
    const root = mkdtempSync(join(tmpdir(), "qk-alpaca-"));
    const store = await openStore({ root });
    try {
      const out: Bars[] = [];
      for (const symbol of ["ORCL", "NVDA"])
        out.push(await store.getBars({ symbol, timeframe: "1d", start: "2014-06-01", end: "2015-01-01" }));
      return out;
    } finally {
      await store.close();
      rmSync(root, { recursive: true, force: true });
    }
  })();
  return bundled;
}

/** Polls `cond` every 5 ms until true; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
