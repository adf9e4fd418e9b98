import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import { type MembershipFunction, membership, membershipSchema } from "./membership.js";

const termsSchema = z.record(z.string(), membershipSchema);

/** zod schema of {@link FuzzyConfig}. */
export const fuzzyConfigSchema = z.object({
  inputs: z.record(z.string(), termsSchema),
  regimes: z.array(z.string()).min(1),
  rules: z
    .array(
      z.object({
        if: z.array(z.object({ input: z.string(), is: z.string(), not: z.boolean().default(false) })).min(1),
        op: z.enum(["and", "or"]).default("and"),
        regime: z.string(),
        weight: z.number().min(0).max(1).default(1),
      }),
    )
    .min(1),
  inference: z.enum(["minmax", "product"]).default("minmax"),
  output: z
    .object({
      resolution: z.number().int().min(3).max(10_001).default(201),
      terms: z.record(z.string(), membershipSchema).optional(),
    })
    .default({ resolution: 201 }),
});

/**
 * A fuzzy rule base, validated with zod (`parseWith`): references to unknown inputs, terms or regimes are reported
 * with their path (`rules.2.if.0.is`).
 *
 * - `inputs` — per input name, its linguistic terms: `{ trend: { weak: mf, strong: mf }, … }`.
 * - `regimes` — the output regimes, in order (their order defines the crisp output scale).
 * - `rules` — `{ if: [{ input, is, not? }], op: "and" | "or", regime, weight? }`.
 * - `inference` — `"minmax"` (Mamdani: AND = min, OR = max, implication = min-clipping) or `"product"` (Larsen:
 *   AND = product, OR = probabilistic sum, implication = scaling); both aggregate rules with max. @default "minmax"
 * - `output` — the crisp output universe is [0, 1] sampled at `resolution` points (default 201); each regime's
 *   output term defaults to a triangle centred at i/(R − 1) with half-width 1/(R − 1) (override with `terms`).
 */
export type FuzzyConfig = z.input<typeof fuzzyConfigSchema>;

const low: MembershipFunction = { type: "triangular", a: 0, b: 0, c: 1 };
const high: MembershipFunction = { type: "triangular", a: 0, b: 1, c: 1 };

/**
 * Generic default rule base over two features scaled to [0, 1] (as produced by `fuzzyFeatures`): `trend`
 * (trend strength) and `volatility` (volatility percentile), each with complementary linear `low`/`high` terms —
 * no tuned thresholds — and four regimes ordered from calm trend to volatile range.
 */
export const defaultFuzzyConfig: FuzzyConfig = {
  inputs: { trend: { low, high }, volatility: { low, high } },
  regimes: ["trending-calm", "trending-volatile", "ranging-calm", "ranging-volatile"],
  rules: [
    {
      if: [
        { input: "trend", is: "high" },
        { input: "volatility", is: "low" },
      ],
      regime: "trending-calm",
    },
    {
      if: [
        { input: "trend", is: "high" },
        { input: "volatility", is: "high" },
      ],
      regime: "trending-volatile",
    },
    {
      if: [
        { input: "trend", is: "low" },
        { input: "volatility", is: "low" },
      ],
      regime: "ranging-calm",
    },
    {
      if: [
        { input: "trend", is: "low" },
        { input: "volatility", is: "high" },
      ],
      regime: "ranging-volatile",
    },
  ],
  inference: "minmax",
};

/** Output of {@link FuzzyRegimeClassifier.classify} (columns, one row per bar). */
export interface FuzzyClassification {
  /** Regime names, in config order. */
  readonly regimes: readonly string[];
  /** Degree of membership per regime, T×R row-major (`degrees[t * R + r]`), NaN where an input is NaN. */
  readonly degrees: Float64Array;
  /** Centroid of the aggregated output set over [0, 1]; NaN when no rule fires or an input is NaN. */
  readonly crisp: Float64Array;
  /** Index of the regime with the highest degree (ties → lowest index); −1 when none fires or an input is NaN. */
  readonly label: Int32Array;
}

interface CompiledRule {
  readonly inputs: Int32Array;
  readonly terms: MembershipFunction[];
  readonly not: Uint8Array;
  readonly and: boolean;
  readonly regime: number;
  readonly weight: number;
}

