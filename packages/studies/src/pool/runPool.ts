import { Worker } from "node:worker_threads";
import { type Bars, QuantkitError } from "@quantkit/core";
import { IndicatorCache } from "../run/indicatorCache.js";
import { runTask, type TaskItem, type TaskResult, type TaskState } from "./runTask.js";
import { barsFromShared, type SharedBars, shareBars } from "./sharedBars.js";

/** Options of {@link RunPool.create}. */
export interface RunPoolOptions {
  /** Worker threads (≥ 1), or 0 to execute in the calling thread (notebooks, debugging). */
  readonly workers: number;
  /** Indicator-cache budget per worker, bytes. Default 1 GiB. */
  readonly cacheBytes?: number;
  /** Module URLs every worker imports first (e.g. one that calls `registerStudyStrategy`). */
  readonly modules?: readonly string[];
}

type Inline = { readonly data: Map<string, Bars>; readonly state: TaskState };

interface Slot {
  readonly worker: Worker;
  busy: boolean;
}

interface Job {
  readonly id: number;
  readonly dataKey: string;
  readonly items: readonly TaskItem[];
  readonly returns: boolean;
  readonly resolve: (r: TaskResult[]) => void;
  readonly reject: (e: Error) => void;
}

function workerEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith(".ts"))
    return { url: new URL("./runWorker-source.mjs", here), execArgv: ["--conditions=@quantkit/source"] };
  return { url: new URL("./runWorker.js", here), execArgv: [] };
}

/**
 * A pool of worker threads executing batches of runs. The bars are copied once into SharedArrayBuffer-backed
 * columns that every worker reads (shared, not copied per task); each worker keeps its own indicator cache, so an
 * SMA needed by many parameter sets is computed once per worker. Batches go to the next idle worker (dynamic load
 * balancing); results do not depend on the number of workers. Works from tsx and vitest (workers load the
 * TypeScript source through tsx with `--conditions=@quantkit/source`) and from the built `dist/`.
 *
 * @example
 * const pool = await RunPool.create({ workers: 2 });
 * pool.setData("orcl", bars);
 * const results = await pool.run("orcl", items); // one TaskResult per item
 * await pool.close();
 * @see https://nodejs.org/api/worker_threads.html
 */
export class RunPool {
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  readonly #inflight = new Map<number, { job: Job; slot: Slot }>();
  readonly #inline: Inline | undefined;
  #nextId = 1;
  #broken: Error | undefined;
  #closed = false;

  private constructor(slots: Slot[], inline: Inline | undefined) {
    this.#slots = slots;
    this.#inline = inline;
  }

  /** Starts the workers and waits until each has loaded (≈ 0.3–1 s each from source). */
  static async create(options: RunPoolOptions): Promise<RunPool> {
    const n = options.workers;
    if (!Number.isInteger(n) || n < 0)
      throw new QuantkitError(`RunPool workers: expected an integer ≥ 0, got ${n}`);
    const cacheBytes = options.cacheBytes ?? 1024 * 1024 * 1024;
    if (n === 0)
      return new RunPool([], {
        data: new Map(),
        state: { cache: new IndicatorCache(cacheBytes), scratch: new Float64Array(0) },
      });
    const { url, execArgv } = workerEntry();
    const slots: Slot[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const worker = new Worker(url, {
        execArgv,
        workerData: { cacheBytes, modules: options.modules ?? [] },
      });
      slots.push({ worker, busy: false });
      ready.push(
        new Promise<void>((resolve, reject) => {
          const onMsg = (m: { type: string }) => {
            if (m.type === "ready") {
              worker.off("message", onMsg);
              worker.off("error", reject);
              resolve();
            }
          };
          worker.on("message", onMsg);
          worker.once("error", reject);
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await Promise.all(slots.map((s) => s.worker.terminate()));
      throw new QuantkitError(`RunPool: a worker failed to start: ${(e as Error).message}`, { cause: e });
    }
    const pool = new RunPool(slots, undefined);
    for (const s of slots) pool.#listen(s);
    return pool;
  }

  /** Number of worker threads (0 = inline). */
  get size(): number {
    return this.#slots.length;
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.#queue.length + this.#inflight.size;
  }

  /**
   * Makes `bars` available to every worker under `dataKey` (copied once into shared memory; later tasks name the
   * key). Replacing a key clears the workers' indicator caches.
   */
  setData(dataKey: string, bars: Bars): SharedBars {
    const shared = shareBars(bars);
    if (this.#inline !== undefined) {
      this.#inline.data.set(dataKey, barsFromShared(shared));
      this.#inline.state.cache.clear();
      return shared;
    }
    for (const s of this.#slots) {
      s.worker.postMessage({ type: "drop", dataKey });
      s.worker.postMessage({ type: "data", dataKey, bars: shared });
    }
    return shared;
  }

  /**
   * Executes one batch of runs on the next idle worker. Resolves with one result per item (a run that throws
   * yields its error message); rejects only if the worker dies or the pool is closed.
   *
   * @param returns - also return each run's per-bar returns and timestamps. Default false.
   */
  run(dataKey: string, items: readonly TaskItem[], returns = false): Promise<TaskResult[]> {
    if (this.#closed) return Promise.reject(new QuantkitError("RunPool is closed"));
    if (this.#broken) return Promise.reject(this.#broken);
    if (this.#inline !== undefined) {
      const bars = this.#inline.data.get(dataKey);
      if (bars === undefined)
        return Promise.reject(new QuantkitError(`RunPool: unknown data key ${dataKey}`));
      return Promise.resolve(runTask(bars, items, this.#inline.state, returns));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, dataKey, items, returns, resolve, reject });
      this.#pump();
    });
  }

  /** Stops the workers (queued jobs are rejected; call after awaiting what you need). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const err = new QuantkitError("RunPool closed");
    for (const j of this.#queue.splice(0)) j.reject(err);
    for (const { job } of this.#inflight.values()) job.reject(err);
    this.#inflight.clear();
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    for (const s of this.#slots) {
      if (this.#queue.length === 0) return;
      if (s.busy) continue;
      const job = this.#queue.shift()!;
      s.busy = true;
      this.#inflight.set(job.id, { job, slot: s });
      s.worker.postMessage({
        type: "task",
        id: job.id,
        dataKey: job.dataKey,
        items: job.items,
        returns: job.returns,
      });
    }
  }

  #listen(s: Slot): void {
    s.worker.on("message", (m: { type: string; id: number; results?: TaskResult[]; message?: string }) => {
      const entry = this.#inflight.get(m.id);
      if (entry === undefined) return;
      this.#inflight.delete(m.id);
      s.busy = false;
      if (m.type === "result") entry.job.resolve(m.results!);
      else entry.job.reject(new QuantkitError(`RunPool worker: ${m.message}`));
      this.#pump();
    });
    const fail = (e: Error) => {
      if (this.#closed) return;
      this.#broken = new QuantkitError(`RunPool worker died: ${e.message}`, { cause: e });
      for (const [id, { job, slot }] of this.#inflight) {
        if (slot === s) {
          this.#inflight.delete(id);
          job.reject(this.#broken);
        }
      }
      for (const j of this.#queue.splice(0)) j.reject(this.#broken);
    };
    s.worker.on("error", fail);
    s.worker.on("exit", (code) => {
      if (!this.#closed) fail(new Error(`exit code ${code}`));
    });
  }
}
