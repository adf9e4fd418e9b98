import { z } from "zod";
import { INTRABAR_POLICIES, type IntrabarPolicy } from "./intrabar-path.js";
import { slippageSchema } from "./slippage.js";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (24h)");

/**
 * Trading session: orders arriving outside `[open, close)` local time or on other weekdays are rejected by the
 * venue, and DAY orders expire at `close`.
 * @example
 * sessionSchema.parse({ timezone: "America/New_York", open: "09:30", close: "16:00" }).weekdays // → [1, 2, 3, 4, 5]
 */
export const sessionSchema = z.object({
  timezone: z.string().default("UTC"),
  open: hhmm,
  close: hhmm,
  /** ISO-less JS weekdays (0 = Sunday … 6 = Saturday). Default Monday–Friday. */
  weekdays: z.array(z.number().int().min(0).max(6)).default([1, 2, 3, 4, 5]),
});

/** Validated session. */
export type Session = z.output<typeof sessionSchema>;

/**
 * How the emulator fills orders on bars.
 * - `intrabar`: the named intrabar path policy (default `nearest-first`).
 * - `limitFill`: `through` (default: a limit fills only if price traded strictly beyond it) or `touch`.
 * - `volumeParticipation`: max fraction of each bar's volume our orders may take, shared by all our orders on the
 *   symbol (default: no cap); the rest fills on later bars.
 * - `slippage`: slippage model for taker fills.
 * - `priceBandPct`: venue rejects limit/stop prices more than this % away from the last price.
 * - `session`: trading hours (see {@link sessionSchema}).
 * @example
 * fillModelSchema.parse({}).intrabar // → "nearest-first"
 */
export const fillModelSchema = z
  .object({
    intrabar: z.enum(INTRABAR_POLICIES as [IntrabarPolicy, ...IntrabarPolicy[]]).default("nearest-first"),
    limitFill: z.enum(["touch", "through"]).default("through"),
    volumeParticipation: z.number().positive().max(1).optional(),
    slippage: slippageSchema,
    priceBandPct: z.number().positive().optional(),
    session: sessionSchema.optional(),
  })
  .default({ intrabar: "nearest-first", limitFill: "through", slippage: { model: "none" } });

/** Input form of {@link fillModelSchema}. */
export type FillModelOptions = z.input<typeof fillModelSchema>;
/** Validated fill model. */
export type FillModel = z.output<typeof fillModelSchema>;
