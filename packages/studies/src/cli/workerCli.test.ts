import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { natsServerFixture } from "../distributed/natsServer.testutil.js";
import { runSpecJobHandler } from "../distributed/runSpecJobHandler.js";
import { StudyWorker } from "../distributed/studyWorker.js";
import { openResults } from "../sweep/resultsTable.js";
import { walkForward } from "../walkforward/walkForward.js";

vi.setConfig({ testTimeout: 180_000 });
const nats = natsServerFixture(beforeAll, afterAll);
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const MAIN = join(ROOT, "packages/cli/src/main.ts");

function quantkit(args: string[]) {
  const child = spawn(process.execPath, ["--conditions=@quantkit/source", "--import", "tsx", MAIN, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  return { child, exited, output: () => out };
}

/**
 * Runs `quantkit <command> --config <config> --nats <url> --out <dir>/out --catalog <dir>/catalog.duckdb` as a real
 * CLI process, with one study worker in this process (a worker process of its own is covered by
 * killedWorker.test.ts); returns its exit code and output, and the worker's counters after it drained.
 */
async function submitWithWorker(command: string, config: string, dir: string) {
  const runs = runSpecJobHandler({ threads: 0 });
  const worker = await StudyWorker.start({ nats: nats.url(), handler: runs.handler, log: () => undefined });
  try {
    const cli = quantkit([
      command,
      "--config",
      config,
      "--nats",
      nats.url(),
      "--out",
      join(dir, "out"),
      "--catalog",
      join(dir, "catalog.duckdb"),
    ]);
    const code = await cli.exited;
    return { code, output: cli.output(), stats: worker.stats };
  } finally {
    await worker.drain();
    await runs.close();
  }
}

describe("quantkit worker / quantkit sweep --nats (real CLI processes, real nats-server)", () => {
  it("a sweep submitted with --nats is executed by a worker into the Parquet table and catalog", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-sweep-nats-cli-"));
    try {
      const config = join(dir, "sweep.yaml");
      writeFileSync(
        config,
        [
          "study: cli-nats",
          "strategy: sma-cross",
          "space:",
          "  fast: { int: [5, 15], step: 5 }",
          "  slow: { int: [30, 60], step: 30 }",
          "data: { kind: synthetic, seed: 4, length: 3000 }",
          "",
        ].join("\n"),
      );
      const sweep = await submitWithWorker("sweep", config, dir);
      expect(sweep.code, sweep.output).toBe(0);
      const summary = JSON.parse(readFileSync(join(dir, "out", "summary.json"), "utf8")) as Record<
        string,
        unknown
      >;
      expect(summary).toMatchObject({
        total: 6,
        executed: 6,
        skipped: 0,
        failed: 0,
        aborted: false,
        workers: 1,
      });
      const con = await openResults(join(dir, "out"));
      const rows = (
        await con.runAndReadAll("SELECT count(*) AS n, count(DISTINCT key) AS k FROM results")
      ).getRowObjectsJS();
      expect(rows[0]).toMatchObject({ n: 6n, k: 6n });
      expect(sweep.output).toMatch(/catalog: .*catalog\.duckdb/);
      expect(sweep.stats).toEqual({ done: 6, failed: 0, naked: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("quantkit walk-forward --nats: the folds run on a worker and the written result equals a local walk-forward", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-wf-nats-cli-"));
    try {
      const yaml = [
        "strategy: sma-cross",
        "space:",
        "  fast: { int: [5, 15], step: 5 }",
        "  slow: { int: [30, 60], step: 30 }",
        "data: { kind: synthetic, seed: 8, length: 3000 }",
        "folds: { train: 1000, test: 500 }",
        "warmup: 60",
        "",
      ].join("\n");
      const config = join(dir, "wf.yaml");
      writeFileSync(config, yaml);
      const wf = await submitWithWorker("walk-forward", config, dir);
      expect(wf.code, wf.output).toBe(0);
      // 4 folds × 6 in-sample runs + 4 out-of-sample runs, each executed once by the worker
      expect(wf.stats).toEqual({ done: 28, failed: 0, naked: 0 });
      expect(wf.output).toMatch(/in-sample 24 runs, 24 published, 0 already on the results stream/);
      const written = JSON.parse(readFileSync(join(dir, "out", "walk-forward.json"), "utf8")) as unknown;
      const local = await walkForward({
        strategy: "sma-cross",
        space: { fast: { int: [5, 15], step: 5 }, slow: { int: [30, 60], step: 30 } },
        data: { kind: "synthetic", seed: 8, length: 3000 },
        folds: { train: 1000, test: 500 },
        warmup: 60,
      });
      expect(written).toEqual(JSON.parse(JSON.stringify(local)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
