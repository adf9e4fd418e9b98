import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStrategy, parseRiskConfig, type StrategyConfig } from "@quantkit/backtest";
import { type Bars, type Clock, QuantkitError, WallClock } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { AlpacaCredentials, alpacaCredentialsFromEnv } from "../alpaca/credentials.js";
import { type FakeAlpaca, startFakeAlpaca } from "../alpaca/fake/fakeAlpaca.js";
import { Dashboard } from "../dashboard/dashboardServer.js";
import { type OpsServer, startOpsServer } from "../ops/opsServer.js";
import { PaperOps } from "../ops/paperOps.js";
import { makeRedactor, secretsFromEnv } from "../ops/redact.js";
import { AlpacaLiveGateway } from "./alpacaLiveGateway.js";
import { Journal } from "./journal.js";
import type { LiveGateway } from "./liveGateway.js";
import { type CrashPoint, LiveNode } from "./liveNode.js";
import { type PaperConfig, type PaperConfigInput, parsePaperConfig } from "./paperConfig.js";

/** Options of {@link runPaper} beyond the config. */
export interface RunPaperOptions {
  /** Stops the session when aborted (graceful shutdown). */
  readonly signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers that stop the session gracefully (default false; the CLI sets it). */
  readonly handleSignals?: boolean;
  /** Environment for credentials and `QK_PAPER_CRASH_AT` (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called once the session is live (after the start reconciliation). */
  readonly onReady?: (session: PaperSession) => void;
  /** Use this gateway instead of the configured broker (tests, benchmarks). */
  readonly gateway?: LiveGateway;
  /** Time source (default WallClock). */
  readonly clock?: Clock;
}

/** A running paper session (given to `onReady`). */
export interface PaperSession {
  readonly runId: string;
  readonly stateDir: string;
  /** Dashboard / metrics / health base URL on loopback. */
  readonly url: string;
  readonly node: LiveNode;
  readonly ops: PaperOps;
  readonly dashboard: Dashboard;
  /** The in-process fake broker (`broker.kind: fake`), else undefined. */
  readonly fake: FakeAlpaca | undefined;
  /** Requests a graceful stop. */
  stop(reason?: string): void;
}

/** What a finished session reports. */
export interface PaperReport {
  readonly runId: string;
  readonly stateDir: string;
  readonly stopReason: string;
  readonly orders: number;
  readonly fills: number;
  readonly positions: readonly { symbol: string; qty: number }[];
  readonly openOrders: readonly string[];
  readonly journal: string;
  readonly logs: Readonly<Record<string, string>>;
}

/** Keys the in-process fake broker accepts when the environment has none. */
const FAKE_KEY = "FAKEKEYID";
const FAKE_SECRET = "FAKESECRET";

/**
 * Runs a strategy from the backtest registry as a paper trader until stopped: opens (or resumes) the write-ahead
 * journal in `stateDir`, starts the broker (the fake Alpaca in-process on a replay of the bundled data, or Alpaca's
 * paper endpoints with keys from the environment), reconciles, trades live through {@link LiveNode}, reconciles
 * every `reconcile.intervalMs`, serves the dashboard, `/metrics` and `/health` on loopback, writes pino logs and
 * POSTs alerts. Stops on the abort signal, SIGINT/SIGTERM (with `handleSignals`) or after `durationMs`; a restart
 * with the same `stateDir` resumes the run (same run id, state rebuilt from the journal, then reconciled).
 *
 * @param config - a {@link PaperConfigInput} (validated).
 * @example
 * const report = await runPaper({ strategy: "sma-cross", params: { fast: 5, slow: 20 }, symbols: ["ORCL"], broker: { kind: "fake", intervalMs: 50 }, durationMs: 10_000 });
 * report.fills // → number of fills in the session
 * @see https://docs.alpaca.markets/docs/paper-trading
 */
