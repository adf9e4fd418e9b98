import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBars } from "@quantkit/backtest";
import { afterAll, describe, expect, it } from "vitest";
import { sweepCommand } from "../cli/sweepCli.js";
import { RunPool } from "../pool/runPool.js";
import { executeRun } from "../run/executeRun.js";
import { halvingSweep } from "./halvingSweep.js";
import { openResults } from "./resultsTable.js";
import { runSweep } from "./runSweep.js";
import type { SweepConfigInput } from "./sweepConfig.js";

/** Daily bars of a 90-day price cycle with a fast wiggle: a short-window SMA crossover is clearly best. */
function cycleCsv(path: string, n: number): void {
  const rows = ["date,open,high,low,close,volume"];
  let p = 100;
  for (let i = 0; i < n; i++) {
    p *= 1 + 0.01 * Math.sin((2 * Math.PI * i) / 90) + 0.008 * Math.sin(i * 2.3);
    const day = new Date(Date.UTC(1990, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${day},${p},${p * 1.01},${p * 0.99},${p},1000`);
  }
  writeFileSync(path, `${rows.join("\n")}\n`);
}

async function count(out: string, where: string): Promise<{ n: number; bars: number }> {
  const con = await openResults(out);
  try {
    const r = await con.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n, coalesce(sum(bars), 0)::DOUBLE AS bars FROM results WHERE ${where}`,
    );
    const [row] = r.getRowObjectsJS() as { n: number; bars: number }[];
    return row!;
  } finally {
    con.closeSync();
  }
}

const tmp = mkdtempSync(join(tmpdir(), "qk-halving-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("halvingSweep", () => {
  it("runs 9 → 3 → 1 candidates on 1/9, 1/3 and all bars; every score equals executeRun on that prefix", async () => {
    const n = 9000;
    const bars = randomBars(n, 21, "SYN");
    const data = { kind: "synthetic", seed: 21, length: n } as const;
    const pool = await RunPool.create({ workers: 0 });
    const config = {
      strategy: "sma-cross",
      data,
      space: { fast: { int: [2, 30] }, slow: { int: [31, 120] } },
      search: { kind: "random", n: 9, seed: 3 },
      options: { qty: 10 },
      out: join(tmp, "sh"),
    } as const;
    const r = await halvingSweep(config, { pool, bars });
    expect(r.rungs.map((g) => g.evaluated.length)).toEqual([9, 3, 1]);
    expect(r.rungs.map((g) => Math.round(g.fraction * 9))).toEqual([1, 3, 9]);
    for (const rung of r.rungs) {
      const cut = Math.round(rung.fraction * n);
      const end = cut >= n ? bars.ts[n - 1]! + 1 : bars.ts[cut]!;
      for (const e of rung.evaluated) {
        const alone = executeRun(
          {
            strategy: "sma-cross",
            params: e.params,
            data,
            range: { start: bars.ts[0]!, end },
            options: { qty: 10 },
          },
          bars,
        );
        expect(alone.metrics.bars).toBe(Math.min(cut, n));
        expect(e.score).toBe(alone.metrics.sharpe);
      }
    }
    // survivors are the top third of the previous rung
    const first = [...r.rungs[0]!.evaluated].sort((a, b) => b.score - a.score).slice(0, 3);
    expect(new Set(r.rungs[1]!.evaluated.map((e) => JSON.stringify(e.params)))).toEqual(
      new Set(first.map((e) => JSON.stringify(e.params))),
    );
    expect(r.best).toEqual(r.rungs[2]!.evaluated[0]);
    // a rerun is a resume: nothing executes again, same answer
    expect(await halvingSweep(config, { pool, bars })).toEqual(r);
    await pool.close();
  });

  it("runSweep with search { kind: halving } finds the full grid's best with 2 full-length runs instead of 43 (counted in the results tables)", async () => {
    const n = 2700;
    const csv = join(tmp, "cycle.csv");
    cycleCsv(csv, n);
    const pool = await RunPool.create({ workers: 0 });
    const base: SweepConfigInput = {
      strategy: "sma-cross",
      data: { kind: "csv", path: csv, symbol: "CYC", timeframe: "1d" },
      space: { fast: { int: [2, 14], step: 3 }, slow: { int: [10, 58], step: 6 } },
      options: { qty: 100, slippageBps: 10 },
    };
    try {
      const full = await runSweep({ ...base, search: { kind: "grid" }, out: join(tmp, "grid") }, { pool });
      const sh = await runSweep(
        { ...base, search: { kind: "halving" }, out: join(tmp, "halving") },
        { pool },
      );
      expect(full.total).toBe(43);
      // the premise "the best is clear": the grid's best leads by a margin on all the bars
      expect(full.top[0]!.metrics.sharpe - full.top[1]!.metrics.sharpe).toBeGreaterThan(0.2);
      expect(sh.best?.params).toEqual(full.best?.params);
      expect(sh.best?.metrics).toEqual(full.best?.metrics);
      // 43 → 15 → 5 → 2 candidates on 100, 300, 900 and 2700 bars
      expect(sh.halving?.rungs.map((r) => [r.candidates, r.bars])).toEqual([
        [43, 100],
        [15, 300],
        [5, 900],
        [2, 2700],
      ]);
      expect(sh.halving?.fullLengthRuns).toBe(2);
      expect(sh).toMatchObject({ total: 65, executed: 65, skipped: 0, failed: 0, aborted: false });
      // counted in the tables: full-length runs, and bars simulated in all
      const gridFull = await count(join(tmp, "grid"), `bars = ${n}`);
      const shFull = await count(join(tmp, "halving"), `bars = ${n}`);
      const shAll = await count(join(tmp, "halving"), "true");
      expect(gridFull.n).toBe(43);
      expect(shFull.n).toBe(2);
      expect(shAll.n).toBe(65);
      expect(shAll.bars).toBe(43 * 100 + 15 * 300 + 5 * 900 + 2 * 2700);
      expect(shAll.bars).toBeLessThan(gridFull.bars / 5);
      // a rerun resumes: nothing executes, same answer
      const again = await runSweep(
        { ...base, search: { kind: "halving" }, out: join(tmp, "halving") },
        { pool },
      );
      expect(again).toMatchObject({ executed: 0, skipped: 65 });
      expect(again.best).toEqual(sh.best);
      // seeded random candidates: the same seed gives the same rungs
      const r1 = await runSweep(
        { ...base, search: { kind: "halving", n: 12, seed: 4, eta: 2 }, out: join(tmp, "r1") },
        { pool },
      );
      const r2 = await runSweep(
        { ...base, search: { kind: "halving", n: 12, seed: 4, eta: 2 }, out: join(tmp, "r2") },
        { pool },
      );
      expect(r1.halving?.rungs.map((r) => r.candidates)).toEqual([12, 6, 3, 2]);
      expect(r2.top).toEqual(r1.top);
    } finally {
      await pool.close();
    }
  });

  it("quantkit sweep --search halving overrides a grid config's search (the config file's other fields kept)", async () => {
    const cfg = join(tmp, "grid.yaml");
    writeFileSync(
      cfg,
      [
        "strategy: sma-cross",
        "data: { kind: synthetic, seed: 3, length: 2000 }",
        "space: { fast: { int: [2, 10], step: 2 }, slow: { int: [20, 40], step: 10 } }",
        "search: { kind: grid }",
        "workers: 0",
        "",
      ].join("\n"),
    );
    const lines: string[] = [];
    const s = await sweepCommand({
      config: cfg,
      search: "halving",
      eta: 2,
      out: join(tmp, "cli"),
      catalog: false,
      log: (l) => lines.push(l),
      onProgress: () => undefined,
    });
    expect(s.halving?.eta).toBe(2);
    expect(s.halving?.rungs.map((r) => r.candidates)).toEqual([15, 8, 4, 2]);
    expect(lines.join("\n")).toMatch(
      /successive halving \(eta 2\): 15 on 250 bars → 8 on 500 bars → 4 on 1000 bars → 2 on 2000 bars; 2 full-length runs/,
    );
    await expect(
      sweepCommand({ config: cfg, search: "grid", n: 5, catalog: false, log: () => undefined }),
    ).rejects.toThrow(/search/);
  });

  it("a halving sweep with a range cuts its rungs inside the range: 9 → 3 → 1 runs on 200, 600 and 1800 bars from its start", async () => {
    const bars = randomBars(3000, 9, "SYN");
    const out = join(tmp, "ranged");
    const s = await runSweep({
      strategy: "sma-cross",
      data: { kind: "synthetic", seed: 9, length: 3000 },
      space: { fast: { int: [5, 15], step: 5 }, slow: { int: [30, 90], step: 30 } },
      search: { kind: "halving" },
      range: { start: bars.ts[1000]!, end: bars.ts[2800]! },
      workers: 0,
      out,
    });
    expect(s.halving?.rungs.map((r) => [r.candidates, r.bars])).toEqual([
      [9, 200],
      [3, 600],
      [1, 1800],
    ]);
    expect(s.bars).toBe(1800);
    const con = await openResults(out);
    try {
      const r = await con.runAndReadAll(
        "SELECT bars::DOUBLE AS bars, count(*)::DOUBLE AS n, min(json_extract(spec, '$.range.start')::DOUBLE) AS lo, max(json_extract(spec, '$.range.start')::DOUBLE) AS hi FROM results GROUP BY bars ORDER BY bars",
      );
      expect(r.getRowObjectsJS()).toEqual([
        { bars: 200, n: 9, lo: bars.ts[1000], hi: bars.ts[1000] },
        { bars: 600, n: 3, lo: bars.ts[1000], hi: bars.ts[1000] },
        { bars: 1800, n: 1, lo: bars.ts[1000], hi: bars.ts[1000] },
      ]);
    } finally {
      con.closeSync();
    }
    // the best of the last rung equals executeRun over the whole range
    const alone = executeRun(
      {
        strategy: "sma-cross",
        params: s.best!.params,
        data: { kind: "synthetic", seed: 9, length: 3000 },
        range: { start: bars.ts[1000]!, end: bars.ts[2800]! },
      },
      bars,
    );
    expect(s.best?.metrics).toEqual(alone.metrics);
  });
});
