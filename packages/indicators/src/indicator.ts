/**
 * The streaming face shared by every indicator class. The vectorized function of the same indicator
 * (`sma(close, opts)` for `new Sma(opts)`) runs the same core and returns identical numbers.
 *
 * - `update(input)` consumes one observation and returns the current (primary) value, `NaN` until ready.
 * - `peek(input)` returns what `update(input)` would return, without changing state (the live bar still forming).
 * - Multi-output indicators return their primary output from `update`/`peek`/`value` and expose every output as
 *   a getter (`macd.signal`, `bbands.upper`), so nothing is allocated per update.
 * - Bar indicators take a {@link BarInput}; callers may reuse one object for every bar.
 */
export interface StreamingIndicator<In = number> {
  /** Consumes one observation; returns the current primary value (`NaN` during warm-up). Allocates nothing. */
  update(input: In): number;
  /** The value `update(input)` would return now, leaving the state untouched. */
  peek(input: In): number;
  /** The latest primary value (`NaN` during warm-up). */
  readonly value: number;
  /** True once the indicator has produced its first valid value. */
  readonly isReady: boolean;
  /** Number of inputs consumed before the first valid output (TA-Lib's lookback). */
  readonly lookback: number;
  /** Returns to the freshly-constructed state. */
  reset(): void;
}

/** One bar as a streaming bar indicator sees it. Only the fields an indicator needs are read. */
export interface BarInput {
  readonly open?: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume?: number;
}

/** Column inputs of vectorized bar indicators; a `Bars` object from @quantkit/core/@quantkit/data fits. */
export interface BarColumnsInput {
  readonly open?: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume?: Float64Array;
}

/** High, low and close columns: the input of TRANGE/ATR-like vectorized indicators (a `Bars` object fits). */
export interface HlcColumns {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}
