import type { Clock } from "@quantkit/core";

/** Result of a health check: `ok` ⇔ HTTP 200; otherwise 503 with the failing checks in `reasons`. */
export interface HealthReport {
  readonly ok: boolean;
  readonly status: 200 | 503;
  readonly reasons: readonly string[];
  readonly checks: {
    readonly brokerConnected: boolean;
    /** Age of the newest market-data event (ms), NaN before the first. */
    readonly dataAgeMs: number;
    readonly dataFresh: boolean;
    /** The last critical error within the window, if any. */
    readonly lastCriticalError: { readonly ts: number; readonly message: string } | null;
  };
}

/** Options of {@link HealthMonitor}. */
export interface HealthOptions {
  /** Market data older than this is stale (ms, default 120,000). */
  readonly dataStaleMs?: number;
  /** A critical error makes the process unhealthy for this long (ms, default 300,000 = 5 min). */
  readonly criticalWindowMs?: number;
  /** Grace period after start before missing data counts as stale (ms, default = dataStaleMs). */
  readonly startGraceMs?: number;
}

/**
 * The `/health` logic: healthy when the broker is connected, market data is fresh and no critical error happened in
 * the last 5 minutes; otherwise unhealthy with one reason per failing check.
 *
 * @example
 * const h = new HealthMonitor(clock); h.setConnected(true); h.markData(clock.now());
 * h.report().status // → 200
 * @see https://datatracker.ietf.org/doc/html/draft-inadarei-api-health-check (health check response format)
 */
export class HealthMonitor {
  private connected = false;
  private lastData = Number.NaN;
  private lastCritical: { ts: number; message: string } | null = null;
  private readonly startedAt: number;
  private readonly staleMs: number;
  private readonly windowMs: number;
  private readonly graceMs: number;

  /** @param options - see {@link HealthOptions}. */
  constructor(
    private readonly clock: Clock,
    options: HealthOptions = {},
  ) {
    this.startedAt = clock.now();
    this.staleMs = options.dataStaleMs ?? 120_000;
    this.windowMs = options.criticalWindowMs ?? 300_000;
    this.graceMs = options.startGraceMs ?? this.staleMs;
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
  }

  /** Records the arrival time (kernel clock, ms) of a market-data event. */
  markData(ts: number): void {
    this.lastData = ts;
  }

  /** Records a critical error (strategy exception, journal failure, …). */
  critical(message: string, ts = this.clock.now()): void {
    this.lastCritical = { ts, message };
  }

  /** Time of the newest market-data event (NaN before the first). */
  get lastDataTs(): number {
    return this.lastData;
  }

  report(): HealthReport {
    const now = this.clock.now();
    const reasons: string[] = [];
    if (!this.connected) reasons.push("broker not connected");
    const age = now - this.lastData;
    const fresh = Number.isNaN(this.lastData) ? now - this.startedAt < this.graceMs : age <= this.staleMs;
    if (!fresh)
      reasons.push(
        Number.isNaN(this.lastData)
          ? `no market data since start (${Math.round((now - this.startedAt) / 1000)} s)`
          : `market data stale: last event ${Math.round(age / 1000)} s ago (limit ${this.staleMs / 1000} s)`,
      );
    const c =
      this.lastCritical !== null && now - this.lastCritical.ts <= this.windowMs ? this.lastCritical : null;
    if (c !== null) reasons.push(`critical error ${Math.round((now - c.ts) / 1000)} s ago: ${c.message}`);
    const ok = reasons.length === 0;
    return {
      ok,
      status: ok ? 200 : 503,
      reasons,
      checks: { brokerConnected: this.connected, dataAgeMs: age, dataFresh: fresh, lastCriticalError: c },
    };
  }
}
