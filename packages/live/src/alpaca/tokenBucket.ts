import type { Clock } from "@quantkit/core";

/**
 * A token bucket for client-side rate limiting (Alpaca allows 200 requests per minute per account): `capacity`
 * tokens refill continuously at `perMinute`. `reserve()` takes a token and says how long to wait before using it,
 * so callers queue fairly without busy-waiting; `blockUntil()` applies a server's 429 `Retry-After`.
 *
 * @example
 * const b = new TokenBucket({ perMinute: 60, capacity: 1 }, clock); b.reserve() // → 0, then b.reserve() // → 1000
 * @see https://docs.alpaca.markets/docs/trading-api (rate limit: 200/min)
 */
export class TokenBucket {
  private tokens: number;
  private at: number;
  private blockedUntil = Number.NEGATIVE_INFINITY;
  private readonly perMs: number;
  readonly capacity: number;
  private readonly clock: Clock;

  /**
   * @param options - `perMinute` refill rate; `capacity` burst size (default `perMinute`).
   * @param clock - time source (ms).
   */
  constructor(options: { perMinute: number; capacity?: number }, clock: Clock) {
    this.perMs = options.perMinute / 60_000;
    this.capacity = options.capacity ?? options.perMinute;
    this.tokens = this.capacity;
    this.clock = clock;
    this.at = clock.now();
  }

  /** Takes one token; returns the wait in ms before the request may be sent (0 = now). Tokens may go negative (queued). */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) * this.perMs);
    this.at = now;
    this.tokens -= 1;
    const wait = this.tokens >= 0 ? 0 : -this.tokens / this.perMs;
    return Math.max(wait, this.blockedUntil - now, 0);
  }

  /** Blocks every reservation until `t` (epoch ms), e.g. from a 429's `Retry-After` / `X-RateLimit-Reset`. */
  blockUntil(t: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, t);
    this.tokens = Math.min(this.tokens, 0);
  }
}
