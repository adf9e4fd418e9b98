import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Repository root (for spawning `node --import tsx` children). */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** A spawned child with its output captured and a line waiter. */
export interface Child {
  readonly proc: ChildProcess;
  readonly out: string[];
  readonly err: string[];
  /** Resolves with the first stdout line (parsed JSON) matching `pred`. */
  waitLine(
    pred: (j: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node --conditions=@quantkit/source --import tsx <script> ...args` from the repo root. */
export function spawnTs(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(
    process.execPath,
    ["--conditions=@quantkit/source", "--import", "tsx", script, ...args],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const out: string[] = [];
  const err: string[] = [];
  const waiters: {
    pred: (j: Record<string, unknown>) => boolean;
    resolve: (j: Record<string, unknown>) => void;
  }[] = [];
  let buf = "";
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString("utf8");
    let i = buf.indexOf("\n");
    while (i >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      out.push(line);
      let j: Record<string, unknown> | undefined;
      try {
        j = JSON.parse(line) as Record<string, unknown>;
      } catch {
        j = undefined;
      }
      if (j !== undefined)
        for (const w of [...waiters])
          if (w.pred(j)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(j);
          }
      i = buf.indexOf("\n");
    }
  });
  proc.stderr!.on("data", (d: Buffer) => err.push(d.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    out,
    err,
    exited,
    waitLine(pred, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () =>
            reject(
              new Error(`timeout waiting for a line; stdout: ${out.join("\n")}\nstderr: ${err.join("")}`),
            ),
          timeoutMs,
        );
        waiters.push({
          pred,
          resolve: (j) => {
            clearTimeout(t);
            resolve(j);
          },
        });
        void exited.then(() =>
          setTimeout(() => reject(new Error(`child exited; stderr: ${err.join("").slice(-2000)}`)), 50),
        );
      });
    },
  };
}
