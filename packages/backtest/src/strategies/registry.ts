import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { Strategy } from "../engine/strategy.js";
import { PairsTrading, pairsParams } from "./pairs.js";
import { RsiReversion, rsiReversionParams } from "./rsi-reversion.js";
import { SmaCross, smaCrossParams } from "./sma-cross.js";
import { VolumeBreakout, volumeBreakoutParams } from "./volume-breakout.js";

/**
 * `{ strategy: <name>, params: {...} }`, validated per strategy.
 *
 * @example
 * strategyConfigSchema.parse({ strategy: "sma-cross" }).params.fast // → 10
 */
export const strategyConfigSchema = z.discriminatedUnion("strategy", [
  z.object({ strategy: z.literal("sma-cross"), params: smaCrossParams.prefault({}) }),
  z.object({ strategy: z.literal("rsi-reversion"), params: rsiReversionParams.prefault({}) }),
  z.object({ strategy: z.literal("pairs"), params: pairsParams }),
  z.object({
    strategy: z.literal("volume-breakout"),
    params: volumeBreakoutParams.prefault({}),
  }),
]);

/** Input form of {@link strategyConfigSchema}. */
export type StrategyConfig = z.input<typeof strategyConfigSchema>;

/**
 * Names of the built-in strategies.
 *
 * @example
 * STRATEGY_NAMES[0] // → "sma-cross"
 */
export const STRATEGY_NAMES = ["sma-cross", "rsi-reversion", "pairs", "volume-breakout"] as const;

/**
 * Builds a built-in strategy from its config (validated; errors name the field).
 *
 * @example
 * createStrategy({ strategy: "sma-cross", params: { fast: 5, slow: 20 } }).id // → "sma-cross"
 */
export function createStrategy(config: StrategyConfig): Strategy {
  const c = parseWith(strategyConfigSchema, config, "strategy config");
  switch (c.strategy) {
    case "sma-cross":
      return new SmaCross(c.params);
    case "rsi-reversion":
      return new RsiReversion(c.params);
    case "pairs":
      return new PairsTrading(c.params);
    case "volume-breakout":
      return new VolumeBreakout(c.params);
  }
}