export async function runPaper(
  config: PaperConfigInput | PaperConfig,
  options: RunPaperOptions = {},
): Promise<PaperReport> {
  const cfg = parsePaperConfig(config);
  const env = options.env ?? process.env;
  const clock = options.clock ?? new WallClock();
  const stateDir = cfg.stateDir;
  mkdirSync(stateDir, { recursive: true });
  const runId = loadRunId(stateDir, cfg, clock);
  const secrets = secretsFromEnv(env);
  const redact = makeRedactor(secrets);
  const risk = cfg.risk === undefined ? undefined : parseRiskConfig(cfg.risk);

  const ops = new PaperOps({
    stateDir,
    secrets,
    clock,
    alerts: {
      webhookUrl: cfg.alerts.webhookUrl,
      drawdown: cfg.alerts.drawdown,
      rejectionRate: cfg.alerts.rejectionRate,
      noDataMs: cfg.alerts.noDataMs,
      positionLimit: (s) =>
        risk?.maxPosition === undefined
          ? undefined
          : (risk.maxPosition.symbols[s] ?? risk.maxPosition.default),
    },
    health: { dataStaleMs: cfg.health.dataStaleMs, criticalWindowMs: cfg.health.criticalWindowMs },
  });
  const cleanup: (() => Promise<void> | void)[] = [() => ops.close()];
  const runCleanup = async () => {
    for (const c of cleanup.splice(0).reverse()) {
      try {
        await c();
      } catch {
        // best effort
      }
    }
  };
  try {
    let fake: FakeAlpaca | undefined;
    let gateway = options.gateway;
    if (gateway === undefined) {
      const onError = (m: string) => ops.logs.error.warn({ where: "gateway" }, redact.text(m));
      if (cfg.broker.kind === "fake") {
        const keyId = env.APCA_API_KEY_ID ?? FAKE_KEY;
        const secret = env.APCA_API_SECRET_KEY ?? FAKE_SECRET;
        const replay = await bundledReplay(cfg.symbols, cfg.timeframe, cfg.broker.start, cfg.broker.end);
        fake = await startFakeAlpaca({
          replay,
          keyId,
          secretKey: secret,
          cash: cfg.broker.cash,
          participation: cfg.broker.participation,
          rateLimit: false,
        });
        const f = fake;
        cleanup.push(() => f.close());
        gateway = new AlpacaLiveGateway({
          baseUrl: fake.url,
          streamUrl: fake.streamUrl,
          dataUrl: fake.dataUrl,
          credentials: new AlpacaCredentials(keyId, secret),
          clock,
          onError,
        });
      } else {
        gateway = new AlpacaLiveGateway({
          baseUrl: cfg.broker.baseUrl,
          streamUrl: cfg.broker.streamUrl,
          dataUrl: cfg.broker.dataUrl,
          credentials: alpacaCredentialsFromEnv(env as NodeJS.ProcessEnv),
          clock,
          onError,
        });
      }
    }
    const { journal, recovery } = Journal.open(join(stateDir, "events.jsonl"));
    if (recovery.truncatedBytes > 0)
      ops.logs.main.warn(
        { truncatedBytes: recovery.truncatedBytes },
        "journal had an incomplete last line (crash mid-write): cut off",
      );
    const node = new LiveNode({
      gateway,
      strategy: createStrategy({ strategy: cfg.strategy, params: cfg.params } as StrategyConfig),
      symbols: cfg.symbols,
      timeframe: cfg.timeframe,
      marketData: cfg.marketData,
      runId,
      journal,
      recovered: recovery.records,
      clock,
      ...(cfg.risk !== undefined ? { risk: cfg.risk } : {}),
      portfolio: cfg.portfolio,
      ...crashHookFromEnv(env),
    });
    ops.attach(node);
    const dashboard = new Dashboard(node, risk, () => ops.health.report());
    cleanup.push(() => dashboard.close());
    const server: OpsServer = await startOpsServer({
      port: cfg.dashboard.port,
      registry: ops.metrics.registry,
      health: ops.health,
      routes: [dashboard.route],
    });
    cleanup.push(() => server.close());
    ops.logs.main.info(
      { runId, stateDir, url: server.url, broker: cfg.broker.kind, recovered: recovery.records.length },
      "paper session starting",
    );

    let stopReason = "";
    let wake: () => void = () => {};
    const stopped = new Promise<void>((r) => {
      wake = r;
    });
    const stop = (reason = "stop") => {
      if (stopReason === "") stopReason = reason;
      wake();
    };
    const onSignal = (sig: NodeJS.Signals) => stop(sig);
    if (options.handleSignals) {
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      cleanup.push(() => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      });
    }
    options.signal?.addEventListener("abort", () => stop("aborted"), { once: true });
    if (options.signal?.aborted) stop("aborted");

    await node.start();
    const reconcileTimer = setInterval(() => {
      node
        .reconcile("periodic")
        .catch((e: unknown) =>
          ops.logs.error.error({ err: redact.deep(e) }, "periodic reconciliation failed"),
        );
    }, cfg.reconcile.intervalMs);
    cleanup.push(() => clearInterval(reconcileTimer));
    if (cfg.durationMs !== undefined) {
      const t = setTimeout(() => stop("duration"), cfg.durationMs);
      cleanup.push(() => clearTimeout(t));
    }
    if (fake !== undefined && cfg.broker.kind === "fake") fake.play({ intervalMs: cfg.broker.intervalMs });
    options.onReady?.({ runId, stateDir, url: server.url, node, ops, dashboard, fake, stop });
    ops.logs.main.info({ runId, url: server.url }, "paper session live");
    await stopped;
    fake?.pause();
    ops.logs.main.info(
      { reason: stopReason, cancelOpenOrders: cfg.shutdown.cancelOpenOrders },
      "paper session stopping",
    );
    await node.stop({ cancelOpenOrders: cfg.shutdown.cancelOpenOrders, reason: stopReason });
    await ops.alerts.flush();
    const report: PaperReport = {
      runId,
      stateDir,
      stopReason,
      orders: node.orders.all().length,
      fills: node.fills.length,
      positions: node.portfolio.positions().map((p) => ({ symbol: p.symbol, qty: p.qty })),
      openOrders: node.orders.openOrders().map((o) => o.clientOrderId),
      journal: journal.path,
      logs: { ...ops.logs.files },
    };
    ops.logs.main.info({ report }, "paper session stopped");
    return report;
  } finally {
    await runCleanup();
  }
}

