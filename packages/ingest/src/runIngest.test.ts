import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@quantkit/data";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runIngest } from "./runIngest.js";

vi.setConfig({ testTimeout: 60_000 });
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("runIngest (the `quantkit ingest` command as a function)", () => {
  it("--venue fake stores every replayed trade; a second run resumes from the checkpoint and adds nothing", async () => {
    const root = mkdtempSync(join(tmpdir(), "qk-run-"));
    dirs.push(root);
    const r = await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: root });
    expect(r.tradesWritten).toEqual({ BTCUSDT: 9999 });
    expect(r.metrics).toContain("quantkit_ingest_messages_total");
    const again = await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: root });
    expect(again.trades).toEqual({ BTCUSDT: 0 });
    const store = await openStore({ root, bundled: false });
    try {
      expect((await store.getTrades({ symbol: "BTCUSDT" })).length).toBe(9999);
    } finally {
      await store.close();
    }
  });
  it("rejects bad options naming the field", async () => {
    await expect(runIngest({ venue: "fake", symbols: ["ETHUSDT"], store: "/tmp/x" })).rejects.toThrow(
      /symbols/,
    );
  });
});
