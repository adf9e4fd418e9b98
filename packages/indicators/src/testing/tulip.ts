/**
 * Typed access to the `tulind` oracle (Tulip Indicators, compiled). Tulip's conventions differ from TA-Lib's
 * (EMA seeded with the first value, …): use it only where the convention matches.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type TulipCallback = (err: unknown, res: number[][]) => void;
interface TulipIndicator {
  indicator(inputs: number[][], options: number[], cb: TulipCallback): void;
}
/** The raw `tulind` module (CommonJS). */
export const tulind = require("tulind") as { indicators: Record<string, TulipIndicator> };

/**
 * Runs a Tulip indicator; outputs are padded at the front with NaN to the input length (Tulip starts after its
 * lookback). Tulip's callback runs synchronously.
 *
 * @example
 * tulipRun("ema", [close], [14])[0]; // full-length Float64Array
 */
export function tulipRun(
  name: string,
  inputs: readonly Float64Array[],
  options: readonly number[],
): Float64Array[] {
  const ind = tulind.indicators[name];
  if (!ind) throw new Error(`tulind has no indicator ${name}`);
  const n = inputs[0]!.length;
  let out: number[][] | undefined;
  let error: unknown;
  ind.indicator(
    inputs.map((x) => Array.from(x)),
    [...options],
    (e, r) => {
      error = e;
      out = r;
    },
  );
  if (error || !out) throw new Error(`tulind ${name} failed: ${String(error)}`);
  return out.map((col) => {
    const full = new Float64Array(n).fill(Number.NaN);
    full.set(col, n - col.length);
    return full;
  });
}
