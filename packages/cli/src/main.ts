#!/usr/bin/env -S node --conditions=@quantkit/source --import tsx
/**
 * The `quantkit` command.
 *   quantkit showcase [--out dir] [--no-images]   the showcase on the bundled data (what `npm start` runs)
 *   quantkit figures [--out dir]                   every blog-series figure as PNG + SVG with a manifest
 *   quantkit backtest --config <file> [--out dir]  a backtest from a YAML/JSON config: summary, trades, equity,
 *                                                  events.jsonl and report.html
 *   quantkit ingest --venue fake|binance|coinbase --symbols A,B --store <dir> [--nats url] [--ws-url u --rest-url u]
 *                                                  streams trades into bars of 1s…1d in a Parquet store (Ctrl-C stops)
 *   quantkit datasets                              lists the bundled and imported datasets
 */
import { backtestCli, loadBacktestConfig, loadDataAsync } from "@quantkit/backtest";
import { isoUtc, QuantkitError } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { runIngest } from "@quantkit/ingest";
import { paperCommand } from "@quantkit/live";
import {
  robustnessCommand,
  runsCommand,
  sweepCommand,
  sweepNatsCommand,
  walkForwardCommand,
  workerCommand,
} from "@quantkit/studies";
import { writeHtmlReport } from "@quantkit/viz";
import { parseArgs } from "./args.js";
import { backtestReport } from "./backtestReport.js";
import { runShowcase } from "./showcase/run.js";

const USAGE = `usage: quantkit <command> [options]
  showcase [--out dir] [--no-images]    run the showcase on the bundled data
  figures [--out dir]                   regenerate the blog figures (PNG + SVG + manifest.json)
  backtest --config <file> [--out dir]  run a backtest from a YAML/JSON config
  ingest --venue fake|binance|coinbase --symbols BTCUSDT|BTC-USD --store <dir> [--nats nats://127.0.0.1:4222]
         [--ws-url url --rest-url url]  stream trades into 1s…1d bars in a Parquet store (Ctrl-C stops);
                                        the URLs default to the venue's public endpoints
  datasets                              list the datasets the store can read
  paper --config <file> [--broker fake|alpaca] [--port n] [--state dir]
                                        paper-trade a strategy live: dashboard, /metrics, /health on loopback (Ctrl-C stops)
  sweep --config <yaml|json> [--workers n] [--out dir] [--catalog file] [--nats url]
        [--search grid|random|halving] [--n n] [--seed s] [--eta e]
                                        parameter sweep into a Parquet results table (resumable; Ctrl-C stops cleanly);
                                        halving = seeded successive halving (few full-length runs)
  runs list|show <id>|compare <a> <b>|reproduce <id> [--catalog file] [--study id] [--limit n] [--order sharpe]
                                        tracked runs in the DuckDB catalog
  walk-forward --config <yaml> [--out dir] [--workers n | --nats url] [--catalog file | --no-catalog]
                                        walk-forward study: per-fold table, JSON + Parquet results, tracked runs
  robustness --config <yaml> [--out dir] [--workers n]
                                        robustness of a sweep's winner: surface, deflated Sharpe, PBO, fills, Monte Carlo
  worker --nats <url> [--concurrency n] [--ack-wait ms]
                                        run study jobs from NATS JetStream (Ctrl-C drains, twice hands back)`;

function option(options: Readonly<Record<string, string | true>>, name: string): string | undefined {
  const v = options[name];
  if (v === true) throw new QuantkitError(`Option --${name} needs a value`);
  return v;
}

