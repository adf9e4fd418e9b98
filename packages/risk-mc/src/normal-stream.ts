import { QuantkitError } from "@quantkit/core";

// Ziggurat tables (Marsaglia & Tsang 2000, 256 layers), built once at load.
const LAYERS = 256;
const R = 3.6541528853610088;
const AREA = 0.00492867323399;
const X = new Float64Array(LAYERS + 1);
const F = new Float64Array(LAYERS + 1);
const RATIO = new Float64Array(LAYERS);
/** X with the sign folded in: SIGNED_X[i | 256] = −X[i], so the fast path picks the sign without a branch. */
const SIGNED_X = new Float64Array(2 * LAYERS);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  X[0] = AREA / f(R);
  X[1] = R;
  for (let i = 2; i < LAYERS; i++) X[i] = Math.sqrt(-2 * Math.log(AREA / X[i - 1]! + f(X[i - 1]!)));
  X[LAYERS] = 0;
  for (let i = 0; i <= LAYERS; i++) F[i] = f(X[i]!);
  for (let i = 0; i < LAYERS; i++) RATIO[i] = X[i + 1]! / X[i]!;
  for (let i = 0; i < LAYERS; i++) {
    SIGNED_X[i] = X[i]!;
    SIGNED_X[i + LAYERS] = -X[i]!;
  }
}
const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;
const TWO_POW_M21 = 1 / 2097152;

/** MurmurHash3's finalizer as in core's `Rng` (signed int32 result, same bits). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The draw (uniform, first 32-bit output) at which {@link fastFill} left the fast path. */
const SLOW = new Float64Array(2);

/**
 * The ziggurat's fast path as a free function (V8 optimizes it much better than the same loop inside a method that
 * also calls the slow path): fills `out[k..end)` until done or until a draw falls outside its layer's rectangle,
 * whose values it leaves in `SLOW`; returns the next index to fill. State is read from and written back to `s`.
 */
