import { QuantkitError } from "./errors.js";

/** Finalizer of MurmurHash3: a bijective 32-bit mix with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;

/**
 * A seeded pseudo-random generator (xoshiro128**, period 2^128 − 1) addressed by `(seed, stream)`.
 *
 * Streams make parallel work reproducible: give path / task `i` the generator `new Rng(seed, i)` (or
 * `rng.stream(i)`) and its numbers are the same whichever worker runs it and however many workers there are.
 * The state is derived from `(seed, stream)` by hashing, so neighbouring streams are uncorrelated.
 *
 * @example
 * const rng = new Rng(42);
 * rng.next();          // → a float in [0, 1), the same on every run
 * new Rng(42, 7).next() === new Rng(42).stream(7).next(); // → true
 */
export class Rng {
  readonly seed: number;
  readonly streamId: number;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare = Number.NaN;

  /**
   * @param seed - any safe integer (negative allowed).
   * @param stream - independent stream index, a safe non-negative integer. @default 0
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed))
      throw new QuantkitError(`Invalid seed: expected a safe integer, got ${seed}`);
    if (!Number.isSafeInteger(stream) || stream < 0) {
      throw new QuantkitError(`Invalid stream: expected a non-negative safe integer, got ${stream}`);
    }
    this.seed = seed;
    this.streamId = stream;
    const seedLo = seed >>> 0;
    const seedHi = Math.floor(seed / TWO_POW_32) >>> 0;
    const streamLo = stream >>> 0;
    const streamHi = Math.floor(stream / TWO_POW_32) >>> 0;
    let h = fmix32(seedLo ^ 0x9e3779b9);
    h = fmix32(h ^ seedHi ^ 0x7f4a7c15);
    h = fmix32(h ^ streamLo ^ 0x3c6ef372);
    h = fmix32(h ^ streamHi ^ 0xa54ff53a);
    this.s0 = fmix32(h + 0x6a09e667);
    this.s1 = fmix32(h + 0xbb67ae85);
    this.s2 = fmix32(h + 0x3c6ef372);
    this.s3 = fmix32(h + 0xa54ff53a);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The generator of stream `index` under the same seed (independent of this generator's position). */
  stream(index: number): Rng {
    return new Rng(this.seed, index);
  }

  /** Next uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = rotl(n3, 11);
    this.s0 = n0 >>> 0;
    this.s1 = n1 >>> 0;
    this.s2 = n2 >>> 0;
    this.s3 = n3 >>> 0;
    return r;
  }

  /** Next double uniformly distributed in [0, 1) with 53 random bits. */
  next(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * TWO_POW_M53;
  }

  /** Uniform integer in [0, n) without modulo bias. */
  int(n: number): number {
    if (!(n >= 1) || !Number.isSafeInteger(n))
      throw new QuantkitError(`Rng.int: expected a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** Standard normal variate (Marsaglia polar method; the second variate of each pair is kept for the next call). */
  normal(): number {
    const spare = this.spare;
    if (!Number.isNaN(spare)) {
      this.spare = Number.NaN;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  /** Fills `out` with uniform [0, 1) doubles and returns it. */
  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.next();
    return out;
  }

  /** Fills `out` with standard normal variates and returns it. */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
