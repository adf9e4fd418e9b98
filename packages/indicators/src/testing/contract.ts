/**
 * The shared contract every indicator registers in one line (call it from the indicator's test file):
 *
 * ```ts
 * indicatorContract({ name: "sma", input: "close", vectorized: sma, streaming: (o) => new Sma(o),
 *   options: [{ period: 5 }, { period: 20 }] });
 * ```
 *
 * With fast-check on random price series (random walks with ties, plus optional NaN bars) it asserts:
 * - streaming ≡ vectorized bit for bit (`Object.is` per element, NaNs included), for every output;
 * - the first valid output index equals the instance's `lookback` (TA-Lib's lookback), `isReady` flips there;
 * - `peek(x)` leaves `value` and every output untouched and equals the following `update(x)`;
 * - `reset()` then replay equals the first run (a fresh instance);
 * - NaN policy "propagate": a NaN bar at index k ≥ lookback gives a NaN primary output at k (never skipped/filled);
 * - the vectorized face does not modify its input;
 * - bad options throw a `ValidationError` naming the option, from both faces (with `strictKeys`, a misspelt key
 *   such as `peroid` is rejected rather than silently ignored).
 */
import { ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BarInput, StreamingIndicator } from "../indicator.js";

/** Which inputs an indicator consumes: `close` is a plain `Float64Array`, the others are bar columns. */
export type ContractInput = "close" | "hl" | "hlc" | "hlcv" | "ohlcv" | "cv";

/** Bar columns as the contract generates them (every field present). */
export interface ContractBars {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** What an indicator registers with {@link indicatorContract}. */
export interface ContractSpec<O> {
  /** Function name, used in test titles. */
  readonly name: string;
  /** `"close"`: `vectorized(close: Float64Array, o)` and `update(x: number)`; otherwise bar columns / a BarInput. */
  readonly input: ContractInput;
  // biome-ignore lint/suspicious/noExplicitAny: the contract drives every indicator signature.
  readonly vectorized: (input: any, options: O) => Float64Array | object;
  // biome-ignore lint/suspicious/noExplicitAny: the contract drives every indicator signature.
  readonly streaming: (options: O) => StreamingIndicator<any>;
  /** Option sets to test (each gets its own property runs). */
  readonly options: readonly O[];
  /** Multi-output indicators: the keys of the vectorized result, also getters on the streaming instance. */
  readonly outputs?: readonly string[];
  /** The output `update()` returns (defaults to `outputs[0]`). */
  readonly primary?: string;
  /** Bad option sets and the option path the `ValidationError` must name. `{ period: 0 }` and `{ period: 2.5 }`
   * are added automatically when the first option set has a `period`. */
  readonly invalid?: readonly { readonly options: unknown; readonly path: string }[];
  /** Also assert that a misspelt key (`peroid`) is rejected, i.e. the options schema is `.strict()`. */
  readonly strictKeys?: boolean;
  /** Maximum random series length (default 160). */
  readonly maxLength?: number;
  /** fast-check runs per option set and property (default 25). */
  readonly numRuns?: number;
}

interface Row {
  r: number;
  up: number;
  dn: number;
  o: number;
  v: number;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  r: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.double({ min: -0.05, max: 0.05, noNaN: true }) },
  ),
  up: fc.double({ min: 0.001, max: 0.03, noNaN: true }),
  dn: fc.double({ min: 0.001, max: 0.03, noNaN: true }),
  o: fc.double({ min: 0, max: 1, noNaN: true }),
  v: fc.double({ min: 1, max: 1e6, noNaN: true }),
});

/** Builds bar columns from random rows (a geometric random walk starting at 100; ties when r = 0). */
export function barsFromRows(rows: readonly Row[], nanAt = -1): ContractBars {
  const n = rows.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let c = 100;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    c = c * Math.exp(row.r);
    close[i] = c;
    high[i] = c * (1 + row.up);
    low[i] = c * (1 - row.dn);
    open[i] = low[i]! + row.o * (high[i]! - low[i]!);
    volume[i] = row.v;
  }
  if (nanAt >= 0 && nanAt < n) {
    open[nanAt] = high[nanAt] = low[nanAt] = close[nanAt] = volume[nanAt] = Number.NaN;
  }
  return { open, high, low, close, volume };
}

/** The arbitrary of random bar series used by the contract (exported so property tests can reuse it). */
export function barsArb(
  maxLength = 160,
  withNan = false,
): fc.Arbitrary<{ bars: ContractBars; nanAt: number }> {
  return fc
    .tuple(fc.array(rowArb, { minLength: 0, maxLength, size: "max" }), withNan ? fc.nat() : fc.constant(-1))
    .map(([rows, k]) => {
      const nanAt = k < 0 || rows.length === 0 ? -1 : k % rows.length;
      return { bars: barsFromRows(rows, nanAt), nanAt };
    });
}

