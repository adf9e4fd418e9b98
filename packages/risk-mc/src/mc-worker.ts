/**
 * @packageDocumentation
 * Worker script of {@link WorkerPool}: claims chunks of a job through a shared counter, runs the named kernel on
 * each, reports progress and stops early when the shared cancel flag is set.
 */
import { parentPort } from "node:worker_threads";
import { KERNELS } from "./kernels.js";

interface JobMessage {
  readonly type: "job";
  readonly id: number;
  readonly kernel: string;
  readonly params: unknown;
  readonly count: number;
  readonly chunk: number;
  /** [next chunk index, cancel flag] */
  readonly control: Int32Array;
  readonly out: Record<string, Float64Array>;
}

const port = parentPort;
if (port) {
  port.on("message", (msg: JobMessage) => {
    if (msg.type !== "job") return;
    try {
      const kernel = KERNELS[msg.kernel];
      if (!kernel) throw new Error(`unknown kernel "${msg.kernel}"`);
      const chunks = Math.ceil(msg.count / msg.chunk);
      for (;;) {
        if (Atomics.load(msg.control, 1) !== 0) break;
        const c = Atomics.add(msg.control, 0, 1);
        if (c >= chunks) break;
        const start = c * msg.chunk;
        const end = Math.min(msg.count, start + msg.chunk);
        kernel(msg.params, start, end, msg.out);
        port.postMessage({ type: "progress", id: msg.id, done: end - start });
      }
      port.postMessage({ type: "done", id: msg.id });
    } catch (error) {
      port.postMessage({
        type: "error",
        id: msg.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
}