const { positional, options } = parseArgs(process.argv.slice(2));
const command = positional[0] ?? "showcase";
switch (command) {
  case "showcase": {
    const out = option(options, "out");
    await runShowcase({ ...(out ? { out } : {}), noImages: options["no-images"] === true });
    break;
  }
  case "figures": {
    const out = option(options, "out") ?? "out/figures";
    const summary = await runShowcase({ out });
    if (summary.outputs.staticImages !== "written") {
      console.error("No Chromium found: figures need it (apt-get install -y chromium).");
      process.exit(1);
    }
    console.log(`\n${summary.outputs.figures.length} figure files and manifest.json in ${out}/figures/`);
    break;
  }
  case "backtest": {
    const config = option(options, "config");
    if (!config) {
      console.error(`backtest needs --config <file>\n${USAGE}`);
      process.exit(2);
    }
    const out = option(options, "out") ?? "out/backtest";
    const result = await backtestCli({ config, out });
    // Replace the engine's dependency-free SVG report with the Plotly one.
    const bars = await loadDataAsync(loadBacktestConfig(config));
    writeHtmlReport(`${out}/report.html`, backtestReport(result, bars));
    console.log(
      `${String(result)}\nwrote ${out}/ (summary.json, manifest.json, trades, equity, events.jsonl, report.html)`,
    );
    break;
  }
  case "ingest": {
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort());
    const symbols = (option(options, "symbols") ?? "").split(",").filter((x) => x.length > 0);
    const nats = option(options, "nats");
    const wsUrl = option(options, "ws-url");
    const restUrl = option(options, "rest-url");
    const report = await runIngest(
      {
        venue: (option(options, "venue") ?? "fake") as "fake" | "binance" | "coinbase",
        symbols,
        store: option(options, "store") ?? "out/ingest-store",
        ...(nats ? { nats } : {}),
        ...(wsUrl ? { wsUrl } : {}),
        ...(restUrl ? { restUrl } : {}),
      },
      { signal: controller.signal },
    );
    console.log(
      JSON.stringify(
        { trades: report.trades, tradesWritten: report.tradesWritten, barsWritten: report.barsWritten },
        null,
        2,
      ),
    );
    break;
  }
  case "paper": {
    const config = option(options, "config");
    if (!config) {
      console.error(`paper needs --config <file>\n${USAGE}`);
      process.exit(2);
    }
    await paperCommand({
      config,
      broker: option(options, "broker"),
      port: option(options, "port"),
      stateDir: option(options, "state"),
    });
    break;
  }
  case "datasets": {
    const store = await openStore();
    try {
      for (const c of await store.catalog()) {
        console.log(
          `${c.kind}\t${c.symbol}\t${c.timeframe ?? "ticks"}\t${c.rows}\t${isoUtc(c.start)}\t${isoUtc(c.end)}\t${c.location}`,
        );
      }
    } finally {
      await store.close();
    }
    break;
  }
  case "sweep": {
    const config = option(options, "config");
    if (!config) {
      console.error(`sweep needs --config <file>\n${USAGE}`);
      process.exit(2);
    }
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort());
    const workers = option(options, "workers");
    const out = option(options, "out");
    const catalog = option(options, "catalog");
    const nats = option(options, "nats");
    // --search grid|random|halving [--n n] [--seed s] [--eta e] override the config's search (validated with it)
    const num = (name: string) =>
      option(options, name) !== undefined ? Number(option(options, name)) : undefined;
    const [n, seed, eta] = [num("n"), num("seed"), num("eta")];
    const searchKind = option(options, "search") as "grid" | "random" | "halving" | undefined;
    const search = {
      ...(searchKind !== undefined ? { search: searchKind } : {}),
      ...(n !== undefined ? { n } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(eta !== undefined ? { eta } : {}),
    };
    if (nats !== undefined) {
      // run on `quantkit worker` processes through NATS JetStream instead of a local pool
      await sweepNatsCommand({
        config,
        nats,
        signal: controller.signal,
        ...search,
        ...(out !== undefined ? { out } : {}),
        ...(catalog !== undefined ? { catalog } : {}),
      });
      break;
    }
    await sweepCommand({
      config,
      signal: controller.signal,
      ...search,
      ...(out !== undefined ? { out } : {}),
      ...(workers !== undefined ? { workers: Number(workers) } : {}),
      ...(catalog !== undefined ? { catalog } : {}),
    });
    break;
  }
  case "runs": {
    const catalog = option(options, "catalog");
    const study = option(options, "study");
    const limit = option(options, "limit");
    const order = option(options, "order");
    process.exitCode = await runsCommand(positional.slice(1), {
      ...(catalog !== undefined ? { catalog } : {}),
      ...(study !== undefined ? { study } : {}),
      ...(limit !== undefined ? { limit: Number(limit) } : {}),
      ...(order !== undefined ? { order: order as "recorded" | "sharpe" | "totalReturn" } : {}),
    });
    break;
  }
  case "robustness": {
    const config = option(options, "config");
    if (!config) {
      console.error(`robustness needs --config <file>\n${USAGE}`);
      process.exit(2);
    }
    const workers = option(options, "workers");
    await robustnessCommand({
      config,
      out: option(options, "out") ?? "out/robustness",
      ...(workers !== undefined ? { workers: Number(workers) } : {}),
    });
    break;
  }
  case "walk-forward": {
    const config = option(options, "config");
    if (!config) {
      console.error(`walk-forward needs --config <file>\n${USAGE}`);
      process.exit(2);
    }
    const workers = option(options, "workers");
    const catalog = options["no-catalog"] === true ? false : option(options, "catalog");
    const nats = option(options, "nats");
    const controller = new AbortController();
    if (nats !== undefined) process.once("SIGINT", () => controller.abort());
    await walkForwardCommand({
      config,
      out: option(options, "out") ?? "out/walk-forward",
      ...(workers !== undefined ? { workers: Number(workers) } : {}),
      ...(catalog !== undefined ? { catalog } : {}),
      // run the folds on `quantkit worker` processes through NATS JetStream instead of a local pool
      ...(nats !== undefined ? { nats, signal: controller.signal } : {}),
    });
    break;
  }
  case "worker": {
    const nats = option(options, "nats");
    if (!nats) {
      console.error(`worker needs --nats <url>\n${USAGE}`);
      process.exit(2);
    }
    const concurrency = option(options, "concurrency");
    const ackWait = option(options, "ack-wait");
    await workerCommand({
      nats,
      ...(concurrency !== undefined ? { concurrency: Number(concurrency) } : {}),
      ...(ackWait !== undefined ? { ackWaitMs: Number(ackWait) } : {}),
      verbose: options.verbose === true,
    });
    break;
  }
  default:
    console.error(`unknown command "${command}"\n${USAGE}`);
    process.exit(2);
}
