import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bookUpdateDue } from "./bookUpdateDue.js";

describe("bookUpdateDue (book updates spread evenly over a replay's trades)", () => {
  it("a replay loop publishes every update once, in order, all before the last trade: update k just before trade ⌊(k + 1)·n / (m + 1)⌋", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), (n, m) => {
        const before: number[] = []; // trade index each update is published before
        let u = 0;
        for (let t = 0; t < n; t++) while (bookUpdateDue(u, m, t, n)) before[u++] = t;
        // Oracle in integer arithmetic: (k + 1)·n div (m + 1), always < n.
        const want = Array.from({ length: m }, (_, k) => {
          const x = (k + 1) * n;
          return (x - (x % (m + 1))) / (m + 1);
        });
        expect(u).toBe(m);
        expect(before).toEqual(want);
        for (const t of want) expect(t).toBeLessThan(n);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("bookUpdateDue(0, 1, 5, 10) is true and bookUpdateDue(0, 1, 4, 10) false; nothing is due past the last update", () => {
    expect(bookUpdateDue(0, 1, 5, 10)).toBe(true);
    expect(bookUpdateDue(0, 1, 4, 10)).toBe(false);
    expect(bookUpdateDue(1, 1, 9, 10)).toBe(false);
  });
});
