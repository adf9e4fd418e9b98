import { readFileSync } from "node:fs";
import { portfolioOptionsSchema, riskConfigSchema, strategyConfigSchema } from "@quantkit/backtest";
import { parseWith, QuantkitError, timeframeSchema } from "@quantkit/core";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const fakeBroker = z
  .object({
    kind: z.literal("fake"),
    /** First bar of the replay (ISO date or epoch ms; default: the last 250 bars of the bundled data). */
    start: z.union([z.string(), z.number()]).optional(),
    end: z.union([z.string(), z.number()]).optional(),
    /** Wall-clock milliseconds between replayed bars (default 500). */
    intervalMs: z.number().positive().default(500),
    /** Fraction of each bar's volume our orders may take (partial fills; default 0.1). */
    participation: z.number().positive().max(1).default(0.1),
    /** Broker cash (default 100,000). */
    cash: z.number().positive().default(100_000),
  })
  .strict();

const alpacaBroker = z
  .object({
    kind: z.literal("alpaca"),
    /** Trading REST base URL (default Alpaca's paper endpoint). Keys come from the environment only. */
    baseUrl: z.url().default("https://paper-api.alpaca.markets"),
    streamUrl: z.url().default("wss://paper-api.alpaca.markets/stream"),
    dataUrl: z.url().default("wss://stream.data.alpaca.markets/v2/iex"),
  })
  .strict();

/**
 * The `quantkit paper` config (YAML or JSON), validated with zod: the strategy and its params (from the backtest
 * registry), symbols, risk limits, account model, broker, state directory, dashboard port, reconciliation period,
 * alerts, health thresholds and shutdown behaviour. Broker keys are never part of it: they come from
 * `APCA_API_KEY_ID` / `APCA_API_SECRET_KEY`.
 *
 * @example
 * paperConfigSchema.parse({ strategy: "sma-cross", symbols: ["ORCL"], broker: { kind: "fake" } }).reconcile.intervalMs // → 180000
 */
export const paperConfigSchema = z
  .object({
    /** Strategy name in the backtest registry (`sma-cross`, `rsi-reversion`, `pairs`, `volume-breakout`). */
    strategy: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    symbols: z.array(z.string().min(1)).min(1),
    /** Bar timeframe the venue publishes (default 1d for the bundled replay; Alpaca's stream sends 1m bars). */
    timeframe: timeframeSchema.default("1d"),
    marketData: z
      .array(z.enum(["bars", "trades", "quotes"]))
      .min(1)
      .default(["bars"]),
    risk: riskConfigSchema.optional(),
    portfolio: portfolioOptionsSchema.partial().default({}),
    broker: z.discriminatedUnion("kind", [fakeBroker, alpacaBroker]).default({
      kind: "fake",
      intervalMs: 500,
      participation: 0.1,
      cash: 100_000,
    }),
    /** Directory of the event log, run id, log files (default `out/paper`). */
    stateDir: z.string().min(1).default("out/paper"),
    /** Run id (client order ids are `<runId>-<n>`); default: created once and kept in `<stateDir>/run.json`. */
    runId: z
      .string()
      .regex(/^[A-Za-z0-9_.]{1,40}$/, "letters, digits, '_' or '.', at most 40")
      .optional(),
    dashboard: z
      .object({
        /** Loopback port of the dashboard, /metrics and /health (0 = any free port; default 8787). */
        port: z.number().int().min(0).max(65535).default(8787),
      })
      .prefault({}),
    reconcile: z.object({ intervalMs: z.number().min(1000).default(180_000) }).prefault({}),
    alerts: z
      .object({
        webhookUrl: z.url().optional(),
        drawdown: z.number().gt(0).lt(1).optional(),
        rejectionRate: z.number().gt(0).lt(1).default(0.1),
        noDataMs: z.number().positive().default(300_000),
      })
      .prefault({}),
    health: z
      .object({
        dataStaleMs: z.number().positive().default(120_000),
        criticalWindowMs: z.number().positive().default(300_000),
      })
      .prefault({}),
    shutdown: z
      .object({
        /** Cancel working orders on SIGINT/SIGTERM (default false). */
        cancelOpenOrders: z.boolean().default(false),
      })
      .prefault({}),
    /** Stop by itself after this many ms (demos, tests). Runs until a signal when omitted. */
    durationMs: z.number().positive().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const r = strategyConfigSchema.safeParse({ strategy: c.strategy, params: c.params });
    if (!r.success)
      for (const issue of r.error.issues)
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

/** Input form of {@link paperConfigSchema}. */
export type PaperConfigInput = z.input<typeof paperConfigSchema>;
/** A validated paper config. */
export type PaperConfig = z.output<typeof paperConfigSchema>;

/**
 * Validates a paper config object (ValidationError names each bad field).
 *
 * @example
 * parsePaperConfig({ strategy: "sma-cross", symbols: ["ORCL"] }).broker.kind // → "fake"
 */
export function parsePaperConfig(input: unknown): PaperConfig {
  return parseWith(paperConfigSchema, input, "paper config");
}

/**
 * Reads and validates a YAML/JSON paper config file.
 *
 * @example
 * loadPaperConfig("packages/live/examples/paper.yaml").symbols // → ["ORCL", "NVDA"]
 */
export function loadPaperConfig(path: string): PaperConfig {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new QuantkitError(`Cannot read paper config ${path}: ${(cause as Error).message}`, { cause });
  }
  return parseWith(paperConfigSchema, raw ?? {}, `paper config ${path}`);
}