/**
 * Fuzzy-logic regime classifier: membership functions over feature values, a rule base with min/max or product
 * inference, a degree of membership per regime and centroid defuzzification. Streaming ({@link
 * FuzzyRegimeClassifier.update}, one bar at a time, allocation-free) and vectorized ({@link
 * FuzzyRegimeClassifier.classify}) faces run the same code and give identical numbers. Causal by construction:
 * row t depends only on the features at t.
 *
 * @example
 * const fz = new FuzzyRegimeClassifier(); // defaultFuzzyConfig
 * fz.update({ trend: 0.9, volatility: 0.1 }); // → degrees ≈ [0.9, 0.1, 0.1, 0.1]; fz.label → 0 ("trending-calm")
 * @see E. H. Mamdani, S. Assilian (1975), "An experiment in linguistic synthesis with a fuzzy logic controller".
 */
export class FuzzyRegimeClassifier {
  /** Parsed configuration (defaults filled in). */
  readonly config: z.output<typeof fuzzyConfigSchema>;
  /** Input names, in the order `update(values: ArrayLike)` expects. */
  readonly inputNames: readonly string[];
  /** Regime names. */
  readonly regimes: readonly string[];
  /** Degrees of the last {@link FuzzyRegimeClassifier.update} (live view). */
  readonly degrees: Float64Array;
  private crispValue = Number.NaN;
  private labelValue = -1;
  private readonly rules: CompiledRule[];
  private readonly product: boolean;
  private readonly grid: Float64Array;
  private readonly outMf: Float64Array;
  private readonly values: Float64Array;

  /** @param config - see {@link FuzzyConfig}. @default defaultFuzzyConfig */
  constructor(config: FuzzyConfig = defaultFuzzyConfig) {
    const c = parseWith(fuzzyConfigSchema, config, "fuzzy config");
    this.config = c;
    this.inputNames = Object.keys(c.inputs);
    this.regimes = c.regimes;
    const issues: { path: string; message: string }[] = [];
    const R = c.regimes.length;
    if (new Set(c.regimes).size !== R)
      issues.push({ path: "regimes", message: "expected unique regime names" });
    this.rules = c.rules.map((rule, ri) => {
      const inputs = new Int32Array(rule.if.length);
      const terms: MembershipFunction[] = [];
      const not = new Uint8Array(rule.if.length);
      rule.if.forEach((cl, ci) => {
        const idx = this.inputNames.indexOf(cl.input);
        if (idx < 0)
          issues.push({ path: `rules.${ri}.if.${ci}.input`, message: `unknown input "${cl.input}"` });
        const mf = c.inputs[cl.input]?.[cl.is];
        if (idx >= 0 && !mf)
          issues.push({
            path: `rules.${ri}.if.${ci}.is`,
            message: `unknown term "${cl.is}" of input "${cl.input}"`,
          });
        inputs[ci] = idx;
        terms.push(mf ?? low);
        not[ci] = cl.not ? 1 : 0;
      });
      const regime = c.regimes.indexOf(rule.regime);
      if (regime < 0) issues.push({ path: `rules.${ri}.regime`, message: `unknown regime "${rule.regime}"` });
      return { inputs, terms, not, and: rule.op === "and", regime, weight: rule.weight };
    });
    const outTerms = c.output.terms;
    if (outTerms)
      for (const r of c.regimes)
        if (!outTerms[r])
          issues.push({ path: `output.terms.${r}`, message: "missing output term for regime" });
    if (issues.length) throw new ValidationError("fuzzy config", issues);
    this.product = c.inference === "product";
    const n = c.output.resolution;
    this.grid = new Float64Array(n);
    for (let i = 0; i < n; i++) this.grid[i] = i / (n - 1);
    this.outMf = new Float64Array(R * n);
    for (let r = 0; r < R; r++) {
      const mf: MembershipFunction = outTerms?.[c.regimes[r]!] ?? defaultOutputTerm(r, R);
      for (let i = 0; i < n; i++) this.outMf[r * n + i] = membership(mf, this.grid[i]!);
    }
    this.degrees = new Float64Array(R);
    this.values = new Float64Array(this.inputNames.length);
  }

