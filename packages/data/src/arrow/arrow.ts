import { type Bars, parseTimeframe, QuantkitError, type Timeframe } from "@quantkit/core";
import { Float64, type Table, tableFromArrays, type Vector } from "apache-arrow";

const COLUMNS = ["ts", "open", "high", "low", "close", "volume"] as const;

/**
 * Wraps bars as an Apache Arrow table without copying: each `Float64Array` column becomes a Float64 vector over
 * the same memory. The symbol and timeframe travel in the schema metadata (`quantkit.symbol`,
 * `quantkit.timeframe`); `ts` stays UTC epoch ms as Float64 (µs kept as fractions).
 *
 * @param bars - the bars.
 * @returns an Arrow `Table` with columns `ts, open, high, low, close, volume`.
 * @example
 * const t = toArrow(bars);
 * t.getChild("close")!.data[0]!.values === bars.close // → true (zero-copy)
 * @see https://arrow.apache.org/docs/js/functions/Arrow.dom.tableFromArrays.html
 */
export function toArrow(bars: Bars): Table {
  const table = tableFromArrays({
    ts: bars.ts,
    open: bars.open,
    high: bars.high,
    low: bars.low,
    close: bars.close,
    volume: bars.volume,
  });
  table.schema.metadata.set("quantkit.symbol", bars.symbol);
  table.schema.metadata.set("quantkit.timeframe", bars.timeframe);
  return table;
}

function column(table: Table, name: string): Float64Array {
  const v = table.getChild(name) as Vector | null;
  if (!v)
    throw new QuantkitError(
      `fromArrow: the table has no column "${name}" (columns: ${table.schema.names.join(", ")})`,
    );
  if (v.nullCount > 0)
    throw new QuantkitError(`fromArrow: column "${name}" has ${v.nullCount} nulls; bars have none`);
  const only = v.data.length === 1 ? v.data[0] : undefined;
  if (only && only.type instanceof Float64 && only.values instanceof Float64Array) {
    const values = only.values as Float64Array;
    return only.offset === 0 && values.length === only.length
      ? values
      : values.subarray(only.offset, only.offset + only.length);
  }
  const out = new Float64Array(v.length);
  let i = 0;
  for (const x of v) out[i++] = x === null ? Number.NaN : Number(x);
  return out;
}

/**
 * Reads bars from an Arrow table: zero-copy when a column is one Float64 chunk without nulls (the case for tables
 * made by {@link toArrow}), otherwise copied (other numeric types, several record batches). `ts` must be epoch ms.
 *
 * @param table - an Arrow table with columns `ts, open, high, low, close, volume`.
 * @param meta - symbol and timeframe when the schema metadata does not carry them.
 * @example
 * fromArrow(toArrow(bars)).close === bars.close // → true (same memory)
 */
export function fromArrow(table: Table, meta: { symbol?: string; timeframe?: Timeframe } = {}): Bars {
  const symbol = meta.symbol ?? table.schema.metadata.get("quantkit.symbol");
  const tf = meta.timeframe ?? table.schema.metadata.get("quantkit.timeframe");
  if (symbol === undefined || tf === undefined) {
    throw new QuantkitError(
      "fromArrow: give { symbol, timeframe }: the table's metadata does not carry them",
    );
  }
  const [ts, open, high, low, close, volume] = COLUMNS.map((c) => column(table, c));
  return {
    symbol,
    timeframe: parseTimeframe(tf),
    length: table.numRows,
    ts: ts!,
    open: open!,
    high: high!,
    low: low!,
    close: close!,
    volume: volume!,
  };
}
