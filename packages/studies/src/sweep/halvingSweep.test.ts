import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBars } from "@quantkit/backtest";
import { afterAll, describe, expect, it } from "vitest";
import { RunPool } from "../pool/runPool.js";
import { executeRun } from "../run/executeRun.js";
import { halvingSweep } from "./halvingSweep.js";

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
});
