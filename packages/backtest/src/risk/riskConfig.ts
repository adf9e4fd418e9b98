import { readFileSync } from "node:fs";
import { parseWith, QuantkitError } from "@quantkit/core";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const positive = z.number().positive();
const perSymbol = z
  .object({
    /** Limit applied to symbols without an override. */
    default: positive,
    /** Per-symbol overrides, e.g. `{ BTCUSDT: 5 }`. */
    symbols: z.record(z.string().min(1), positive).default({}),
  })
  .strict();

/**
 * zod schema of the risk limits file (YAML or JSON). Every limit is optional except where noted; a missing block
 * disables that validator.
 *
 * @see {@link loadRiskConfig}
 * @example
 * riskConfigSchema.parse({ throttle: { maxOrders: 10, windowMs: 1000 } }).selfTradePrevention; // → true
 */
export const riskConfigSchema = z
  .object({
    /** Max quantity of one order, in units. */
    maxOrderQty: perSymbol.optional(),
    /** Max absolute net position per symbol after the order (worst case: every open order on that side fills). */
    maxPosition: perSymbol.optional(),
    /** Price band: a limit/stop price more than `bps` basis points from the mid is rejected. */
    priceBand: z
      .object({
        bps: positive,
        /** What to do when the mid is unknown. Default `"reject"`. */
        missingMid: z.enum(["reject", "allow"]).default("reject"),
      })
      .strict()
      .optional(),
    /** Self-trade prevention: reject an order that would cross one of our own resting orders. Default on. */
    selfTradePrevention: z.boolean().default(true),
    /** Order-rate throttle per symbol: at most `maxOrders` accepted orders in any `windowMs` sliding window. */
    throttle: z.object({ maxOrders: z.number().int().positive(), windowMs: positive }).strict().optional(),
    /** Kill switch triggers. Once tripped, every open order is canceled and every new order rejected. */
    killSwitch: z
      .object({
        /** Trip when equity falls this much (account currency) below the equity at engine start. */
        maxLoss: positive.optional(),
        /** Trip when equity falls this fraction (0..1) below its peak. */
        maxDrawdown: z.number().gt(0).lt(1).optional(),
        /** Trip when any checked position exceeds `maxPosition` × this multiple (fills can overshoot). */
        positionBreachMultiple: z.number().min(1).optional(),
        /** Trip on any error reported with `reportError`. Default true. */
        onError: z.boolean().default(true),
      })
      .strict()
      .optional(),
    /** Fraction of a limit at which a warning is logged. Default 0.9. */
    warnAt: z.number().gt(0).lt(1).default(0.9),
  })
  .strict();

/** Validated risk limits. */
export type RiskConfig = z.output<typeof riskConfigSchema>;
/** Risk limits as written in a file (defaults not yet applied). */
export type RiskConfigInput = z.input<typeof riskConfigSchema>;

/**
 * Validates a risk limits object (already parsed from YAML/JSON) and applies defaults.
 *
 * @param input - untrusted object.
 * @example
 * parseRiskConfig({ maxOrderQty: { default: 10 } }).warnAt; // → 0.9
 * @throws ValidationError naming each offending field, e.g. `maxOrderQty.default: Too small`.
 * @see {@link riskConfigSchema}
 */
export function parseRiskConfig(input: unknown): RiskConfig {
  return parseWith(riskConfigSchema, input, "risk config");
}

/**
 * Parses risk limits from YAML or JSON text (YAML is a superset of JSON) and validates them.
 *
 * @param text - the file's text.
 * @param source - a name for messages (e.g. the path).
 * @example
 * parseRiskConfigText("maxOrderQty:\n  default: 10\n").maxOrderQty?.default; // → 10
 * @see {@link riskConfigSchema}
 */
export function parseRiskConfigText(text: string, source = "risk config"): RiskConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (cause) {
    throw new QuantkitError(`Cannot parse ${source} as YAML/JSON: ${(cause as Error).message}`, { cause });
  }
  return parseWith(riskConfigSchema, raw ?? {}, source);
}

/**
 * Loads risk limits from a `.yaml`, `.yml` or `.json` file and validates them with {@link riskConfigSchema}.
 *
 * @param path - file path.
 * @example
 * loadRiskConfig("limits.yaml").throttle; // → { maxOrders: 10, windowMs: 1000 }
 * @see {@link riskConfigSchema}
 */
export function loadRiskConfig(path: string): RiskConfig {
  return parseRiskConfigText(readFileSync(path, "utf8"), `risk config ${path}`);
}
