import { randomBars } from "@quantkit/backtest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRun } from "../run/executeRun.js";
import { parseRunSpec, runKey } from "../run/runSpec.js";
import { RunPool } from "./runPool.js";
import { barsFromShared, shareBars } from "./sharedBars.js";

const data = { kind: "synthetic", seed: 3, length: 20_000 } as const;
const bars = randomBars(20_000, 3, "SYN");
const items = [] as { key: string; spec: ReturnType<typeof parseRunSpec> }[];
for (const fast of [5, 10, 15, 20])
  for (const slow of [30, 60, 90])
    for (const engine of ["vectorized", "event"] as const) {
      const spec = parseRunSpec({ strategy: "sma-cross", engine, params: { fast, slow }, data });
      items.push({ key: runKey(spec), spec });
    }

describe("RunPool", () => {
  let pool: RunPool;
  beforeAll(async () => {
    pool = await RunPool.create({ workers: 2 });
    pool.setData("syn", bars);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("shareBars puts the columns in one SharedArrayBuffer and barsFromShared views it without copying", () => {
    const s = shareBars(bars);
    expect(s.buffer).toBeInstanceOf(SharedArrayBuffer);
    const v = barsFromShared(s);
    expect(v.close).toEqual(bars.close);
    expect(v.ts.buffer).toBe(s.buffer);
    expect(shareBars(v).buffer).toBe(s.buffer); // already shared: no second copy
  });

  it("worker results equal executeRun one by one, in item order, across batches on both workers", async () => {
    const batches = [items.slice(0, 8), items.slice(8, 16), items.slice(16)];
    const results = (await Promise.all(batches.map((b) => pool.run("syn", b)))).flat();
    expect(results.map((r) => r.key)).toEqual(items.map((i) => i.key));
    for (let i = 0; i < items.length; i++) {
      expect(results[i]!.error).toBeNull();
      expect(results[i]!.metrics).toEqual(executeRun(items[i]!.spec, bars).metrics);
    }
  });

  it("returns per-bar returns when asked (transferred back, aligned with the bars)", async () => {
    const [r] = await pool.run("syn", items.slice(0, 1), true);
    expect(r!.returns).toEqual(executeRun(items[0]!.spec, bars, { returns: true }).returns);
    expect(r!.ts).toEqual(bars.ts);
  });

  it("a run that throws becomes an error result; the batch's other runs complete", async () => {
    const bad = parseRunSpec({ strategy: "sma-cross", params: { fast: 50, slow: 10 }, data });
    const res = await pool.run("syn", [items[0]!, { key: "bad", spec: bad }]);
    expect(res[0]!.error).toBeNull();
    expect(res[1]!.metrics).toBeNull();
    expect(res[1]!.error).toMatch(/fast must be < slow/);
  });

  it("an inline pool (workers: 0) gives the same results", async () => {
    const inline = await RunPool.create({ workers: 0 });
    inline.setData("syn", bars);
    const a = await inline.run("syn", items);
    const b = await pool.run("syn", items);
    expect(a.map((r) => r.metrics)).toEqual(b.map((r) => r.metrics));
    await inline.close();
  });

  it("unknown data keys and closed pools reject", async () => {
    await expect(pool.run("nope", items.slice(0, 1))).rejects.toThrow(/unknown data key/);
    const p = await RunPool.create({ workers: 1 });
    await p.close();
    await expect(p.run("syn", items)).rejects.toThrow(/closed/);
  });
});
