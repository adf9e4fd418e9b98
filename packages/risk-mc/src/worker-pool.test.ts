import { afterAll, describe, expect, it } from "vitest";
import { simulateGbm, simulateGbmSync } from "./simulate-gbm.js";
import { allocate, WorkerPool } from "./worker-pool.js";

describe("WorkerPool", () => {
  const pool = new WorkerPool(2);
  afterAll(() => pool.close());

  it("results do not depend on the chunk size or on the pool size (1 worker vs 2 vs in-thread)", async () => {
    const o = { s0: 50, mu: 0.02, sigma: 0.4, dt: 1 / 52, steps: 52, paths: 1234, seed: 77 };
    const ref = simulateGbmSync(o);
    const one = new WorkerPool(1);
    try {
      for (const run of [
        simulateGbm({ ...o, pool, chunk: 1 }),
        simulateGbm({ ...o, pool, chunk: 999 }),
        simulateGbm({ ...o, pool: one, chunk: 100 }),
        simulateGbm({ ...o, chunk: 7 }),
      ]) {
        expect(Array.from((await run).paths!)).toEqual(Array.from(ref.paths!));
      }
    } finally {
      await one.close();
    }
  });

  it("rejects unknown kernels, non-shared outputs and use after close", async () => {
    await expect(pool.run("nope", {}, 10, { terminal: allocate(10, true) })).rejects.toThrow(
      /unknown kernel "nope"/,
    );
    await expect(pool.run("gbm", {}, 10, { terminal: new Float64Array(10) })).rejects.toThrow(
      /SharedArrayBuffer/,
    );
    const p = new WorkerPool(1);
    await p.close();
    await expect(p.run("gbm", {}, 1, { terminal: allocate(1, true) })).rejects.toThrow(/closed/);
    expect(() => new WorkerPool(0)).toThrow(/size/);
  });

  it("an already-aborted signal rejects before any work", async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      simulateGbm({ s0: 1, mu: 0, sigma: 0.1, dt: 1, steps: 1, paths: 10, seed: 1, pool, signal: ac.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});
