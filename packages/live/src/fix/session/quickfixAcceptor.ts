import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDataPath } from "../testData.js";

/** A running QuickFIX C++ acceptor (test support): its port, its stdout lines, and `stop()` (SIGTERM by PID). */
export interface QuickfixAcceptor {
  readonly port: number;
  readonly lines: string[];
  stop(): void;
}

/**
 * Compiles test-data/quickfix/acceptor.cpp against Debian's libquickfix-dev (g++ -std=c++14, -lquickfix -lpthread)
 * into `$TMPDIR/quantkit-quickfix-<source hash>/acceptor`, once per source version; returns the binary's path.
 * Test support only: needs g++ and libquickfix-dev (scripts/install-system-deps.sh).
 *
 * @example
 * compileQuickfixAcceptor(); // → "/tmp/quantkit-quickfix-3f2a…/acceptor"
 */
export function compileQuickfixAcceptor(): string {
  const src = testDataPath("quickfix/acceptor.cpp");
  const hash = createHash("sha256").update(readFileSync(src)).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), `quantkit-quickfix-${hash}`);
  const bin = join(dir, "acceptor");
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${bin}.${process.pid}.tmp`; // parallel test files may compile at once: rename is atomic
    execFileSync("g++", ["-std=c++14", "-O1", "-w", src, "-o", tmp, "-lquickfix", "-lpthread"], {
      stdio: "pipe",
    });
    renameSync(tmp, bin);
  }
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Polls `cond` every 20 ms until it holds, or throws after `ms` with `detail()` in the message.
 *
 * @param what - what is awaited, for the error message.
 * @param cond - the condition.
 * @param ms - timeout in milliseconds (default 10 s).
 * @param detail - extra diagnostics for the error message.
 */
export async function waitFor(
  what: string,
  cond: () => boolean,
  ms = 10_000,
  detail: () => string = () => "",
): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; ${detail()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Starts the compiled acceptor on a free loopback port with a fresh file store, and waits for its READY line.
 *
 * @param senderCompId - the venue's CompID (default "VENUE").
 * @param targetCompId - our CompID (default "QK").
 * @example
 * const venue = await startQuickfixAcceptor(); // venue.port → e.g. 40123; venue.stop() when done
 */
export async function startQuickfixAcceptor(
  senderCompId = "VENUE",
  targetCompId = "QK",
): Promise<QuickfixAcceptor> {
  const bin = compileQuickfixAcceptor();
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), "quantkit-quickfix-store-"));
  const child: ChildProcess = spawn(
    bin,
    [`${port}`, testDataPath("fix/FIX42.xml"), senderCompId, targetCompId, storeDir],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
    const parts = out.split("\n");
    out = parts.pop() ?? "";
    lines.push(...parts);
  });
  child.stderr?.on("data", (d: Buffer) => lines.push(`stderr: ${d.toString().trim()}`));
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
      process.kill(child.pid, "SIGTERM");
    rmSync(storeDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      "QuickFIX acceptor READY",
      () => lines.includes("READY") || child.exitCode !== null,
      10_000,
      () => lines.join(" / "),
    );
    if (child.exitCode !== null)
      throw new Error(`QuickFIX acceptor exited with ${child.exitCode}: ${lines.join(" / ")}`);
  } catch (e) {
    stop();
    throw e;
  }
  return { port, lines, stop };
}
