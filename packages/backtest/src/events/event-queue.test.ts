import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue.js";

describe("EventQueue", () => {
  it("pops by (ts, seq): equal timestamps keep push order", () => {
    const q = new EventQueue<string>(4);
    q.push(20, "b");
    q.push(10, "a");
    q.push(10, "c");
    expect([q.pop(), q.pop(), q.pop(), q.pop()]).toEqual(["a", "c", "b", undefined]);
  });

  it("pop order equals a stable sort by ts of the pushed items (property, with interleaved pops)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }),
        (ops) => {
          const q = new EventQueue<number>(2);
          const ref: { ts: number; id: number }[] = [];
          const got: number[] = [];
          const want: number[] = [];
          ops.forEach(([ts, popNow], id) => {
            q.push(ts, id);
            ref.push({ ts, id });
            if (popNow) {
              ref.sort((a, b) => a.ts - b.ts || a.id - b.id);
              want.push(ref.shift()!.id);
              got.push(q.pop()!);
            }
          });
          ref.sort((a, b) => a.ts - b.ts || a.id - b.id);
          while (q.size > 0) got.push(q.pop()!);
          for (const r of ref) want.push(r.id);
          expect(got).toEqual(want);
        },
      ),
    );
  });

  it("reports peekTs, poppedTs and poppedSeq", () => {
    const q = new EventQueue<string>();
    expect(q.peekTs()).toBe(Number.POSITIVE_INFINITY);
    q.push(7, "x");
    q.push(3, "y");
    expect(q.peekTs()).toBe(3);
    q.pop();
    expect(q.poppedTs).toBe(3);
    expect(q.poppedSeq).toBe(1);
  });
});
