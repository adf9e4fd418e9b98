import { Rng } from "@quantkit/core";
import { z } from "zod";

/**
 * Latency model: `fixedMs` plus a uniform seeded jitter in `[0, jitterMs)`, for acknowledgements and fill reports.
 *
 * @example
 * latencySchema.parse({ ackFixedMs: 5 }).fillFixedMs // → 0
 */
export const latencySchema = z
  .object({
    ackFixedMs: z.number().min(0).default(0),
    ackJitterMs: z.number().min(0).default(0),
    fillFixedMs: z.number().min(0).default(0),
    fillJitterMs: z.number().min(0).default(0),
  })
  .default({ ackFixedMs: 0, ackJitterMs: 0, fillFixedMs: 0, fillJitterMs: 0 });

/** Input form of {@link latencySchema}. */
export type LatencyOptions = z.input<typeof latencySchema>;

/**
 * Draws latencies from a seeded {@link Rng} stream so runs are reproducible.
 *
 * @example
 * new LatencyModel({ ackFixedMs: 5 }, 42).ack() // → 5
 */
export class LatencyModel {
  private readonly o: z.output<typeof latencySchema>;
  private readonly rng: Rng;
  /** @param seed - run seed; the model uses Rng stream 1. */
  constructor(options: LatencyOptions, seed: number) {
    this.o = latencySchema.parse(options);
    this.rng = new Rng(seed, 1);
  }
  /** Acknowledgement latency in ms. */
  ack(): number {
    return this.o.ackFixedMs + (this.o.ackJitterMs > 0 ? this.rng.next() * this.o.ackJitterMs : 0);
  }
  /** Fill-report latency in ms. */
  fill(): number {
    return this.o.fillFixedMs + (this.o.fillJitterMs > 0 ? this.rng.next() * this.o.fillJitterMs : 0);
  }
  /** True when fills are reported with zero latency (the kernel then applies them synchronously). */
  get zeroFillLatency(): boolean {
    return this.o.fillFixedMs === 0 && this.o.fillJitterMs === 0;
  }
}
