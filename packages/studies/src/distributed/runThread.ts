/**
 * Worker-thread entry of {@link RunThreadPool}: executes run specs with `executeRun` over bars loaded (and cached) in
 * this thread, so the owning process's event loop stays free for NATS heartbeats while a long run computes.
 */
import { parentPort } from "node:worker_threads";
import { executeRun } from "../run/executeRun.js";
import { parseRunSpec } from "../run/runSpec.js";
import { RunDataCache } from "./runDataCache.js";

interface Request {
  readonly id: number;
  readonly spec: unknown;
  readonly key: string;
  readonly returns: boolean;
}

const cache = new RunDataCache(4);
const port = parentPort;
if (port === null) throw new Error("runThread must run in a worker thread");
port.on("message", (req: Request) => {
  void (async () => {
    try {
      const spec = parseRunSpec(req.spec);
      const data = await cache.get(spec.data);
      const result = executeRun(spec, data.bars, {
        key: req.key,
        cache: data.indicators,
        returns: req.returns,
      });
      port.postMessage({ id: req.id, result });
    } catch (e) {
      const err = e as Error;
      port.postMessage({ id: req.id, error: { name: err.name, message: err.message } });
    }
  })();
});
