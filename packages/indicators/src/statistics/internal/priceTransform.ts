/**
 * Private kernel of TA-Lib's price transforms (TYPPRICE, WCLPRICE, AVGPRICE, MEDPRICE): one weighted-price formula
 * with a loop-invariant selector, one streaming base and one column loop, so the four public classes and
 * functions are thin wrappers. The arithmetic is TA-Lib's, operation for operation (bit-identical).
 */
import type { BarInput, StreamingIndicator } from "../../indicator.js";

/** `(high + low + close)/3`. */
export const PRICE_TYP = 0;
/** `(high + low + 2·close)/4`. */
export const PRICE_WCL = 1;
/** `(high + low + close + open)/4`. */
export const PRICE_AVG = 2;
/** `(high + low)/2`. */
export const PRICE_MED = 3;
export type PriceKind = typeof PRICE_TYP | typeof PRICE_WCL | typeof PRICE_AVG | typeof PRICE_MED;

/** The selected price of one bar (fields a kind does not read are ignored). */
export function weightedPrice(
  kind: PriceKind,
  open: number,
  high: number,
  low: number,
  close: number,
): number {
  switch (kind) {
    case PRICE_TYP:
      return (high + low + close) / 3.0;
    case PRICE_WCL:
      return (high + low + close * 2.0) / 4.0;
    case PRICE_AVG:
      return (high + low + close + open) / 4.0;
    default:
      return (high + low) / 2.0;
  }
}

/** Streaming base of the four price transforms: stateless apart from `value`/`isReady`; lookback 0. */
export abstract class PriceTransform implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private readonly kind: PriceKind;
  private n = 0;
  private out = Number.NaN;
  protected constructor(kind: PriceKind) {
    this.kind = kind;
  }
  /** Consumes one bar given as numbers (the subclasses' `step`). */
  protected put(open: number, high: number, low: number, close: number): number {
    this.n++;
    this.out = weightedPrice(this.kind, open, high, low, close);
    return this.out;
  }
  update(bar: BarInput): number {
    return this.put(bar.open ?? Number.NaN, bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    return weightedPrice(this.kind, bar.open ?? Number.NaN, bar.high, bar.low, bar.close);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > 0;
  }
  reset(): void {
    this.n = 0;
    this.out = Number.NaN;
  }
}

/** Columns of a price transform; `open` only for AVGPRICE, `close` not for MEDPRICE. */
export interface PriceColumns {
  readonly open?: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close?: Float64Array;
}

/** The vectorized face: one loop per kind (the selector is hoisted out of the loop). Allocates the output only. */
export function priceSeries(kind: PriceKind, bars: PriceColumns): Float64Array {
  const { high: H, low: L } = bars;
  const n = H.length;
  const out = new Float64Array(n);
  if (kind === PRICE_MED) {
    for (let i = 0; i < n; i++) out[i] = (H[i]! + L[i]!) / 2.0;
    return out;
  }
  const C = bars.close!;
  if (kind === PRICE_TYP) for (let i = 0; i < n; i++) out[i] = (H[i]! + L[i]! + C[i]!) / 3.0;
  else if (kind === PRICE_WCL) for (let i = 0; i < n; i++) out[i] = (H[i]! + L[i]! + C[i]! * 2.0) / 4.0;
  else {
    const O = bars.open!;
    for (let i = 0; i < n; i++) out[i] = (H[i]! + L[i]! + C[i]! + O[i]!) / 4.0;
  }
  return out;
}
