/**
 * A Plotly figure as plain JSON: what `Plotly.newPlot(div, data, layout)` takes. Builders return this shape so
 * figures can be snapshot-tested, serialized into HTML reports and rendered to PNG/SVG without a browser in the
 * builder itself.
 */
export interface Figure {
  readonly data: readonly Trace[];
  readonly layout: Layout;
}

/** One Plotly trace (`scatter`, `candlestick`, `heatmap`, `histogram`, `bar`, …). Loosely typed on purpose. */
export interface Trace {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A Plotly layout object. */
export interface Layout {
  readonly title?: { readonly text: string } | string;
  readonly [key: string]: unknown;
}

/** Numeric column accepted by the builders. */
export type NumericColumn = Float64Array | readonly number[];

/**
 * Converts a column to a plain array, rounding to `digits` significant digits so specs are compact and stable
 * (snapshot tests compare them), and turning NaN into `null` (Plotly's gap).
 *
 * @example
 * toPlotArray(new Float64Array([1.23456789, Number.NaN]), 4) // → [1.235, null]
 */
export function toPlotArray(values: NumericColumn, digits = 10): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isFinite(v) ? Number(v.toPrecision(digits)) : null;
  }
  return out;
}

/**
 * Converts epoch-ms timestamps to ISO strings Plotly reads as dates (UTC, no zone shift in the browser).
 *
 * @example
 * toPlotDates(new Float64Array([0])) // → ["1970-01-01 00:00:00"]
 */
export function toPlotDates(ts: NumericColumn): string[] {
  const out: string[] = new Array(ts.length);
  for (let i = 0; i < ts.length; i++) {
    out[i] = new Date(ts[i] as number)
      .toISOString()
      .replace("T", " ")
      .replace(/\.000Z$|Z$/, "");
  }
  return out;
}
