import { z } from "zod";
import type { Fill } from "../orders/order.js";
import { type Commission, commissionFor, commissionSchema } from "./commission.js";
import { Position } from "./position.js";

/**
 * Portfolio options (validated by the run config).
 *
 * @example
 * portfolioOptionsSchema.parse({}).initialCash // → 100000
 */
export const portfolioOptionsSchema = z.object({
  /** Starting cash in account currency. Default 100,000. */
  initialCash: z.number().positive().default(100_000),
  /** Commission schedule. */
  commission: commissionSchema,
  /** Maximum gross leverage (gross exposure / equity) the account may use: 1 = cash account. Default 1. */
  maxLeverage: z.number().positive().default(1),
  /** Allow short positions. Default true. */
  allowShort: z.boolean().default(true),
});

/** Input form of {@link portfolioOptionsSchema}. */
export type PortfolioOptions = z.input<typeof portfolioOptionsSchema>;

/** A read-only snapshot of one position. */
export interface PositionSnapshot {
  readonly symbol: string;
  readonly qty: number;
  readonly avgPrice: number;
  readonly lastPrice: number;
  readonly realized: number;
  readonly unrealized: number;
  readonly commissions: number;
}

/** P&L attribution row: realized, unrealized and commissions for a symbol or a strategy. */
export interface Attribution {
  readonly key: string;
  readonly realized: number;
  readonly unrealized: number;
  readonly commissions: number;
  readonly net: number;
}

/**
 * The account: cash, positions per symbol (and per strategy for attribution), commissions, margin figures and the
 * equity curve. The portfolio is the single owner of positions; the kernel feeds it fills and prices.
 *
 * Cash accounting: a buy of `q` at `p` pays `q·p + commission`; a sell (including a short sale) receives `q·p −
 * commission`. Equity = cash + Σ qty·lastPrice, so P&L is conserved: equity − initialCash = realized + unrealized −
 * commissions (a property test checks it).
 *
 * @example
 * const pf = new Portfolio({ initialCash: 1000 });
 * pf.applyFill({ symbol: "X", side: "buy", qty: 2, price: 100, commission: 1, ... }); pf.mark("X", 110);
 * pf.equity // → 1019
 */
export class Portfolio {
  readonly initialCash: number;
  readonly commission: Commission;
  readonly maxLeverage: number;
  readonly allowShort: boolean;
  cash: number;
  private readonly bySymbol = new Map<string, Position>();
  private readonly list: Position[] = [];
  private readonly byStrategy = new Map<string, Map<string, Position>>();
  totalCommissions = 0;
  totalSlippage = 0;
  fillCount = 0;

  /** @param options - see {@link portfolioOptionsSchema} (initialCash 100,000, no commission, leverage 1). */
  constructor(options: PortfolioOptions = {}) {
    const o = portfolioOptionsSchema.parse(options);
    this.initialCash = o.initialCash;
    this.commission = o.commission;
    this.maxLeverage = o.maxLeverage;
    this.allowShort = o.allowShort;
    this.cash = o.initialCash;
  }

  /** The position object for `symbol` (created flat on first use). */
  position(symbol: string): Position {
    let p = this.bySymbol.get(symbol);
    if (p === undefined) {
      p = new Position(symbol);
      this.bySymbol.set(symbol, p);
      this.list.push(p);
    }
    return p;
  }

  /** Signed net quantity held in `symbol` (0 when none). */
  qty(symbol: string): number {
    return this.bySymbol.get(symbol)?.qty ?? 0;
  }

  /** Commission the schedule charges for a fill. */
  commissionFor(qty: number, price: number): number {
    return commissionFor(this.commission, qty, price);
  }

