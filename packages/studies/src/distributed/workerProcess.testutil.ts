import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./workerMain.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** A `quantkit worker` child process (tests and benchmarks). */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Its stdout lines so far (with `verbose`: `start <study> <key> delivery <n>`, `done <study> <key> <ms> ms`). */
  readonly out: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Resolves once the worker printed that it is pulling jobs. */
  readonly ready: Promise<void>;
}

/**
 * Starts a real worker process (`node --import tsx workerMain.ts --nats <url> …`, TypeScript source).
 * @example
 * const w = spawnWorkerProcess(url, { name: "w1", ackWaitMs: 1500, verbose: true }); await w.ready;
 */
export function spawnWorkerProcess(
  url: string,
  o: { name: string; ackWaitMs?: number; concurrency?: number; verbose?: boolean },
): WorkerProcess {
  const args = ["--conditions=@quantkit/source", "--import", "tsx", WORKER, "--nats", url, "--name", o.name];
  if (o.ackWaitMs !== undefined) args.push("--ack-wait", String(o.ackWaitMs));
  if (o.concurrency !== undefined) args.push("--concurrency", String(o.concurrency));
  if (o.verbose) args.push("--verbose");
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const out: string[] = [];
  let buf = "";
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    onReady = r;
  });
  child.stdout?.on("data", (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split("\n");
    buf = lines.pop() ?? "";
    for (const l of lines) {
      out.push(l);
      if (l.startsWith("quantkit worker ") && l.includes("pulling study jobs")) onReady();
    }
  });
  child.stderr?.on("data", () => undefined);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, out, exited, ready };
}
