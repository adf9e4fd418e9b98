import { parseWith } from "@quantkit/core";
import type { z } from "zod";

/**
 * Faults a fake venue injects at exact points of its replay: each just before the trade with index `at` (0-based)
 * is published, whatever the load of the machine (a timer checking the published count can fire late and bunch
 * faults together).
 *
 * @example
 * const s = new FaultSchedule(faultSchema);
 * s.add([{ at: 3000, fault: { kind: "disconnect" } }, { at: 2500, fault: { kind: "gap", count: 123 } }]);
 * s.fire(2500, inject) // injects the gap only
 * @see https://zod.dev/api#discriminated-unions
 */
export class FaultSchedule<F> {
  private readonly schema: z.ZodType<F>;
  private readonly queue: { at: number; fault: F }[] = [];

  /** @param schema - validates each fault as it is added. */
  constructor(schema: z.ZodType<F>) {
    this.schema = schema;
  }

  /**
   * Adds faults (validated), keeping them sorted by `at`.
   * @param faults - `{ at, fault }` pairs, any order.
   */
  add(faults: readonly { at: number; fault: F }[]): void {
    for (const f of faults) this.queue.push({ at: f.at, fault: parseWith(this.schema, f.fault, "fault") });
    this.queue.sort((a, b) => a.at - b.at);
  }

  /**
   * Injects, in order, every fault due before the trade with index `published`.
   * @param published - index of the trade about to be published.
   * @param inject - injects one fault.
   */
  fire(published: number, inject: (fault: F) => void): void {
    while (this.queue.length > 0 && this.queue[0]!.at <= published) inject(this.queue.shift()!.fault);
  }
}