  /** Applies a fill: cash, position, commissions, per-strategy ledger. Returns the P&L it realized. */
  applyFill(fill: Fill): number {
    const dq = fill.side === "buy" ? fill.qty : -fill.qty;
    const pos = this.position(fill.symbol);
    const realized = pos.apply(dq, fill.price);
    pos.commissions += fill.commission;
    this.cash -= dq * fill.price + fill.commission;
    this.totalCommissions += fill.commission;
    this.totalSlippage += fill.slippage;
    this.fillCount++;
    let strat = this.byStrategy.get(fill.strategyId);
    if (strat === undefined) {
      strat = new Map();
      this.byStrategy.set(fill.strategyId, strat);
    }
    let sp = strat.get(fill.symbol);
    if (sp === undefined) {
      sp = new Position(fill.symbol);
      strat.set(fill.symbol, sp);
    }
    sp.apply(dq, fill.price);
    sp.commissions += fill.commission;
    return realized;
  }

  /** Marks `symbol` to `price` (mark-to-market on every price event). */
  mark(symbol: string, price: number): void {
    const p = this.bySymbol.get(symbol);
    if (p !== undefined) p.lastPrice = price;
    else this.position(symbol).lastPrice = price;
  }

  /** Last mark of `symbol` (NaN before any price). */
  lastPrice(symbol: string): number {
    return this.bySymbol.get(symbol)?.lastPrice ?? Number.NaN;
  }

  /** Cash plus the market value of every position at its last mark. */
  get equity(): number {
    let e = this.cash;
    const l = this.list;
    for (let i = 0; i < l.length; i++) {
      const p = l[i]!;
      if (p.qty !== 0) e += p.qty * p.lastPrice;
    }
    return e;
  }

  /** Σ |qty·lastPrice| over positions. */
  get grossExposure(): number {
    let g = 0;
    for (const p of this.list) if (p.qty !== 0) g += Math.abs(p.qty * p.lastPrice);
    return g;
  }

  /** Σ qty·lastPrice over positions. */
  get netExposure(): number {
    let g = 0;
    for (const p of this.list) if (p.qty !== 0) g += p.qty * p.lastPrice;
    return g;
  }

  /** Gross exposure / equity. */
  get leverage(): number {
    return this.grossExposure / this.equity;
  }

  /** Margin in use: gross exposure / maxLeverage. */
  get marginUsed(): number {
    return this.grossExposure / this.maxLeverage;
  }

  /** Additional gross exposure the account may still take: equity·maxLeverage − gross exposure (≥ 0). */
  get buyingPower(): number {
    return Math.max(0, this.equity * this.maxLeverage - this.grossExposure);
  }

  /** Σ realized P&L over symbols. */
  get realized(): number {
    let r = 0;
    for (const p of this.list) r += p.realized;
    return r;
  }

  /** Σ unrealized P&L over symbols. */
  get unrealized(): number {
    let r = 0;
    for (const p of this.list) r += p.unrealized;
    return r;
  }

  /** Snapshots of all non-flat positions (or all with `includeFlat`). */
  positions(includeFlat = false): PositionSnapshot[] {
    return this.list.filter((p) => includeFlat || p.qty !== 0).map(snapshot);
  }

  /** P&L attribution by symbol. */
  attributionBySymbol(): Attribution[] {
    return this.list.map((p) => attribution(p.symbol, [p]));
  }

  /** P&L attribution by strategy id (each strategy's own fills, marked at the symbol's last price). */
  attributionByStrategy(): Attribution[] {
    const out: Attribution[] = [];
    for (const [id, m] of this.byStrategy) {
      for (const sp of m.values()) sp.lastPrice = this.lastPrice(sp.symbol);
      out.push(attribution(id, [...m.values()]));
    }
    return out;
  }
}

function snapshot(p: Position): PositionSnapshot {
  return {
    symbol: p.symbol,
    qty: p.qty,
    avgPrice: p.avgPrice,
    lastPrice: p.lastPrice,
    realized: p.realized,
    unrealized: p.unrealized,
    commissions: p.commissions,
  };
}

function attribution(key: string, ps: Position[]): Attribution {
  let realized = 0;
  let unrealized = 0;
  let commissions = 0;
  for (const p of ps) {
    realized += p.realized;
    unrealized += p.unrealized;
    commissions += p.commissions;
  }
  return { key, realized, unrealized, commissions, net: realized + unrealized - commissions };
}
