import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Fault, faultSchema } from "./fakeExchange.js";
import { FaultSchedule } from "./faultSchedule.js";

describe("FaultSchedule (faults at exact points of a fake venue's replay)", () => {
  it("fire(i) injects each fault once, at the first i ≥ its `at`, in `at` order whatever the order added", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 9 })), {
          maxLength: 20,
        }),
        fc.integer({ min: 1, max: 7 }),
        (pairs, step) => {
          const s = new FaultSchedule<Fault>(faultSchema);
          s.add(pairs.map(([at, count]) => ({ at, fault: { kind: "gap", count } })));
          const fired: [number, number][] = [];
          for (let i = 0; i <= 60; i += step)
            s.fire(i, (f) => fired.push([i, (f as { count: number }).count]));
          // Oracle: each fault fires at the first multiple of `step` at or after its `at`, stable by `at`.
          const want = [...pairs]
            .map(([at, count], k) => ({ at, count, k }))
            .sort((a, b) => a.at - b.at || a.k - b.k)
            .map(({ at, count }) => [Math.ceil(at / step) * step, count]);
          expect(fired).toEqual(want);
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it("add() validates every fault with the venue's schema (a ValidationError naming the fault)", () => {
    const s = new FaultSchedule<Fault>(faultSchema);
    expect(() => s.add([{ at: 1, fault: { kind: "explode" } as unknown as Fault }])).toThrow(/fault/);
    const fired: Fault[] = [];
    s.fire(10, (f) => fired.push(f));
    expect(fired).toEqual([]);
  });
});