/** The run id of `stateDir` (created on first start and kept in `run.json`). */
function loadRunId(stateDir: string, cfg: PaperConfig, clock: Clock): string {
  const path = join(stateDir, "run.json");
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, "utf8")) as { runId?: unknown };
    if (typeof saved.runId !== "string") throw new QuantkitError(`${path}: no runId`);
    if (cfg.runId !== undefined && cfg.runId !== saved.runId)
      throw new QuantkitError(
        `${path} belongs to run ${saved.runId}, the config asks for ${cfg.runId}: use another stateDir`,
      );
    return saved.runId;
  }
  const runId = cfg.runId ?? `qk${Math.floor(clock.now()).toString(36)}`;
  writeFileSync(
    path,
    `${JSON.stringify({ runId, strategy: cfg.strategy, symbols: cfg.symbols, createdAt: clock.now() })}\n`,
  );
  return runId;
}

/** Bars of the bundled store for the fake broker's replay (default: the last 250 bars of each symbol). */
async function bundledReplay(
  symbols: readonly string[],
  timeframe: Bars["timeframe"],
  start: string | number | undefined,
  end: string | number | undefined,
): Promise<Bars[]> {
  const root = mkdtempSync(join(tmpdir(), "qk-paper-store-"));
  const store = await openStore({ root });
  try {
    const out: Bars[] = [];
    for (const symbol of symbols) {
      const all = await store.getBars({ symbol, timeframe, start, end });
      if (all.length === 0)
        throw new QuantkitError(`fake broker: no bundled ${timeframe} bars for ${symbol}`);
      out.push(start === undefined ? tail(all, 250) : all);
    }
    return out;
  } finally {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

function tail(b: Bars, n: number): Bars {
  const from = Math.max(0, b.length - n);
  return {
    symbol: b.symbol,
    timeframe: b.timeframe,
    length: b.length - from,
    ts: b.ts.subarray(from),
    open: b.open.subarray(from),
    high: b.high.subarray(from),
    low: b.low.subarray(from),
    close: b.close.subarray(from),
    volume: b.volume.subarray(from),
  };
}

/**
 * `QK_PAPER_CRASH_AT=<point>:<n>` makes the process SIGKILL itself the n-th time it reaches a {@link CrashPoint}
 * (crash tests). `after-send` kills 30 ms later, once the order request has left the process.
 */
function crashHookFromEnv(env: Readonly<Record<string, string | undefined>>): {
  crashHook?: (p: CrashPoint) => void;
} {
  const spec = env.QK_PAPER_CRASH_AT;
  if (spec === undefined || spec === "") return {};
  const [point, nth] = spec.split(":");
  let left = Number(nth ?? "1");
  return {
    crashHook: (p) => {
      if (p !== point || --left !== 0) return;
      if (p === "after-send") setTimeout(() => process.kill(process.pid, "SIGKILL"), 30);
      else process.kill(process.pid, "SIGKILL");
    },
  };
}
