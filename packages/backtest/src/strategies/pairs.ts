import { z } from "zod";
import type { BarView, Strategy, StrategyContext } from "../engine/strategy.js";

/**
 * Parameters of {@link PairsTrading}.
 *
 * @example
 * pairsParams.parse({ symbols: ["ORCL", "NVDA"] }).lookback // → 60
 */
export const pairsParams = z.object({
  /** The two symbols: the spread is `a − β·b`. */
  symbols: z.tuple([z.string().min(1), z.string().min(1)]),
  /** Rolling window (bars) for the hedge ratio and the spread's mean and standard deviation. */
  lookback: z.number().int().min(5).default(60),
  /** Enter when |z| exceeds this. */
  entryZ: z.number().positive().default(2),
  /** Exit when |z| falls below this. */
  exitZ: z.number().min(0).default(0.5),
  /** Units of `a` per trade (b is hedged with round(β·qty)). */
  qty: z.number().positive().default(100),
});

/**
 * Pairs trading: a rolling OLS hedge ratio β = cov(a, b)/var(b) over `lookback` bars, the spread `a − β·b` and its
 * z-score over the same window; short the spread when z > entryZ, long when z < −entryZ, flat when |z| < exitZ.
 * Acts once both symbols have a bar at the same close time.
 *
 * @example
 * runBacktest({ strategy: "pairs", params: { symbols: ["ORCL", "NVDA"], lookback: 60 }, data: [...] })
 * @see Gatev, Goetzmann, Rouwenhorst, "Pairs Trading" (2006)
 */
export class PairsTrading implements Strategy {
  readonly id = "pairs";
  private readonly p: z.output<typeof pairsParams>;
  private a!: Float64Array;
  private b!: Float64Array;
  private spreads!: Float64Array;
  private n = 0;
  private ns = 0;
  private lastA = Number.NaN;
  private lastB = Number.NaN;
  private tsA = Number.NaN;
  private tsB = Number.NaN;
  private state = 0;

  constructor(params: z.input<typeof pairsParams>) {
    this.p = pairsParams.parse(params);
  }

  onStart(): void {
    const L = this.p.lookback;
    this.a = new Float64Array(L);
    this.b = new Float64Array(L);
    this.spreads = new Float64Array(L);
  }

  onBar(bar: BarView, ctx: StrategyContext): void {
    const [sa, sb] = this.p.symbols;
    if (bar.symbol === sa) {
      this.lastA = bar.close;
      this.tsA = bar.closeTs;
    } else if (bar.symbol === sb) {
      this.lastB = bar.close;
      this.tsB = bar.closeTs;
    } else return;
    if (this.tsA !== this.tsB) return;
    const L = this.p.lookback;
    const k = this.n % L;
    this.a[k] = this.lastA;
    this.b[k] = this.lastB;
    this.n++;
    if (this.n < L) return;
    let ma = 0;
    let mb = 0;
    for (let i = 0; i < L; i++) {
      ma += this.a[i]!;
      mb += this.b[i]!;
    }
    ma /= L;
    mb /= L;
    let cov = 0;
    let vb = 0;
    for (let i = 0; i < L; i++) {
      cov += (this.a[i]! - ma) * (this.b[i]! - mb);
      vb += (this.b[i]! - mb) ** 2;
    }
    const beta = vb > 0 ? cov / vb : 0;
    const spread = this.lastA - beta * this.lastB;
    this.spreads[this.ns % L] = spread;
    this.ns++;
    if (this.ns < L) return;
    let ms = 0;
    for (let i = 0; i < L; i++) ms += this.spreads[i]!;
    ms /= L;
    let vs = 0;
    for (let i = 0; i < L; i++) vs += (this.spreads[i]! - ms) ** 2;
    const sd = Math.sqrt(vs / (L - 1));
    if (!(sd > 0)) return;
    const z = (spread - ms) / sd;
    ctx.signal("pairs.z", z);
    if (ctx.openOrders().length > 0) return;
    const qa = this.p.qty;
    const qb = Math.round(beta * qa);
    if (this.state === 0 && z > this.p.entryZ) this.target(ctx, -qa, qb, -1);
    else if (this.state === 0 && z < -this.p.entryZ) this.target(ctx, qa, -qb, 1);
    else if (this.state !== 0 && Math.abs(z) < this.p.exitZ) this.target(ctx, 0, 0, 0);
  }

  private target(ctx: StrategyContext, ta: number, tb: number, state: number): void {
    const [sa, sb] = this.p.symbols;
    for (const [s, t] of [
      [sa, ta],
      [sb, tb],
    ] as const) {
      const d = t - ctx.position(s);
      if (d > 0) ctx.submit({ symbol: s, side: "buy", qty: d });
      else if (d < 0) ctx.submit({ symbol: s, side: "sell", qty: -d });
    }
    this.state = state;
  }
}
