import { Rng } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf } from "./distributions.js";
import { NormalStream } from "./normal-stream.js";

describe("NormalStream", () => {
  const n = 400_000;
  const z = new NormalStream(2024, 3).fillNormal(new Float64Array(n));

  it("fillNormal(out) passes a Kolmogorov–Smirnov test against Φ (D < 1.63/√n, α = 1 %)", () => {
    const s = Float64Array.from(z).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(s[i]!);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it("moments: mean 0, variance 1, skewness 0, kurtosis 3 within 4 standard errors; tails beyond the ziggurat base", () => {
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    let beyond = 0;
    for (const v of z) {
      m1 += v;
      m2 += v * v;
      m3 += v ** 3;
      m4 += v ** 4;
      if (Math.abs(v) > 3.6541528853610088) beyond++;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m3 / n)).toBeLessThan(4 * Math.sqrt(15 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
    // P(|Z| > 3.654) = 2.58e-4: the tail algorithm is exercised and correctly weighted
    const expected = 2 * (1 - normalCdf(3.6541528853610088)) * n;
    expect(Math.abs(beyond - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it("fillNormal and normal() give the same sequence; a stream is reproducible and addressed by (seed, stream)", () => {
    const a = new NormalStream(7, 1);
    const b = new NormalStream(7, 1);
    const filled = a.fillNormal(new Float64Array(5000));
    for (let i = 0; i < 5000; i++) expect(b.normal()).toBe(filled[i]);
    const c = new NormalStream(7, 2).fillNormal(new Float64Array(5));
    expect(c[0]).not.toBe(filled[0]);
    expect(new NormalStream(7, 1).reseed(7, 2).fillNormal(new Float64Array(5))).toEqual(c);
  });

  it("its state comes from core's Rng(seed, stream).nextUint32()", () => {
    const rng = new Rng(5, 9);
    const s = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    // xoshiro128** first output from that state: rotl(s1·5, 7)·9
    const s1 = s[1]! | 0;
    const x = Math.imul(s1, 5);
    const expected = Math.imul((x << 7) | (x >>> 25), 9);
    expect(new NormalStream(5, 9).nextInt32()).toBe(expected);
  });

  it("reseed(seed, stream) derives the same state as core's Rng for any seed and stream (property), and validates", () => {
    // reference: core's Rng gives the four state words, then plain xoshiro128** from them
    const reference = (seed: number, stream: number, n: number): number[] => {
      const rng = new Rng(seed, stream);
      const st = [0, 0, 0, 0].map(() => rng.nextUint32() | 0) as [number, number, number, number];
      if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const x = Math.imul(st[1], 5);
        out.push(Math.imul((x << 7) | (x >>> 25), 9));
        const t = st[1] << 9;
        st[2] ^= st[0];
        st[3] ^= st[1];
        st[1] ^= st[2];
        st[0] ^= st[3];
        st[2] ^= t;
        st[3] = (st[3] << 11) | (st[3] >>> 21);
      }
      return out;
    };
    const seeds = fc.oneof(
      fc.integer(),
      fc.maxSafeInteger(),
      fc.integer({ min: 0, max: 2 ** 40 }).map((v) => -v),
    );
    const streams = fc.oneof(fc.nat(), fc.maxSafeNat());
    const reused = new NormalStream(0, 0);
    fc.assert(
      fc.property(seeds, streams, seeds, (seed, stream, other) => {
        const fresh = new NormalStream(seed, stream);
        const a = Array.from({ length: 6 }, () => fresh.nextInt32());
        // a stream reseeded from another seed (the cached seed hash must be refreshed)
        reused.reseed(other, stream).reseed(seed, stream);
        const b = Array.from({ length: 6 }, () => reused.nextInt32());
        const ref = reference(seed, stream, 6);
        return a.every((v, i) => v === ref[i]) && b.every((v, i) => v === ref[i]);
      }),
      { numRuns: 2000 },
    );
    expect(() => new NormalStream(0.5, 1)).toThrow(/seed/);
    expect(() => new NormalStream(1, -1)).toThrow(/stream/);
    expect(() => new NormalStream(1, 0).reseed(1, 2 ** 53)).toThrow(/stream/);
  });

  it("uniform() is in [0, 1) with mean ½; gamma(k) has mean k; unitStudentT has variance 1; poisson(λ) mean λ", () => {
    const g = new NormalStream(1, 0);
    const N = 100_000;
    let u = 0;
    let ga = 0;
    let t2 = 0;
    let po = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const v = g.uniform();
      if (!(v >= 0 && v < 1)) outside++;
      u += v;
      ga += g.gamma(2.5);
      const t = g.unitStudentT(8);
      t2 += t * t;
      po += g.poisson(0.3);
    }
    expect(outside).toBe(0);
    expect(Math.abs(u / N - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(ga / N - 2.5)).toBeLessThan(4 * Math.sqrt(2.5 / N));
    expect(Math.abs(t2 / N - 1)).toBeLessThan(0.05);
    expect(Math.abs(po / N - 0.3)).toBeLessThan(4 * Math.sqrt(0.3 / N));
    expect(g.gamma(0.5)).toBeGreaterThan(0);
  });
});
