import { z } from "zod";
import { alpacaAssetClass } from "./order.js";
import { decimalString } from "./primitives.js";

/**
 * An open position (`Position` in the OpenAPI spec). The spec marks `asset_marginable` required, but Alpaca's own
 * documentation examples omit it, so it is optional here; `qty_available` likewise.
 *
 * @example
 * alpacaPosition.parse(positionJson).qty // → "5"
 * @see https://docs.alpaca.markets/reference/getallopenpositions
 */
export const alpacaPosition = z.looseObject({
  asset_id: z.string(),
  symbol: z.string().min(1),
  exchange: z.string(),
  asset_class: alpacaAssetClass,
  avg_entry_price: decimalString,
  qty: decimalString,
  qty_available: decimalString.optional(),
  side: z.enum(["long", "short"]),
  market_value: decimalString,
  cost_basis: decimalString,
  unrealized_pl: decimalString,
  unrealized_plpc: decimalString,
  unrealized_intraday_pl: decimalString,
  unrealized_intraday_plpc: decimalString,
  current_price: decimalString,
  lastday_price: decimalString,
  change_today: decimalString,
  asset_marginable: z.boolean().optional(),
});
/** A parsed Alpaca position. */
export type AlpacaPosition = z.infer<typeof alpacaPosition>;
