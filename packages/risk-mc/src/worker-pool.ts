import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { QuantkitError } from "@quantkit/core";
import type { Kernel } from "./kernel.js";

/** Progress of a long run: items (paths, simulations) finished so far out of `total`. */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** Options every parallel simulation accepts. */
export interface RunOptions {
  /**
   * Worker threads to use. `1` (default) runs in the calling thread; `n > 1` uses `pool` if given, otherwise a
   * temporary pool of `n` workers that is closed afterwards (starting workers costs ~50–300 ms: keep a
   * {@link WorkerPool} for repeated runs). Results are identical for every value.
   */
  readonly workers?: number;
  /** A pool to run on (its size is used; `workers` is then ignored). */
  readonly pool?: WorkerPool;
  /** Called after each finished chunk. */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting rejects the run with an `AbortError` (`QuantkitError` named `"AbortError"`) at the next chunk. */
  readonly signal?: AbortSignal;
  /** Items per chunk (the unit of scheduling, progress and cancellation). @default ceil(count / 64), ≥ 1 */
  readonly chunk?: number;
}

/** Thrown (as the rejection) when a run is cancelled through its `AbortSignal`. */
export class AbortError extends QuantkitError {
  override name = "AbortError";
}

interface WorkerSpec {
  readonly url: URL;
  readonly execArgv: string[];
}

/** Locates the worker script: the `.ts` source (run through tsx) when this module is source, else the built `.js`. */
function workerSpec(): WorkerSpec {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    // Source mode (tsx, vitest): a small .mjs entry registers tsx inside the worker, then imports mc-worker.ts.
    return { url: new URL("./mc-worker-source.mjs", here), execArgv: ["--conditions=@quantkit/source"] };
  }
  return { url: new URL("./mc-worker.js", here), execArgv: [] };
}

interface Pending {
  remaining: number;
  done: number;
  total: number;
  onProgress: ((p: Progress) => void) | undefined;
  resolve: () => void;
  reject: (e: Error) => void;
  error: Error | undefined;
}

/**
 * A pool of `worker_threads` that run simulation kernels over shared memory. Jobs are split into chunks that idle
 * workers claim through an atomic counter (dynamic load balancing); every item is seeded by its own index, so the
 * output is identical whatever the pool size. Works from tsx scripts and vitest (workers load the TypeScript source
 * with `--import tsx --conditions=@quantkit/source`) and from the built `dist/` (plain `.js` workers).
 *
 * @example
 * const pool = new WorkerPool(2);
 * const a = await simulateGbm({ s0: 100, mu: 0.05, sigma: 0.2, dt: 1 / 252, steps: 252, paths: 1e5, seed: 1, pool });
 * await pool.close();
 * @see https://nodejs.org/api/worker_threads.html
 */
export class WorkerPool {
  /** Number of worker threads. */
  readonly size: number;
  private readonly workers: Worker[] = [];
  private queue: Promise<void> = Promise.resolve();
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private closed = false;
  private broken: Error | undefined;

