import type { Clock } from "@quantkit/core";

/**
 * The fake broker's market clock: it stands at the close of the latest published bar, and moves only when the
 * replay steps (by hand with `step()`, or paced by `play()` at a speed factor). Order and event timestamps read it,
 * so a session is reproducible.
 *
 * @example
 * const c = new ReplayClock(0); c.advanceTo(60_000); c.now() // → 60000
 */
export class ReplayClock implements Clock {
  private t: number;
  /** @param start - initial time, UTC epoch ms. */
  constructor(start: number) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  /** Moves to `t` (never backwards: an earlier `t` is ignored). */
  advanceTo(t: number): void {
    if (t > this.t) this.t = t;
  }
}
