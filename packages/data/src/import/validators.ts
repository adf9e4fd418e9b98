import { bucketStart, type Timeframe } from "@quantkit/core";
import type { FieldRule } from "./parseCsv.js";

/** Value columns of a bar file, in storage order. */
export const BAR_FIELDS: readonly FieldRule[] = [
  { name: "open", optional: false, parse: "number" },
  { name: "high", optional: false, parse: "number" },
  { name: "low", optional: false, parse: "number" },
  { name: "close", optional: false, parse: "number" },
  { name: "volume", optional: false, parse: "number" },
];

/** Value columns of a trade file, in storage order. */
export const TRADE_FIELDS: readonly FieldRule[] = [
  { name: "price", optional: false, parse: "number" },
  { name: "size", optional: false, parse: "number" },
  { name: "side", optional: true, parse: "side" },
];

/** Value columns of a quote file, in storage order. */
export const QUOTE_FIELDS: readonly FieldRule[] = [
  { name: "bid", optional: false, parse: "number" },
  { name: "ask", optional: false, parse: "number" },
  { name: "bidSize", optional: true, parse: "number" },
  { name: "askSize", optional: true, parse: "number" },
];

const fmt = (v: number) => String(v);

function price(name: string, v: number, allowNonPositive: boolean, reasons: string[]): void {
  if (Number.isNaN(v)) reasons.push(`${name}: NaN`);
  else if (!allowNonPositive && v <= 0) reasons.push(`${name}: expected > 0, got ${fmt(v)}`);
}

function amount(name: string, v: number, present: boolean, reasons: string[]): void {
  if (Number.isNaN(v)) {
    if (present) reasons.push(`${name}: NaN`);
  } else if (v < 0) reasons.push(`${name}: expected ≥ 0, got ${fmt(v)}`);
}

/** Options of {@link barValidator}. */
export interface BarRules {
  readonly timeframe: Timeframe;
  /** IANA zone whose calendar aligns daily/weekly (and intraday) bars. */
  readonly alignZone: string;
  readonly allowNonPositivePrices: boolean;
}

/**
 * Row checks of a bar: finite positive prices, volume ≥ 0, `low ≤ min(open, close) ≤ max(open, close) ≤ high`,
 * and `ts` on a bar boundary of the timeframe. Each failure names the field and the value.
 *
 * @param rules - {@link BarRules}.
 * @example
 * const reasons: string[] = [];
 * barValidator({ timeframe: "1d", alignZone: "UTC", allowNonPositivePrices: false })(0, new Float64Array([1, 0.9, 1, 1, 5]), reasons, new Uint8Array([1,1,1,1,1]));
 * reasons // → ["high: expected ≥ low (1), got 0.9", "high: expected ≥ max(open, close) (1), got 0.9"]
 */
export function barValidator(rules: BarRules) {
  return (ts: number, v: Float64Array, reasons: string[], present: Uint8Array): void => {
    const o = v[0]!;
    const h = v[1]!;
    const l = v[2]!;
    const c = v[3]!;
    price("open", o, rules.allowNonPositivePrices, reasons);
    price("high", h, rules.allowNonPositivePrices, reasons);
    price("low", l, rules.allowNonPositivePrices, reasons);
    price("close", c, rules.allowNonPositivePrices, reasons);
    amount("volume", v[4]!, present[4] === 1, reasons);
    if (reasons.length > 0) return;
    if (h < l) reasons.push(`high: expected ≥ low (${fmt(l)}), got ${fmt(h)}`);
    if (h < Math.max(o, c))
      reasons.push(`high: expected ≥ max(open, close) (${fmt(Math.max(o, c))}), got ${fmt(h)}`);
    if (l > Math.min(o, c))
      reasons.push(`low: expected ≤ min(open, close) (${fmt(Math.min(o, c))}), got ${fmt(l)}`);
    const b = bucketStart(ts, rules.timeframe, { timezone: rules.alignZone });
    if (b !== ts) {
      reasons.push(
        `ts: ${new Date(ts).toISOString()} is not the open of a ${rules.timeframe} bar in ${rules.alignZone} (nearest open ${new Date(b).toISOString()})`,
      );
    }
  };
}

/**
 * Row checks of a trade: price finite and > 0, size finite and ≥ 0.
 *
 * @example
 * const r: string[] = []; tradeValidator(0, new Float64Array([100, -1, 1]), r, new Uint8Array([1, 1, 1])); r // → ["size: expected ≥ 0, got -1"]
 */
export function tradeValidator(_ts: number, v: Float64Array, reasons: string[], present: Uint8Array): void {
  price("price", v[0]!, false, reasons);
  amount("size", v[1]!, present[1] === 1, reasons);
}

/**
 * Row checks of a quote: bid and ask finite and > 0, not crossed (bid ≤ ask), sizes ≥ 0 when present.
 *
 * @example
 * const r: string[] = []; quoteValidator(0, new Float64Array([1.2, 1.1, NaN, NaN]), r, new Uint8Array([1, 1, 0, 0])); r // → ["bid: expected ≤ ask (1.1), got 1.2 (crossed quote)"]
 */
export function quoteValidator(_ts: number, v: Float64Array, reasons: string[], present: Uint8Array): void {
  price("bid", v[0]!, false, reasons);
  price("ask", v[1]!, false, reasons);
  amount("bidSize", v[2]!, present[2] === 1, reasons);
  amount("askSize", v[3]!, present[3] === 1, reasons);
  if (reasons.length === 0 && v[0]! > v[1]!)
    reasons.push(`bid: expected ≤ ask (${fmt(v[1]!)}), got ${fmt(v[0]!)} (crossed quote)`);
}