  /** @param size - worker threads. @default os.availableParallelism() */
  constructor(size: number = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1)
      throw new QuantkitError(`WorkerPool size: expected an integer ≥ 1, got ${size}`);
    this.size = size;
    const spec = workerSpec();
    for (let i = 0; i < size; i++) {
      const w = new Worker(spec.url, { execArgv: spec.execArgv });
      w.unref();
      w.on("message", (m: { type: string; id: number; done?: number; message?: string }) =>
        this.onMessage(m),
      );
      w.on("error", (e) => this.failAll(e));
      this.workers.push(w);
    }
  }

  private onMessage(m: { type: string; id: number; done?: number; message?: string }): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === "progress") {
      p.done += m.done ?? 0;
      p.onProgress?.({ done: p.done, total: p.total });
    } else if (m.type === "error") {
      p.error ??= new QuantkitError(`simulation worker failed: ${m.message}`);
      this.finishOne(m.id, p);
    } else if (m.type === "done") {
      this.finishOne(m.id, p);
    }
  }

  private finishOne(id: number, p: Pending): void {
    p.remaining--;
    if (p.remaining > 0) return;
    this.pending.delete(id);
    if (p.error) p.reject(p.error);
    else p.resolve();
  }

  private failAll(e: Error): void {
    this.broken ??= e;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new QuantkitError(`simulation worker crashed: ${e.message}`, { cause: e }));
    }
  }

  /**
   * Runs kernel `kernel` (a name in the worker registry) over items `[0, count)`; resolves when every worker is
   * done. Jobs on one pool run one after another.
   *
   * @param kernel - registry name, e.g. `"gbm"`.
   * @param params - structured-cloneable kernel parameters.
   * @param count - number of items (paths, simulations).
   * @param out - output views; they must be backed by `SharedArrayBuffer`s.
   * @param options - `chunk`, `onProgress`, `signal`.
   */
  run(
    kernel: string,
    params: unknown,
    count: number,
    out: Record<string, Float64Array>,
    options: Pick<RunOptions, "chunk" | "onProgress" | "signal"> = {},
  ): Promise<void> {
    const job = this.queue.then(() => this.runNow(kernel, params, count, out, options));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private runNow(
    kernel: string,
    params: unknown,
    count: number,
    out: Record<string, Float64Array>,
    options: Pick<RunOptions, "chunk" | "onProgress" | "signal">,
  ): Promise<void> {
    if (this.closed) return Promise.reject(new QuantkitError("WorkerPool is closed"));
    if (this.broken) {
      return Promise.reject(
        new QuantkitError(`WorkerPool is unusable: a worker crashed (${this.broken.message})`),
      );
    }
    for (const [name, view] of Object.entries(out)) {
      if (!(view.buffer instanceof SharedArrayBuffer)) {
        return Promise.reject(
          new QuantkitError(`WorkerPool.run: output "${name}" must be backed by a SharedArrayBuffer`),
        );
      }
    }
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new AbortError("simulation aborted before it started"));
    const chunk = options.chunk ?? defaultChunk(count);
    const control = new Int32Array(new SharedArrayBuffer(8));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => Atomics.store(control, 1, 1);
      signal?.addEventListener("abort", onAbort, { once: true });
      // Keep the process alive while a job runs; idle workers never hold it open.
      for (const w of this.workers) w.ref();
      const finish = (error?: Error) => {
        for (const w of this.workers) w.unref();
        signal?.removeEventListener("abort", onAbort);
        if (error) reject(error);
        else if (signal?.aborted) reject(new AbortError("simulation aborted"));
        else resolve();
      };
      this.pending.set(id, {
        remaining: this.workers.length,
        done: 0,
        total: count,
        onProgress: options.onProgress,
        resolve: () => finish(),
        reject: (e) => finish(e),
        error: undefined,
      });
      for (const w of this.workers)
        w.postMessage({ type: "job", id, kernel, params, count, chunk, control, out });
    });
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function defaultChunk(count: number): number {
  return Math.max(1, Math.ceil(count / 64));
}

/** Allocates `length` doubles, on shared memory when `shared`. */
export function allocate(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

/**
 * Runs a kernel over `[0, count)`: in the calling thread (chunked, with progress and cancellation between chunks)
 * when one worker is asked for, else on a pool. Outputs are allocated by `alloc(shared)`.
 *
 * @param name - kernel registry name.
 * @param kernel - the kernel itself (used in-thread).
 * @param params - kernel parameters.
 * @param count - items.
 * @param alloc - allocates the outputs (`shared` tells whether they must live in a `SharedArrayBuffer`).
 * @param options - workers, pool, progress, signal, chunk.
 */
export async function runKernel<P, O extends Record<string, Float64Array>>(
  name: string,
  kernel: Kernel<P>,
  params: P,
  count: number,
  alloc: (shared: boolean) => O,
  options: RunOptions = {},
): Promise<O> {
  const workers = options.pool?.size ?? options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new QuantkitError(`workers: expected an integer ≥ 1, got ${options.workers}`);
  }
  if (workers === 1 && !options.pool) {
    const out = alloc(false);
    const chunk = options.chunk ?? defaultChunk(count);
    for (let start = 0; start < count; start += chunk) {
      if (options.signal?.aborted) throw new AbortError("simulation aborted");
      const end = Math.min(count, start + chunk);
      kernel(params, start, end, out);
      options.onProgress?.({ done: end, total: count });
      // Yield to the event loop so that an abort can be delivered during long in-thread runs.
      if (options.signal && end < count) await new Promise<void>((r) => setImmediate(r));
    }
    return out;
  }
  const out = alloc(true);
  const pool = options.pool ?? new WorkerPool(workers);
  try {
    await pool.run(name, params, count, out, options);
  } finally {
    if (!options.pool) await pool.close();
  }
  return out;
}
