// Worker thread of RunPool: keeps shared bars by data key and an indicator cache, executes task batches.
import { parentPort, workerData } from "node:worker_threads";
import type { Bars } from "@quantkit/core";
import { IndicatorCache } from "../run/indicatorCache.js";
import { runTask, type TaskItem, type TaskState } from "./runTask.js";
import { barsFromShared, type SharedBars } from "./sharedBars.js";

interface Init {
  readonly cacheBytes: number;
  readonly modules: readonly string[];
}

const init = workerData as Init;
for (const m of init.modules) await import(m);
const data = new Map<string, Bars>();
const state: TaskState = { cache: new IndicatorCache(init.cacheBytes), scratch: new Float64Array(0) };

type Msg =
  | { type: "data"; dataKey: string; bars: SharedBars }
  | { type: "drop"; dataKey: string }
  | { type: "task"; id: number; dataKey: string; items: TaskItem[]; returns: boolean };

parentPort!.on("message", (m: Msg) => {
  if (m.type === "data") {
    data.set(m.dataKey, barsFromShared(m.bars));
    return;
  }
  if (m.type === "drop") {
    data.delete(m.dataKey);
    state.cache.clear();
    return;
  }
  const bars = data.get(m.dataKey);
  if (bars === undefined) {
    parentPort!.postMessage({ type: "error", id: m.id, message: `unknown data key ${m.dataKey}` });
    return;
  }
  const results = runTask(bars, m.items, state, m.returns);
  const transfer: ArrayBuffer[] = [];
  for (const r of results) {
    if (r.returns !== undefined) transfer.push(r.returns.buffer as ArrayBuffer, r.ts!.buffer as ArrayBuffer);
  }
  parentPort!.postMessage({ type: "result", id: m.id, results }, transfer);
});
parentPort!.postMessage({ type: "ready" });
