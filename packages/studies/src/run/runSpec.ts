import { createHash } from "node:crypto";
import { commissionSchema } from "@quantkit/backtest";
import { parseWith, timeframeSchema } from "@quantkit/core";
import { z } from "zod";
import { engineSchema } from "../space/searchSchema.js";

const timeInput = z.union([z.number(), z.string().min(1)]);

/**
 * Where a run's bars come from, resolvable by any process that can read the data:
 * - `{ kind: "store", symbol, timeframe, start?, end?, home?, bundled? }`: the @quantkit/data store (`home` is its
 *   writable root, default `$QUANTKIT_HOME`; the repository's bundled datasets are readable too);
 * - `{ kind: "csv", path, symbol, timeframe, timezone? }`: an OHLCV CSV read by backtest's `loadBarsCsv`;
 * - `{ kind: "synthetic", seed, length, symbol?, timeframe?, start? }`: backtest's seeded `randomBars` (tests, benches).
 *
 * @example
 * dataRefSchema.parse({ kind: "synthetic", seed: 1, length: 1000 }).timeframe // → "1m"
 */
export const dataRefSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("store"),
      symbol: z.string().min(1),
      timeframe: timeframeSchema,
      /** Inclusive start (ISO string or UTC ms). */
      start: timeInput.optional(),
      /** Exclusive end (ISO string or UTC ms). */
      end: timeInput.optional(),
      /** The store's writable root (default `$QUANTKIT_HOME`, else `~/.quantkit`). */
      home: z.string().min(1).optional(),
      /** The read-only bundled root, or false for none (default: the repository's `datasets/store`). */
      bundled: z.union([z.string().min(1), z.literal(false)]).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("csv"),
      path: z.string().min(1),
      symbol: z.string().min(1),
      timeframe: timeframeSchema,
      /** Time zone of the file's timestamps. Default UTC. */
      timezone: z.string().default("UTC"),
    })
    .strict(),
  z
    .object({
      kind: z.literal("synthetic"),
      seed: z.number().int(),
      length: z.number().int().positive(),
      symbol: z.string().min(1).default("SYN"),
      timeframe: timeframeSchema.default("1m"),
      /** First bar's open time (UTC ms). Default 1.7e12 (2023-11-14). */
      start: z.number().default(1_700_000_000_000),
    })
    .strict(),
]);

/** Input form of {@link dataRefSchema}. */
export type DataRefInput = z.input<typeof dataRefSchema>;
/** A validated data reference. */
export type DataRef = z.output<typeof dataRefSchema>;

/**
 * Execution costs and sizing of a run (shared by both engines): `initialCash` (default 100,000), `qty` units per
 * entry (default 1), `commission` (backtest's schedule, default 0), `slippageBps` (adverse, on every fill, default
 * 0) and `periodsPerYear` for annualizing (default: 252 for 1d, 52 for 1w, else a calendar year of bars).
 *
 * @example
 * runOptionsSchema.parse({}).initialCash // → 100000
 */
export const runOptionsSchema = z
  .object({
    initialCash: z.number().positive().default(100_000),
    qty: z.number().positive().default(1),
    commission: commissionSchema,
    slippageBps: z.number().min(0).default(0),
    periodsPerYear: z.number().positive().optional(),
  })
  .strict();

/** Input form of {@link runOptionsSchema}. */
export type RunOptionsInput = z.input<typeof runOptionsSchema>;

/**
 * A half-open range of bar open times `[start, end)` in UTC ms (`start < end`).
 *
 * @example
 * rangeSchema.parse({ start: 0, end: 86_400_000 }) // → { start: 0, end: 86400000 }
 */
export const rangeSchema = z
  .object({ start: z.number(), end: z.number() })
  .strict()
  .refine((r) => r.start < r.end, { message: "range.start must be < range.end", path: ["start"] });

/**
 * A JSON-serialisable description of ONE run that any process on any host can execute: the strategy (a study
 * strategy name), the engine (`"vectorized"` fast path or the `"event"` engine), its params, the data, an optional
 * half-open bar range `[start, end)` in UTC ms on bar open times, a seed and the cost options.
 *
 * @example
 * runSpecSchema.parse({ strategy: "sma-cross", params: { fast: 5, slow: 20 }, data: { kind: "synthetic", seed: 1, length: 500 } }).engine // → "vectorized"
 */
export const runSpecSchema = z
  .object({
    strategy: z.string().min(1),
    engine: engineSchema,
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
    data: dataRefSchema,
    /** Half-open range of bar open times `[start, end)`, UTC ms. */
    range: rangeSchema.optional(),
    seed: z.number().int().default(0),
    options: runOptionsSchema.prefault({}),
  })
  .strict();

/** Input form of a run spec (defaults optional). */
export type RunSpecInput = z.input<typeof runSpecSchema>;
/** A validated run spec (defaults filled). */
export type RunSpec = z.output<typeof runSpecSchema>;

/**
 * Validates a run spec (errors name each offending field) and fills its defaults.
 *
 * @example
 * parseRunSpec({ strategy: "sma-cross", data: { kind: "synthetic", seed: 1, length: 10 } }).seed // → 0
 */
export function parseRunSpec(input: unknown): RunSpec {
  return parseWith(runSpecSchema, input, "run spec");
}

/**
 * JSON with object keys sorted recursively (arrays keep their order), so equal values give equal text.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] }) // → '{"a":[2,{"c":0,"d":1}],"b":1}'
 * @see https://www.rfc-editor.org/rfc/rfc8785 (JSON canonicalization, same idea)
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/**
 * The stable id of a run: SHA-256 (hex) of the canonical JSON of the validated spec (defaults filled, keys sorted),
 * so the same run has the same key on every host, whatever order its fields were written in.
 *
 * @example
 * runKey({ strategy: "sma-cross", params: { slow: 20, fast: 5 }, data: { kind: "synthetic", seed: 1, length: 10 } }).length // → 64
 */
export function runKey(spec: RunSpecInput | RunSpec): string {
  return createHash("sha256")
    .update(canonicalJson(parseRunSpec(spec)))
    .digest("hex");
}
