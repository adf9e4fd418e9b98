/**
 * Time as a port: the backtester and live code read time only through a `Clock`, so the same kernel runs on
 * simulated time in a backtest and on the wall clock live.
 */
export interface Clock {
  /** Current time in UTC epoch milliseconds. */
  now(): number;
}

/**
 * A clock that moves only when told to: the backtester advances it to each event's timestamp.
 *
 * @example
 * const clock = new SimulatedClock(0); clock.advanceTo(1000); clock.now(); // → 1000
 */
export class SimulatedClock implements Clock {
  private t: number;
  constructor(start = 0) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  /** Moves time forward; moving backwards is a bug in the caller and throws. */
  advanceTo(t: number): void {
    if (t < this.t) throw new RangeError(`SimulatedClock cannot go back from ${this.t} to ${t}`);
    this.t = t;
  }
}

/**
 * The machine's wall clock, for live trading.
 *
 * @example
 * new WallClock().now() > 0 // → true
 */
export class WallClock implements Clock {
  now(): number {
    return Date.now();
  }
}