function vectorInput(kind: ContractInput, bars: ContractBars): unknown {
  return kind === "close" ? bars.close : bars;
}

function outputsOf(
  res: Float64Array | object,
  keys: readonly string[] | undefined,
): Record<string, Float64Array> {
  if (res instanceof Float64Array) return { value: res };
  const result = res as Readonly<Record<string, unknown>>;
  if (!keys) throw new Error("multi-output indicator registered without `outputs`");
  const out: Record<string, Float64Array> = {};
  for (const k of keys) {
    const col = result[k];
    if (!(col instanceof Float64Array))
      throw new Error(`vectorized result has no Float64Array output "${k}"`);
    out[k] = col;
  }
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: reading named output getters.
function readOutputs(inst: any, keys: readonly string[] | undefined): number[] {
  return keys ? keys.map((k) => inst[k] as number) : [inst.value as number];
}

/** Runs a streaming instance over the bars with the peek check; returns the columns it produced. */
function runStreaming<O>(
  spec: ContractSpec<O>,
  inst: StreamingIndicator<unknown>,
  bars: ContractBars,
): Record<string, Float64Array> {
  const n = bars.close.length;
  const keys = spec.outputs;
  const names = keys ?? ["value"];
  const cols: Record<string, Float64Array> = {};
  for (const k of names) cols[k] = new Float64Array(n);
  const bar: { open: number; high: number; low: number; close: number; volume: number } = {
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
  };
  for (let i = 0; i < n; i++) {
    let x: number | BarInput;
    if (spec.input === "close") x = bars.close[i]!;
    else {
      bar.open = bars.open[i]!;
      bar.high = bars.high[i]!;
      bar.low = bars.low[i]!;
      bar.close = bars.close[i]!;
      bar.volume = bars.volume[i]!;
      x = bar;
    }
    const before = readOutputs(inst, keys);
    const valueBefore = inst.value;
    const peeked = inst.peek(x);
    const after = readOutputs(inst, keys);
    if (!Object.is(valueBefore, inst.value) || before.some((b, j) => !Object.is(b, after[j]))) {
      throw new Error(`${spec.name}: peek() changed the state at bar ${i}`);
    }
    const updated = inst.update(x);
    if (!Object.is(peeked, updated)) {
      throw new Error(`${spec.name}: peek() = ${peeked} but update() = ${updated} at bar ${i}`);
    }
    if (!Object.is(updated, inst.value)) {
      throw new Error(`${spec.name}: update() returned ${updated} but value is ${inst.value} at bar ${i}`);
    }
    const now = readOutputs(inst, keys);
    for (let j = 0; j < names.length; j++) cols[names[j]!]![i] = now[j]!;
    const primaryKey = keys ? (spec.primary ?? keys[0]!) : "value";
    if (!Object.is(cols[primaryKey]![i], updated)) {
      throw new Error(
        `${spec.name}: update() returned ${updated} but output ${primaryKey} is ${cols[primaryKey]![i]}`,
      );
    }
  }
  return cols;
}

function firstBitMismatch(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function assertSameColumns(
  what: string,
  a: Record<string, Float64Array>,
  b: Record<string, Float64Array>,
  names: readonly string[],
): void {
  for (const k of names) {
    const i = firstBitMismatch(a[k]!, b[k]!);
    if (i === -2) throw new Error(`${what}: output ${k} lengths differ (${a[k]!.length} vs ${b[k]!.length})`);
    if (i >= 0) throw new Error(`${what}: output ${k} differs at ${i}: ${a[k]![i]} vs ${b[k]![i]}`);
  }
}

function copyBars(b: ContractBars): ContractBars {
  return {
    open: b.open.slice(),
    high: b.high.slice(),
    low: b.low.slice(),
    close: b.close.slice(),
    volume: b.volume.slice(),
  };
}

/**
 * Registers the shared contract tests for one indicator (see the module comment for what is asserted).
 *
 * @example
 * indicatorContract({ name: "ema", input: "close", vectorized: ema, streaming: (o) => new Ema(o),
 *   options: [{ period: 5 }, { period: 10, seed: "first" }] });
 */
export function indicatorContract<O>(spec: ContractSpec<O>): void {
  const names = spec.outputs ?? ["value"];
  const primaryKey = spec.outputs ? (spec.primary ?? spec.outputs[0]!) : "value";
  const maxLength = spec.maxLength ?? 160;
  const numRuns = spec.numRuns ?? 25;

  describe(`${spec.name} contract`, () => {
    for (const options of spec.options) {
      const label = JSON.stringify(options);

      it(`${spec.name}(${label}): streaming ≡ vectorized bit for bit, first valid index = lookback, peek is pure, reset replays`, () => {
        fc.assert(
          fc.property(barsArb(maxLength, false), ({ bars }) => {
            const pristine = copyBars(bars);
            const vec = outputsOf(spec.vectorized(vectorInput(spec.input, bars), options), spec.outputs);
            const inst = spec.streaming(options);
            const lookback = inst.lookback;
            if (inst.isReady) throw new Error(`${spec.name}: fresh instance isReady`);
            const str = runStreaming(spec, inst, bars);
            assertSameColumns(`${spec.name}(${label}) streaming vs vectorized`, str, vec, names);
            assertSameColumns(`${spec.name}(${label}) input mutated`, { ...bars }, { ...pristine }, [
              "open",
              "high",
              "low",
              "close",
              "volume",
            ]);
            const primary = vec[primaryKey]!;
            const n = primary.length;
            for (let i = 0; i < Math.min(lookback, n); i++) {
              if (!Number.isNaN(primary[i]!)) {
                throw new Error(
                  `${spec.name}(${label}): output ${i} is ${primary[i]} before lookback ${lookback}`,
                );
              }
            }
            if (n > lookback && Number.isNaN(primary[lookback]!)) {
              throw new Error(`${spec.name}(${label}): output at lookback ${lookback} is NaN`);
            }
            if (inst.isReady !== n > lookback) {
              throw new Error(
                `${spec.name}(${label}): isReady=${inst.isReady} after ${n} inputs, lookback ${lookback}`,
              );
            }
            inst.reset();
            if (inst.isReady || !Number.isNaN(inst.value))
              throw new Error(`${spec.name}: reset() left state`);
            const replay = runStreaming(spec, inst, bars);
            assertSameColumns(`${spec.name}(${label}) reset+replay vs first run`, replay, str, names);
          }),
          { numRuns },
        );
      });

      it(`${spec.name}(${label}) propagates a NaN bar to its output and stays bit-identical across faces`, () => {
        fc.assert(
          fc.property(barsArb(maxLength, true), ({ bars, nanAt }) => {
            const vec = outputsOf(spec.vectorized(vectorInput(spec.input, bars), options), spec.outputs);
            const inst = spec.streaming(options);
            const str = runStreaming(spec, inst, bars);
            assertSameColumns(`${spec.name}(${label}) with NaN at ${nanAt}`, str, vec, names);
            if (nanAt >= inst.lookback && !Number.isNaN(vec[primaryKey]![nanAt]!)) {
              throw new Error(
                `${spec.name}(${label}): NaN input at ${nanAt} gave ${vec[primaryKey]![nanAt]}`,
              );
            }
          }),
          { numRuns },
        );
      });
    }

    const invalid = [...(spec.invalid ?? [])];
    const first = spec.options[0] as Record<string, unknown> | undefined;
    if (first && typeof first.period === "number") {
      invalid.push({ options: { ...first, period: 0 }, path: "period" });
      invalid.push({ options: { ...first, period: 2.5 }, path: "period" });
      // A misspelt option must not silently fall back to the default (strict schemas).
      if (spec.strictKeys) invalid.push({ options: { ...first, peroid: 5 }, path: "" });
    }
    if (invalid.length > 0) {
      it(`${spec.name} rejects bad options with a ValidationError naming the option`, () => {
        const sample = barsFromRows(
          Array.from({ length: 10 }, (_, i) => ({
            r: 0.01 * Math.sin(i),
            up: 0.01,
            dn: 0.01,
            o: 0.5,
            v: 1000,
          })),
        );
        for (const bad of invalid) {
          for (const face of ["vectorized", "streaming"] as const) {
            let thrown: unknown;
            try {
              if (face === "vectorized") spec.vectorized(vectorInput(spec.input, sample), bad.options as O);
              else spec.streaming(bad.options as O);
            } catch (e) {
              thrown = e;
            }
            expect(thrown, `${face} ${JSON.stringify(bad.options)}`).toBeInstanceOf(ValidationError);
            const paths = (thrown as ValidationError).issues.map((i) => i.path);
            expect(paths, `${face} ${JSON.stringify(bad.options)}`).toContain(bad.path);
          }
        }
      });
    }
  });
}