  /** Centroid output of the last update. */
  get crisp(): number {
    return this.crispValue;
  }

  /** Regime index of the last update (−1 if none fired or an input was NaN). */
  get label(): number {
    return this.labelValue;
  }

  /**
   * Classifies one bar. Allocation-free when given an array in {@link FuzzyRegimeClassifier.inputNames} order.
   *
   * @param values - feature values by input name, or an array in `inputNames` order.
   * @returns the {@link FuzzyRegimeClassifier.degrees} view.
   */
  update(values: Readonly<Record<string, number>> | ArrayLike<number>): Float64Array {
    const v = this.values;
    if (isArrayLike(values)) for (let i = 0; i < v.length; i++) v[i] = values[i] ?? Number.NaN;
    else for (let i = 0; i < v.length; i++) v[i] = values[this.inputNames[i]!] ?? Number.NaN;
    this.evaluate(v);
    return this.degrees;
  }

  private evaluate(v: Float64Array): void {
    const deg = this.degrees;
    const R = deg.length;
    let missing = false;
    for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i]!)) missing = true;
    if (missing) {
      deg.fill(Number.NaN);
      this.crispValue = Number.NaN;
      this.labelValue = -1;
      return;
    }
    deg.fill(0);
    for (const rule of this.rules) {
      let s = rule.and ? 1 : 0;
      for (let c = 0; c < rule.inputs.length; c++) {
        let m = membership(rule.terms[c]!, v[rule.inputs[c]!]!);
        if (rule.not[c]) m = 1 - m;
        if (rule.and) s = this.product ? s * m : Math.min(s, m);
        else s = this.product ? s + m - s * m : Math.max(s, m);
      }
      s *= rule.weight;
      if (s > deg[rule.regime]!) deg[rule.regime] = s;
    }
    // Aggregate (max of implied output sets) and take the centroid.
    const n = this.grid.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      let mu = 0;
      for (let r = 0; r < R; r++) {
        const o = this.outMf[r * n + i]!;
        const d = deg[r]!;
        const implied = this.product ? o * d : Math.min(o, d);
        if (implied > mu) mu = implied;
      }
      num += mu * this.grid[i]!;
      den += mu;
    }
    this.crispValue = den > 0 ? num / den : Number.NaN;
    let arg = -1;
    let best = 0;
    for (let r = 0; r < R; r++)
      if (deg[r]! > best) {
        best = deg[r]!;
        arg = r;
      }
    this.labelValue = arg;
  }

  /**
   * Vectorized classification of feature columns (same numbers as calling `update` bar by bar).
   *
   * @param columns - one Float64Array per input name, all the same length (NaN = not available yet).
   */
  classify(columns: Readonly<Record<string, Float64Array>>): FuzzyClassification {
    const cols = this.inputNames.map((name) => columns[name]);
    const issues = cols.flatMap((c, i) =>
      c instanceof Float64Array
        ? []
        : [{ path: this.inputNames[i]!, message: "expected a Float64Array column" }],
    );
    const T = cols[0]?.length ?? 0;
    cols.forEach((c, i) => {
      if (c && c.length !== T)
        issues.push({ path: this.inputNames[i]!, message: `expected length ${T}, got ${c.length}` });
    });
    if (issues.length) throw new ValidationError("fuzzy feature columns", issues);
    const R = this.regimes.length;
    const degrees = new Float64Array(T * R);
    const crisp = new Float64Array(T);
    const label = new Int32Array(T);
    const v = this.values;
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < v.length; i++) v[i] = cols[i]![t]!;
      this.evaluate(v);
      degrees.set(this.degrees, t * R);
      crisp[t] = this.crispValue;
      label[t] = this.labelValue;
    }
    return { regimes: this.regimes, degrees, crisp, label };
  }
}

function defaultOutputTerm(r: number, R: number): MembershipFunction {
  if (R === 1) return { type: "triangular", a: 0, b: 0.5, c: 1 };
  const w = 1 / (R - 1);
  const b = r * w;
  return { type: "triangular", a: Math.max(0, b - w), b, c: Math.min(1, b + w) };
}

function isArrayLike(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}