function fastFill(s: Int32Array, out: Float64Array, k: number, end: number): number {
  let s0 = s[0]!;
  let s1 = s[1]!;
  let s2 = s[2]!;
  let s3 = s[3]!;
  while (k < end) {
    const a = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    const b = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    const i = a & 0xff;
    // = ((a >>> 11)·2^32 + b)·2^-53 exactly (both terms and their sum are exact), one dependent step shorter
    const u = (a >>> 11) * TWO_POW_M21 + (b >>> 0) * TWO_POW_M53;
    // bit 8 is the sign: u·(−X[i]) = −(u·X[i]) exactly, without a 50 %-mispredicted branch
    if (u < RATIO[i]!) {
      out[k++] = u * SIGNED_X[a & 0x1ff]!;
      continue;
    }
    SLOW[0] = u;
    SLOW[1] = a;
    break;
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
  return k;
}

/**
 * A fast stream of uniform and normal variates for Monte Carlo inner loops, addressed like core's `Rng`.
 *
 * `new NormalStream(seed, stream)` takes its 128-bit state from four `nextUint32()` draws of core's
 * `new Rng(seed, stream)` and then runs the same xoshiro128** recurrence in signed 32-bit arithmetic kept in
 * local variables (core's `Rng` stores unsigned state that V8 boxes, ~10 ns per draw). Normals come from the
 * 256-layer ziggurat (Marsaglia & Tsang 2000) using two 32-bit outputs per draw: 8 bits pick the layer, 1 bit the
 * sign and 53 bits the uniform, so layer and value never share bits (Doornik 2005). Path `i` of a simulation uses
 * `new NormalStream(seed, i)`, so its numbers do not depend on which worker runs it.
 *
 * @example
 * const z = new NormalStream(42, 7).fillNormal(new Float64Array(252));
 * // → 252 standard normal draws, identical on every run and every worker
 * @see https://doi.org/10.18637/jss.v005.i08 (Marsaglia & Tsang, The Ziggurat Method for Generating Random Variables)
 */
export class NormalStream {
  private readonly s = new Int32Array(4);

  /**
   * @param seed - safe integer seed (as for `Rng`).
   * @param stream - non-negative safe integer stream index. @default 0
   */
  constructor(seed: number, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Seed whose hash is cached in {@link NormalStream.seedHash} (NaN: none yet). */
  private hashedSeed = Number.NaN;
  private seedHash = 0;

  /**
   * Re-initializes this stream to `(seed, stream)` without allocating: the state is the first four `nextUint32()`
   * outputs of core's `new Rng(seed, stream)`, derived here with the same hash and recurrence (no `Rng` object per
   * path; tested equal to core's for random seeds and streams) and the seed's half of the hash cached.
   *
   * @param seed - safe integer (negative allowed), as for `Rng`.
   * @param stream - non-negative safe integer.
   */
  reseed(seed: number, stream: number): this {
    if (seed !== this.hashedSeed) {
      if (!Number.isSafeInteger(seed))
        throw new QuantkitError(`Invalid seed: expected a safe integer, got ${seed}`);
      this.seedHash = fmix32(
        fmix32((seed >>> 0) ^ 0x9e3779b9) ^ (Math.floor(seed / TWO_POW_32) >>> 0) ^ 0x7f4a7c15,
      );
      this.hashedSeed = seed;
    }
    if (!Number.isSafeInteger(stream) || stream < 0) {
      throw new QuantkitError(`Invalid stream: expected a non-negative safe integer, got ${stream}`);
    }
    // core Rng's constructor: hash (seed, stream) into the xoshiro128** state …
    let h = fmix32(this.seedHash ^ (stream >>> 0) ^ 0x3c6ef372);
    h = fmix32(h ^ (Math.floor(stream / TWO_POW_32) >>> 0) ^ 0xa54ff53a);
    const s = this.s;
    s[0] = fmix32((h + 0x6a09e667) | 0);
    s[1] = fmix32((h + 0xbb67ae85) | 0);
    s[2] = fmix32((h + 0x3c6ef372) | 0);
    s[3] = fmix32((h + 0xa54ff53a) | 0);
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
    // … then four outputs of that generator become this stream's state
    const o0 = this.nextInt32();
    const o1 = this.nextInt32();
    const o2 = this.nextInt32();
    const o3 = this.nextInt32();
    s[0] = o0;
    s[1] = o1;
    s[2] = o2;
    s[3] = o3;
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
    return this;
  }

  /** Next 32-bit output as a signed int32. */
  nextInt32(): number {
    const s = this.s;
    let s0 = s[0]!;
    let s1 = s[1]!;
    let s2 = s[2]!;
    let s3 = s[3]!;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    return r;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextInt32() >>> 11;
    const b = this.nextInt32() >>> 0;
    return (a * TWO_POW_32 + b) * TWO_POW_M53;
  }

  /** Uniform integer in [0, n) (n ≤ 2^32), by multiplication of a 53-bit uniform. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** One standard normal variate (ziggurat). */
  normal(): number {
    for (;;) {
      const a = this.nextInt32();
      const b = this.nextInt32() >>> 0;
      const i = a & 0xff;
      const u = ((a >>> 11) * TWO_POW_32 + b) * TWO_POW_M53;
      if (u < RATIO[i]!) return u * SIGNED_X[a & 0x1ff]!;
      const x = this.slow(i, u);
      if (!Number.isNaN(x)) return (a & 0x100) !== 0 ? -x : x;
    }
  }

  /** Rejection part of the ziggurat: the base-layer tail and the wedges. NaN means "draw again". */
  private slow(i: number, u: number): number {
    if (i === 0) {
      let x: number;
      let y: number;
      do {
        x = -Math.log(1 - this.uniform()) / R;
        y = -Math.log(1 - this.uniform());
      } while (y + y < x * x);
      return R + x;
    }
    const x = u * X[i]!;
    const y = F[i]! + this.uniform() * (F[i + 1]! - F[i]!);
    return y < Math.exp(-0.5 * x * x) ? x : Number.NaN;
  }

  /**
   * Fills `out[offset .. offset + n)` with standard normal variates (the hot loop keeps the state in locals) and
   * returns `out`. The values equal `n` successive calls of {@link NormalStream.normal}.
   *
   * @param out - destination.
   * @param offset - first index written. @default 0
   * @param n - count. @default out.length - offset
   */
  fillNormal(out: Float64Array, offset = 0, n = out.length - offset): Float64Array {
    const end = offset + n;
    let k = offset;
    while (k < end) {
      k = fastFill(this.s, out, k, end);
      if (k < end) {
        // fastFill stopped at a draw outside the rectangles: finish it here (rare, ~1.2 % of draws).
        const a = SLOW[1]!;
        const x = this.slow(a & 0xff, SLOW[0]!);
        if (!Number.isNaN(x)) out[k++] = (a & 0x100) !== 0 ? -x : x;
      }
    }
    return out;
  }

  /**
   * Gamma(shape, 1) variate (Marsaglia & Tsang 2000 squeeze; shape < 1 by the u^(1/shape) boost).
   *
   * @param shape - k > 0.
   * @see https://doi.org/10.1145/358407.358414
   */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * (1 - this.uniform()) ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Student-t variate with `df` (> 2) degrees of freedom rescaled to unit variance:
   * Z·√((df − 2)/χ²_df).
   */
  unitStudentT(df: number): number {
    const z = this.normal();
    return z * Math.sqrt((df - 2) / (2 * this.gamma(df / 2)));
  }

  /** Poisson variate by inversion (meant for the small per-step means of jump counts). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    const u = this.uniform();
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    while (u > cdf && k < 10_000) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
}
