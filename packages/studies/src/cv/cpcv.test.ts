import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomial, combinations, splitBoundaries } from "./combinations.js";
import { cpcv } from "./cpcv.js";

function members(ranges: readonly (readonly [number, number])[]): Set<number> {
  const s = new Set<number>();
  for (const [a, b] of ranges) for (let i = a; i < b; i++) s.add(i);
  return s;
}

const layout = fc
  .record({
    groups: fc.integer({ min: 2, max: 9 }),
    k: fc.integer({ min: 1, max: 8 }),
    extra: fc.integer({ min: 0, max: 60 }),
    purge: fc.integer({ min: 0, max: 6 }),
    embargo: fc.integer({ min: 0, max: 6 }),
  })
  .filter((l) => l.k < l.groups);

describe("combinations / splitBoundaries", () => {
  it("combinations(n, k) has C(n, k) distinct sorted subsets in lexicographic order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (n, k) => {
        if (k > n) return;
        const c = combinations(n, k);
        expect(c.length).toBe(binomial(n, k));
        const keys = c.map((x) => x.join(","));
        expect(new Set(keys).size).toBe(c.length);
        for (let i = 1; i < c.length; i++) {
          // lexicographic: first differing element increases
          const p = c[i - 1]!;
          const q = c[i]!;
          const j = p.findIndex((v, t) => v !== q[t]);
          expect(q[j]!).toBeGreaterThan(p[j]!);
        }
        for (const x of c) for (let t = 1; t < x.length; t++) expect(x[t]!).toBeGreaterThan(x[t - 1]!);
      }),
    );
    expect(binomial(16, 8)).toBe(12870);
  });

  it("splitBoundaries follows numpy.array_split sizes", () => {
    expect(splitBoundaries(10, 3)).toEqual([0, 4, 7, 10]);
    expect(splitBoundaries(9, 3)).toEqual([0, 3, 6, 9]);
    expect(() => splitBoundaries(3, 4)).toThrow(/groups/);
  });
});

describe("cpcv (combinatorial purged cross-validation)", () => {
  it("property: C(N,k) splits; each group is a test group in exactly C(N−1,k−1) splits; φ = C(N−1,k−1) paths", () => {
    fc.assert(
      fc.property(layout, (l) => {
        const n = l.groups + l.extra;
        const cv = cpcv({ length: n, groups: l.groups, testGroups: l.k, purge: l.purge, embargo: l.embargo });
        expect(cv.splits.length).toBe(binomial(l.groups, l.k));
        const phi = binomial(l.groups - 1, l.k - 1);
        expect(phi * l.groups).toBe(l.k * cv.splits.length); // φ = k/N·C(N,k)
        expect(cv.paths.length).toBe(phi);
        const count = new Array<number>(l.groups).fill(0);
        for (const s of cv.splits) for (const g of s.testGroups) count[g]!++;
        expect(count).toEqual(new Array<number>(l.groups).fill(phi));
        // every path covers every group with a split that tests it; every (split, group) pair used exactly once
        const used = new Set<string>();
        for (const path of cv.paths) {
          expect(path.length).toBe(l.groups);
          for (const [g, si] of path.entries()) {
            expect(cv.splits[si]!.testGroups).toContain(g);
            const key = `${si}:${g}`;
            expect(used.has(key)).toBe(false);
            used.add(key);
          }
        }
        expect(used.size).toBe(cv.splits.length * l.k);
        // groups tile [0, n)
        expect(cv.groups[0]![0]).toBe(0);
        expect(cv.groups.at(-1)![1]).toBe(n);
        for (let g = 1; g < l.groups; g++) expect(cv.groups[g]![0]).toBe(cv.groups[g - 1]![1]);
      }),
      { numRuns: 200 },
    );
  });

  it("property: no train index lies within `purge` before or `embargo` after a test index; everything else trains", () => {
    fc.assert(
      fc.property(layout, (l) => {
        const n = l.groups + l.extra;
        const cv = cpcv({ length: n, groups: l.groups, testGroups: l.k, purge: l.purge, embargo: l.embargo });
        for (const s of cv.splits) {
          const test = members(s.test);
          const train = members(s.train);
          // test = exactly the union of its groups
          const expected = new Set<number>();
          for (const g of s.testGroups)
            for (let i = cv.groups[g]![0]; i < cv.groups[g]![1]; i++) expected.add(i);
          expect(test).toEqual(expected);
          for (let i = 0; i < n; i++) {
            let forbidden = test.has(i);
            for (let d = 1; d <= l.purge && !forbidden; d++) forbidden = test.has(i + d); // label reaches test
            for (let d = 1; d <= l.embargo && !forbidden; d++) forbidden = test.has(i - d); // embargoed
            expect(train.has(i)).toBe(!forbidden);
          }
          // ranges ascending and non-overlapping
          for (const rs of [s.train, s.test]) {
            for (let j = 0; j < rs.length; j++) {
              expect(rs[j]![0]).toBeLessThan(rs[j]![1]);
              if (j > 0) expect(rs[j]![0]).toBeGreaterThan(rs[j - 1]![1] - 1);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("rejects testGroups ≥ groups", () => {
    expect(() => cpcv({ length: 10, groups: 3, testGroups: 3 })).toThrow(/testGroups/);
  });
});

describe("cpcv vs make_fixtures.py (boolean masks, AFML §12.4)", async () => {
  const { fixtures } = await import("../robustness/fixtures.testutil.js");
  for (const f of fixtures.cpcv) {
    it(`T=${f.length} N=${f.groups} k=${f.testGroups} purge=${f.purge} embargo=${f.embargo}: groups, splits and paths equal`, () => {
      const cv = cpcv({
        length: f.length,
        groups: f.groups,
        testGroups: f.testGroups,
        purge: f.purge,
        embargo: f.embargo,
      });
      expect(cv.groups).toEqual(f.groupBounds);
      expect(cv.splits.length).toBe(f.splits.length);
      for (const [i, s] of cv.splits.entries()) {
        const e = f.splits[i]!;
        expect(s.testGroups).toEqual(e.testGroups);
        expect([...members(s.test)].sort((a, b) => a - b)).toEqual(e.test);
        expect([...members(s.train)].sort((a, b) => a - b)).toEqual(e.train);
      }
      expect(cv.paths).toEqual(f.paths);
    });
  }
});
