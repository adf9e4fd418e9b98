import { Worker } from "node:worker_threads";
import { QuantkitError } from "@quantkit/core";
import type { RunResult } from "../run/executeRun.js";

interface Waiting {
  readonly resolve: (r: RunResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  busy: boolean;
}

/**
 * An error thrown inside a run thread, re-created with its original name.
 * @example
 * new RunThreadError("ValidationError", "Invalid run spec: …").name // → "ValidationError"
 */
export class RunThreadError extends QuantkitError {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

function threadEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    return { url: new URL("./runThread-source.mjs", here), execArgv: ["--conditions=@quantkit/source"] };
  }
  return { url: new URL("./runThread.js", here), execArgv: [] };
}

/**
 * A fixed set of worker threads executing run specs (`executeRun` over bars each thread loads once per data ref and
 * caches). A study worker with `--concurrency n` runs n jobs at once on n threads while its main thread keeps the
 * NATS connection and the in-progress heartbeats alive.
 *
 * @example
 * const pool = new RunThreadPool(2);
 * (await pool.run(spec, runKey(spec))).metrics.sharpe // → same as executeRun(spec, bars).metrics.sharpe
 * await pool.close();
 * @see https://nodejs.org/api/worker_threads.html
 */
export class RunThreadPool {
  readonly #slots: Slot[] = [];
  readonly #queue: { spec: unknown; key: string; returns: boolean; w: Waiting }[] = [];
  readonly #waiting = new Map<number, Waiting>();
  readonly #bySlot = new Map<Slot, number>();
  #next = 1;
  #closed = false;

  /** @param threads - worker threads (≥ 1). */
  constructor(readonly threads: number) {
    if (!Number.isInteger(threads) || threads < 1)
      throw new QuantkitError(`RunThreadPool threads: expected an integer ≥ 1, got ${threads}`);
    for (let i = 0; i < threads; i++) this.#slots.push(this.#spawn());
  }

  /** Starts a thread; a thread that dies (crash, out of memory) fails its run and is replaced. */
  #spawn(): Slot {
    const entry = threadEntry();
    const worker = new Worker(entry.url, { execArgv: entry.execArgv });
    const slot: Slot = { worker, busy: false };
    worker.on(
      "message",
      (m: { id: number; result?: RunResult; error?: { name: string; message: string } }) => {
        const w = this.#waiting.get(m.id);
        this.#waiting.delete(m.id);
        this.#bySlot.delete(slot);
        slot.busy = false;
        if (w) {
          if (m.error) w.reject(new RunThreadError(m.error.name, m.error.message));
          else w.resolve(m.result as RunResult);
        }
        this.#pump();
      },
    );
    let failure: Error | undefined;
    worker.on("error", (e) => {
      failure = e;
    });
    worker.on("exit", (code) => {
      if (this.#closed) return;
      const id = this.#bySlot.get(slot);
      this.#bySlot.delete(slot);
      if (id !== undefined) {
        this.#waiting
          .get(id)
          ?.reject(
            new QuantkitError(`run thread died (exit code ${code})${failure ? `: ${failure.message}` : ""}`),
          );
        this.#waiting.delete(id);
      }
      const i = this.#slots.indexOf(slot);
      if (i >= 0) this.#slots[i] = this.#spawn();
      this.#pump();
    });
    worker.unref();
    return slot;
  }

  /**
   * Executes one run on the next free thread.
   * @param spec - a run spec (validated in the thread).
   * @param key - its run key.
   * @param returns - also return per-bar returns and timestamps. @default false
   */
  run(spec: unknown, key: string, returns = false): Promise<RunResult> {
    if (this.#closed) return Promise.reject(new QuantkitError("RunThreadPool is closed"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ spec, key, returns, w: { resolve, reject } });
      this.#pump();
    });
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.busy) continue;
      const job = this.#queue.shift();
      if (job === undefined) return;
      const id = this.#next++;
      slot.busy = true;
      this.#waiting.set(id, job.w);
      this.#bySlot.set(slot, id);
      slot.worker.postMessage({ id, spec: job.spec, key: job.key, returns: job.returns });
    }
  }

  /** Terminates the threads (runs in progress are rejected). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const w of this.#waiting.values()) w.reject(new QuantkitError("RunThreadPool closed"));
    this.#waiting.clear();
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
