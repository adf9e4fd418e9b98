import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBars } from "@quantkit/backtest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunPool } from "../pool/runPool.js";
import { executeRun } from "../run/executeRun.js";
import { openResults } from "./resultsTable.js";
import { runSweep } from "./runSweep.js";

const tmp = mkdtempSync(join(tmpdir(), "qk-sweep-"));
const data = { kind: "synthetic", seed: 11, length: 3000 } as const;
const bars = randomBars(3000, 11, "SYN");
const space = { fast: { int: [2, 20], step: 3 }, slow: { int: [10, 60], step: 10 } } as const;
const options = { qty: 10, commission: { perShare: 0.01, minimum: 1 }, slippageBps: 2 };
// fast ∈ {2,5,…,20} (7) × slow ∈ {10,…,60} (6) with fast < slow
const TOTAL = [2, 5, 8, 11, 14, 17, 20].reduce(
  (n, f) => n + [10, 20, 30, 40, 50, 60].filter((s) => f < s).length,
  0,
);
const METRICS = [
  ["total_return", "totalReturn"],
  ["sharpe", "sharpe"],
  ["sortino", "sortino"],
  ["max_drawdown", "maxDrawdown"],
  ["volatility", "volatility"],
  ["final_equity", "finalEquity"],
  ["trades", "trades"],
  ["fills", "fills"],
  ["bars", "bars"],
] as const;

async function readRows(out: string): Promise<Record<string, unknown>[]> {
  const con = await openResults(out);
  const r = await con.runAndReadAll("SELECT * FROM results ORDER BY key");
  const rows = r.getRowObjectsJS() as Record<string, unknown>[];
  con.closeSync();
  return rows;
}

function parts(out: string): string[] {
  const dir = join(out, "results");
  return existsSync(dir) ? readdirSync(dir) : [];
}

