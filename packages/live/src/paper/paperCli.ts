import { QuantkitError } from "@quantkit/core";
import { loadPaperConfig } from "./paperConfig.js";
import { type PaperReport, runPaper } from "./runPaper.js";

/** Options of {@link paperCommand} (from `quantkit paper --config <file> [--broker fake|alpaca] [--port n]`). */
export interface PaperCommandOptions {
  readonly config: string;
  /** Overrides the config's broker kind (`fake` uses the config's fake settings or the defaults). */
  readonly broker?: string | undefined;
  /** Overrides the dashboard port. */
  readonly port?: string | undefined;
  /** Overrides the state directory. */
  readonly stateDir?: string | undefined;
}

/**
 * The `quantkit paper` command: loads the config, applies the command-line overrides, runs the session until
 * SIGINT/SIGTERM (graceful: optional cancel of open orders, journal closed) and prints one JSON line when live
 * (`{"event":"ready","url":…,"runId":…}`) and one when stopped (the {@link PaperReport}).
 *
 * @example
 * await paperCommand({ config: "packages/live/examples/paper.yaml", broker: "fake" }); // Ctrl-C stops
 */
export async function paperCommand(opts: PaperCommandOptions): Promise<PaperReport> {
  const cfg = loadPaperConfig(opts.config);
  let broker = cfg.broker;
  if (opts.broker !== undefined) {
    if (opts.broker === "fake")
      broker =
        broker.kind === "fake"
          ? broker
          : { kind: "fake", intervalMs: 500, participation: 0.1, cash: 100_000 };
    else if (opts.broker === "alpaca")
      broker =
        broker.kind === "alpaca"
          ? broker
          : {
              kind: "alpaca",
              baseUrl: "https://paper-api.alpaca.markets",
              streamUrl: "wss://paper-api.alpaca.markets/stream",
              dataUrl: "wss://stream.data.alpaca.markets/v2/iex",
            };
    else throw new QuantkitError(`--broker must be fake or alpaca, got ${opts.broker}`);
  }
  const port = opts.port === undefined ? cfg.dashboard.port : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new QuantkitError(`--port must be an integer 0…65535, got ${opts.port}`);
  const report = await runPaper(
    {
      ...cfg,
      broker,
      dashboard: { port },
      ...(opts.stateDir !== undefined ? { stateDir: opts.stateDir } : {}),
    },
    {
      handleSignals: true,
      onReady: (s) =>
        console.log(
          JSON.stringify({
            event: "ready",
            url: s.url,
            runId: s.runId,
            stateDir: s.stateDir,
            pid: process.pid,
          }),
        ),
    },
  );
  console.log(JSON.stringify({ event: "stopped", ...report }));
  return report;
}
