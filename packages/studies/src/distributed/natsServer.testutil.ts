import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A `nats-server -js` started on a free loopback port with a temporary store (tests and benchmarks only). */
export interface TestNatsServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  /** Stops the server (SIGTERM to its pid) and deletes its store. */
  stop(): Promise<void>;
}

/** Picks a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * Starts Debian's `nats-server` with JetStream on a random loopback port (copied from the ingest tests' helper).
 * @example
 * const nats = await startNatsServer(); // … nats.url …; await nats.stop();
 */
export async function startNatsServer(): Promise<TestNatsServer> {
  const dir = mkdtempSync(join(tmpdir(), "qk-study-nats-"));
  const port = await freePort();
  const proc: ChildProcess = spawn(
    "nats-server",
    ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", dir],
    {
      stdio: "ignore",
    },
  );
  const exited = new Promise((r) => proc.once("exit", r));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) break;
    const listening = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(true)); // port taken: the server is listening
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
    });
    if (listening) return { url: `nats://127.0.0.1:${port}`, pid: proc.pid as number, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error("nats-server did not start (is it installed? apt-get install -y nats-server)");
}

/**
 * Starts one server for a test file (`natsServerFixture(beforeAll, afterAll)`), stopped after it.
 * @example
 * const nats = natsServerFixture(beforeAll, afterAll); // in tests: nats.url()
 */
export function natsServerFixture(
  before: (fn: () => Promise<void>) => void,
  after: (fn: () => Promise<void>) => void,
): { url(): string } {
  let server: TestNatsServer | undefined;
  before(async () => {
    server = await startNatsServer();
  });
  after(async () => {
    await server?.stop();
  });
  return {
    url() {
      if (!server) throw new Error("nats-server not started");
      return server.url;
    },
  };
}