let pool2: RunPool;
let pool1: RunPool;
beforeAll(async () => {
  [pool2, pool1] = await Promise.all([RunPool.create({ workers: 2 }), RunPool.create({ workers: 1 })]);
});
afterAll(async () => {
  await Promise.all([pool2.close(), pool1.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

const base = { study: "t", strategy: "sma-cross", space, data, options, partSize: 7, batchSize: 3 };

describe("runSweep", () => {
  it("writes every run once, and each row equals executeRun of its spec done alone", async () => {
    const out = join(tmp, "one-by-one");
    const s = await runSweep({ ...base, out }, { pool: pool2 });
    expect(s.total).toBe(TOTAL);
    expect(s.executed).toBe(TOTAL);
    expect(s.failed).toBe(0);
    expect(s.aborted).toBe(false);
    const rows = await readRows(out);
    expect(rows.length).toBe(TOTAL);
    expect(new Set(rows.map((r) => r.key)).size).toBe(TOTAL);
    for (const row of rows) {
      const alone = executeRun(JSON.parse(row.spec as string), bars);
      expect(alone.key).toBe(row.key);
      expect(row.p_fast).toBe(JSON.parse(row.params as string).fast);
      for (const [col, m] of METRICS) expect(row[col]).toBe(alone.metrics[m]);
    }
    // the summary's best is the table's best
    const best = [...rows].sort((a, b) => (b.sharpe as number) - (a.sharpe as number))[0]!;
    expect(s.best?.key).toBe(best.key);
    expect(String(s)).toContain(`${TOTAL} executed`);
  });

  it("workers = 1 and workers = 2 give identical tables", async () => {
    const a = join(tmp, "w1");
    const b = join(tmp, "w2");
    await runSweep({ ...base, out: a }, { pool: pool1 });
    await runSweep({ ...base, out: b, batchSize: 1, partSize: 4 }, { pool: pool2 });
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ run_ms: _ms, ...r }) => r);
    expect(strip(await readRows(a))).toEqual(strip(await readRows(b)));
  });

  it("an abort mid-way leaves a consistent table and a rerun executes exactly the missing runs", async () => {
    const out = join(tmp, "abort");
    const ac = new AbortController();
    const first = await runSweep(
      { ...base, out, batchSize: 2, partSize: 3 },
      { pool: pool1, signal: ac.signal, onProgress: (p) => p.executed >= 6 && ac.abort() },
    );
    expect(first.aborted).toBe(true);
    expect(first.executed).toBeGreaterThanOrEqual(6);
    expect(first.executed).toBeLessThan(TOTAL);
    const rows = await readRows(out);
    expect(rows.length).toBe(first.executed);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const second = await runSweep({ ...base, out }, { pool: pool2 });
    expect(second.skipped).toBe(first.executed);
    expect(second.executed).toBe(TOTAL - first.executed);
    const all = await readRows(out);
    expect(all.length).toBe(TOTAL);
    expect(new Set(all.map((r) => r.key)).size).toBe(TOTAL);
  });

  it("random search runs n seeded parameter sets; the same seed reruns nothing", async () => {
    const out = join(tmp, "random");
    const cfg = { ...base, out, search: { kind: "random", n: 10, seed: 5 } } as const;
    const s = await runSweep(cfg, { pool: pool2 });
    expect(s.total).toBe(10);
    expect(s.executed).toBe(10);
    const again = await runSweep(cfg, { pool: pool2 });
    expect(again.executed).toBe(0);
    expect(again.skipped).toBe(10);
  });
});

// --- real child processes: SIGKILL and Ctrl-C (SIGINT) mid-sweep ---

const child = join(import.meta.dirname, "sweepChild.testutil.ts");
const slow = {
  ...base,
  engine: "event",
  data: { kind: "synthetic", seed: 4, length: 40_000 },
  workers: 1,
  batchSize: 1,
  partSize: 2,
} as const;

function start(config: object): { proc: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const proc = spawn(
    process.execPath,
    ["--conditions=@quantkit/source", "--import", "tsx", child, JSON.stringify(config)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let text = "";
  proc.stdout!.on("data", (d) => {
    text += String(d);
  });
  proc.stderr!.on("data", (d) => {
    text += String(d);
  });
  const exit = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => text, exit };
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("runSweep in a child process", () => {
  it("SIGKILL mid-sweep: the rerun executes exactly the missing runs; every key is in the table once", async () => {
    const out = join(tmp, "killed");
    const c = start({ ...slow, out });
    await waitFor(() => parts(out).filter((f) => f.endsWith(".parquet")).length >= 2, 90_000);
    c.proc.kill("SIGKILL");
    await c.exit;
    const before = await readRows(out);
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(TOTAL);
    expect(new Set(before.map((r) => r.key)).size).toBe(before.length);
    const rerun = await runSweep({ ...slow, out }, { pool: pool2 });
    expect(rerun.skipped).toBe(before.length);
    expect(rerun.executed).toBe(TOTAL - before.length);
    expect(parts(out).some((f) => f.endsWith(".tmp"))).toBe(false);
    const after = await readRows(out);
    expect(after.length).toBe(TOTAL);
    expect(new Set(after.map((r) => r.key)).size).toBe(TOTAL);
    // the rows written before the kill are unchanged and correct
    const eventBars = randomBars(40_000, 4, "SYN");
    for (const row of before.slice(0, 2))
      expect(row.sharpe).toBe(executeRun(JSON.parse(row.spec as string), eventBars).metrics.sharpe);
  });

  it("Ctrl-C (SIGINT) stops cleanly: exit code 0, ABORTED summary, consistent table, rerun completes it", async () => {
    const out = join(tmp, "sigint");
    const c = start({ ...slow, out });
    await waitFor(() => /progress [2-9]/.test(c.output()), 90_000);
    c.proc.kill("SIGINT");
    expect(await c.exit).toBe(0);
    expect(c.output()).toContain("ABORTED");
    const m = /(\d+) executed/.exec(c.output());
    const executed = Number(m![1]);
    const rows = await readRows(out);
    expect(rows.length).toBe(executed);
    expect(new Set(rows.map((r) => r.key)).size).toBe(executed);
    const rerun = await runSweep({ ...slow, out }, { pool: pool2 });
    expect(rerun.executed).toBe(TOTAL - executed);
    expect((await readRows(out)).length).toBe(TOTAL);
  });
});
