/**
 * Named intrabar path policies: the order in which a bar's open, high, low and close are assumed to have traded.
 * A bar only says which prices traded, not when, so a stop-loss and a take-profit both inside one bar need a stated
 * rule to decide which fired first.
 *
 * - `OHLC`: open → high → low → close.
 * - `OLHC`: open → low → high → close.
 * - `nearest-first`: the extreme nearer the open first (neutral; ties go high first).
 * - `pessimistic`: the extreme adverse to the position held at the start of the bar first (long → low first,
 *   short → high first; flat → `nearest-first`).
 * - `optimistic`: the favorable extreme first (long → high first, short → low first; flat → `nearest-first`).
 */
export type IntrabarPolicy = "OHLC" | "OLHC" | "nearest-first" | "pessimistic" | "optimistic";

/**
 * Every policy name, for zod enums and sweeps.
 *
 * @example
 * INTRABAR_POLICIES.includes("pessimistic") // → true
 */
export const INTRABAR_POLICIES: readonly IntrabarPolicy[] = [
  "OHLC",
  "OLHC",
  "nearest-first",
  "pessimistic",
  "optimistic",
];

/**
 * Writes the 4-point path of a bar into `out` (reused, no allocation) and returns it.
 *
 * @param position - signed position at the start of the bar (for `pessimistic` / `optimistic`).
 * @example
 * intrabarPath(10, 12, 9, 11, "OLHC", 0, new Float64Array(4)) // → [10, 9, 12, 11]
 */
export function intrabarPath(
  open: number,
  high: number,
  low: number,
  close: number,
  policy: IntrabarPolicy,
  position: number,
  out: Float64Array,
): Float64Array {
  let highFirst: boolean;
  switch (policy) {
    case "OHLC":
      highFirst = true;
      break;
    case "OLHC":
      highFirst = false;
      break;
    case "pessimistic":
      highFirst = position > 0 ? false : position < 0 ? true : high - open <= open - low;
      break;
    case "optimistic":
      highFirst = position > 0 ? true : position < 0 ? false : high - open <= open - low;
      break;
    default:
      highFirst = high - open <= open - low;
  }
  out[0] = open;
  out[1] = highFirst ? high : low;
  out[2] = highFirst ? low : high;
  out[3] = close;
  return out;
}

/**
 * Distance along the path (Σ |Δprice| from the open) at which `s·price` first reaches `≤ s·level`, or −1 if never.
 * `s = +1` looks for the price falling to the level (buy limit), `s = −1` rising to it (buy stop as a mirrored
 * limit). Starts looking at distance `from`.
 *
 * @example
 * firstReach(new Float64Array([10, 12, 9, 11]), 1, 9.5, 0) // → 4.5 (up 2, then down 2.5)
 */
export function firstReach(path: Float64Array, s: number, level: number, from: number): number {
  const lv = s * level;
  if (from <= 0 && s * path[0]! <= lv) return 0;
  let d0 = 0;
  for (let i = 1; i < 4; i++) {
    const a = s * path[i - 1]!;
    const b = s * path[i]!;
    const d1 = d0 + Math.abs(b - a);
    if (d1 >= from) {
      // the part of this segment where s·price ≤ lv is one interval [lo, hi] (possibly empty)
      let lo = 1;
      let hi = 0;
      if (a <= lv && b <= lv) {
        lo = d0;
        hi = d1;
      } else if (a <= lv) {
        lo = d0;
        hi = d0 + (lv - a);
      } else if (b <= lv) {
        lo = d0 + (a - lv);
        hi = d1;
      }
      if (lo <= hi) {
        const x = Math.max(lo, from);
        if (x <= hi) return x;
      }
    }
    d0 = d1;
  }
  return -1;
}

/**
 * Price on the path at distance `d` from the open (the last point when `d` is past the end).
 *
 * @example
 * priceAt(new Float64Array([10, 12, 9, 11]), 3) // → 11 (up 2 to 12, then down 1)
 */
export function priceAt(path: Float64Array, d: number): number {
  let acc = 0;
  for (let i = 1; i < 4; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const seg = Math.abs(b - a);
    if (acc + seg >= d) return seg === 0 ? a : a + ((b - a) * (d - acc)) / seg;
    acc += seg;
  }
  return path[3]!;
}

/**
 * Total path length Σ |Δprice|.
 *
 * @example
 * pathLength(new Float64Array([10, 12, 9, 11])) // → 7
 */
export function pathLength(path: Float64Array): number {
  return Math.abs(path[1]! - path[0]!) + Math.abs(path[2]! - path[1]!) + Math.abs(path[3]! - path[2]!);
}

/**
 * Minimum of `s·price` over the path from distance `from` to the end (used for limit eligibility after a stop
 * triggers).
 * @example
 * minFrom(new Float64Array([10, 12, 9, 11]), 1, 2) // → 9
 */
export function minFrom(path: Float64Array, s: number, from: number): number {
  let m = s * priceAt(path, from);
  let acc = 0;
  for (let i = 1; i < 4; i++) {
    acc += Math.abs(path[i]! - path[i - 1]!);
    if (acc > from) m = Math.min(m, s * path[i]!);
  }
  return m;
}
