import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EventLog, parseEventLog, readEventLog } from "./event-log.js";

describe("EventLog", () => {
  it("streams JSON Lines to disk and reads them back", () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-log-"));
    const path = join(dir, "events.jsonl");
    const log = new EventLog({ path });
    for (let i = 0; i < 5000; i++) log.append(i * 1000, "signal", { name: "z", value: i / 3 });
    log.close();
    const { records, truncated } = readEventLog(path);
    expect(truncated).toBeNull();
    expect(records).toHaveLength(5000);
    expect(records[4999]).toEqual({
      seq: 4999,
      ts: 4_999_000,
      type: "signal",
      payload: { name: "z", value: 4999 / 3 },
    });
  });

  it("detects, reports and skips a truncated last line", () => {
    const dir = mkdtempSync(join(tmpdir(), "qk-log-"));
    const path = join(dir, "events.jsonl");
    const log = new EventLog({ path });
    log.append(0, "a", 1);
    log.append(1, "b", 2);
    log.close();
    const full = readFileSync(path, "utf8");
    writeFileSync(path, full.slice(0, full.length - 9)); // crash mid-line
    const { records, truncated } = readEventLog(path);
    expect(records.map((r) => r.type)).toEqual(["a"]);
    expect(truncated).toEqual({ line: 2, text: full.split("\n")[1]!.slice(0, -8) });
  });

  it("a malformed line in the middle is an error naming the line, not silently dropped", () => {
    expect(() => parseEventLog('{"seq":0,"ts":0,"type":"a","payload":1}\nGARBAGE\n')).toThrow(/line 2/);
    expect(() =>
      parseEventLog('{"seq":0,"ts":0,"type":"a","payload":1}\n{"seq":2,"ts":0,"type":"a","payload":1}\n'),
    ).toThrow(/expected seq 1/);
  });
});
