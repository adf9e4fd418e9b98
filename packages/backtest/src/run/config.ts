import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parseWith, timeframeSchema } from "@quantkit/core";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { fillModelSchema } from "../emulator/fill-model.js";
import { latencySchema } from "../emulator/latency.js";
import { commissionSchema } from "../portfolio/commission.js";
import { riskConfigSchema } from "../risk/riskConfig.js";
import { STRATEGY_NAMES } from "../strategies/registry.js";

const csvSourceSchema = z
  .object({
    symbol: z.string().min(1),
    timeframe: timeframeSchema,
    csv: z.string().min(1),
    /** Time zone of the file's timestamps (daily dates become local midnight). Default UTC. */
    timezone: z.string().default("UTC"),
  })
  .strict();

const storeSourceSchema = z
  .object({
    symbol: z.string().min(1),
    timeframe: timeframeSchema,
    /** Read from the @quantkit/data store: `true` for the default store (and bundled data), or its options. */
    store: z.union([
      z.literal(true),
      z
        .object({
          root: z.string().min(1).optional(),
          bundled: z.union([z.string().min(1), z.literal(false)]).optional(),
        })
        .strict(),
    ]),
    start: z.union([z.string(), z.number()]).optional(),
    end: z.union([z.string(), z.number()]).optional(),
    timezone: z.string().optional(),
  })
  .strict();

/**
 * One input series: a CSV file (path relative to the config file) or a query of the @quantkit/data store
 * (`{ symbol, timeframe, store: true, start, end }`, read by `runBacktestAsync` / `backtestCli`).
 * @example
 * dataSourceSchema.parse({ symbol: "ORCL", timeframe: "1d", csv: "orcl.csv" }).timezone // → "UTC"
 */
export const dataSourceSchema = z.union([csvSourceSchema, storeSourceSchema]);

/**
 * A backtest config file (YAML or JSON): `{ strategy: 'sma-cross', params: {...}, data: [...], ... }`. Strategy
 * params are validated by the strategy's own schema when the run starts.
 * @example
 * backtestConfigSchema.parse({ strategy: "pairs", params: { symbols: ["A", "B"] } }).seed // → 0
 */
export const backtestConfigSchema = z
  .object({
    strategy: z.enum(STRATEGY_NAMES),
    params: z.record(z.string(), z.unknown()).default({}),
    data: z.array(dataSourceSchema).default([]),
    initialCash: z.number().positive().default(100_000),
    commission: commissionSchema,
    maxLeverage: z.number().positive().default(1),
    allowShort: z.boolean().default(true),
    fill: fillModelSchema,
    latency: latencySchema,
    risk: riskConfigSchema.optional(),
    seed: z.number().int().default(0),
    /** Samples per year for annualizing (Sharpe, volatility). Default: inferred from the equity timestamps. */
    periodsPerYear: z.number().positive().optional(),
  })
  .strict();

/** Input form of a backtest config. */
export type BacktestConfigInput = z.input<typeof backtestConfigSchema>;
/** A validated backtest config. */
export type BacktestConfig = z.output<typeof backtestConfigSchema>;

/**
 * Validates a config object (errors name each offending field).
 *
 * @example
 * parseBacktestConfig({ strategy: "sma-cross" }).initialCash // → 100000
 */
export function parseBacktestConfig(input: unknown): BacktestConfig {
  return parseWith(backtestConfigSchema, input, "backtest config");
}

/**
 * Loads a YAML or JSON config file; relative `data[].csv` paths are resolved against the file's folder.
 *
 * @example
 * loadBacktestConfig("configs/sma-cross.yaml").strategy // → "sma-cross"
 */
export function loadBacktestConfig(path: string): BacktestConfig {
  const text = readFileSync(path, "utf8");
  const raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  const c = parseBacktestConfig(raw);
  const base = dirname(resolve(path));
  return {
    ...c,
    data: c.data.map((d) =>
      "csv" in d ? { ...d, csv: isAbsolute(d.csv) ? d.csv : resolve(base, d.csv) } : d,
    ),
  };
}
