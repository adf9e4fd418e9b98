import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paramSpace, randomSearch } from "./paramSpace.js";
import { successiveHalving } from "./successiveHalving.js";

const space = paramSpace({ x: { float: [0, 1] }, y: { int: [1, 50] } });
const score = (p: Record<string, unknown>) =>
  -(((p.x as number) - 0.3) ** 2) - ((p.y as number) - 20) ** 2 / 2500;

describe("successiveHalving", () => {
  it("keeps ⌈k/eta⌉ per rung on fractions growing by eta up to 1: 27 → 9 → 3 → 1 on 1/27, 1/9, 1/3, 1", async () => {
    const fractions: number[] = [];
    const r = await successiveHalving(space, {
      n: 27,
      eta: 3,
      seed: 4,
      evaluate: async (ps, f) => {
        fractions.push(f);
        return ps.map(score);
      },
    });
    expect(r.rungs.map((g) => g.evaluated.length)).toEqual([27, 9, 3, 1]);
    expect(fractions.map((f) => Math.round(f * 27))).toEqual([1, 3, 9, 27]);
    expect(r.evaluations).toBe(40);
  });

  it("with a fraction-independent score it finds the best of the n sampled candidates (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer(),
        fc.boolean(),
        async (n, eta, seed, minimize) => {
          const sign = minimize ? -1 : 1;
          const r = await successiveHalving(space, {
            n,
            eta,
            seed,
            minimize,
            evaluate: async (ps) => ps.map((p) => sign * score(p)),
          });
          const all = randomSearch(space, n, seed);
          const bestScore = Math.max(...all.map(score));
          expect(sign * r.best!.score).toBe(bestScore);
          // each rung keeps ⌈k/eta⌉ and its candidates were in the previous rung
          for (let i = 1; i < r.rungs.length; i++) {
            const prev = r.rungs[i - 1]!.evaluated.map((e) => JSON.stringify(e.params));
            expect(r.rungs[i]!.evaluated.length).toBe(Math.ceil(prev.length / eta));
            for (const e of r.rungs[i]!.evaluated) expect(prev).toContain(JSON.stringify(e.params));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("is deterministic for a seed; NaN scores never survive over finite ones", async () => {
    const ev = async (ps: readonly Record<string, unknown>[]) =>
      ps.map((p) => ((p.y as number) % 2 === 0 ? Number.NaN : score(p)));
    const a = await successiveHalving(space, { n: 20, seed: 9, evaluate: ev });
    const b = await successiveHalving(space, { n: 20, seed: 9, evaluate: ev });
    expect(a).toEqual(b);
    expect(Number.isNaN(a.best!.score)).toBe(false);
  });

  it("rejects bad options and an evaluate returning the wrong number of scores", async () => {
    await expect(successiveHalving(space, { n: 0, seed: 1, evaluate: async () => [] })).rejects.toThrow(/n:/);
    await expect(
      successiveHalving(space, { n: 5, eta: 1, seed: 1, evaluate: async () => [] }),
    ).rejects.toThrow(/eta/);
    await expect(successiveHalving(space, { n: 5, seed: 1, evaluate: async () => [1] })).rejects.toThrow(
      /1 scores for 5/,
    );
  });
});
