import type { Rng } from "@quantkit/core";

/** Exponential backoff settings: delay = min(maxMs, baseMs · 2^attempt), then "equal jitter" (half fixed, half random). */
export interface BackoffOptions {
  /** First delay in ms; default 100. */
  readonly baseMs?: number;
  /** Cap in ms; default 5000. */
  readonly maxMs?: number;
}

/**
 * Delay before retry number `attempt` (0-based): capped exponential with equal jitter, drawn from a seeded
 * {@link Rng} so tests are reproducible.
 *
 * @param attempt - 0 for the first retry.
 * @param rng - jitter source.
 * @param options - {@link BackoffOptions}.
 * @example
 * backoffDelay(3, new Rng(1), { baseMs: 100, maxMs: 5000 }) // → a value in [400, 800)
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(attempt: number, rng: Rng, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 100;
  const max = options.maxMs ?? 5000;
  const d = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return d / 2 + (d / 2) * rng.next();
}
