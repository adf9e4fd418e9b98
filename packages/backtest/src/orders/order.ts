import { parseWith } from "@quantkit/core";
import { z } from "zod";

/** Side of an order: `buy` adds to the position, `sell` subtracts. */
export type Side = "buy" | "sell";

/**
 * Order types the execution emulator understands.
 * - `market`: fill at the first available price. `limit`: at `limitPrice` or better.
 * - `stop`: becomes a market order once price reaches `stopPrice`. `stop-limit`: becomes a limit at `limitPrice`.
 * - `trailing-stop`: a stop that follows the best price by `trailAmount` (price units) or `trailPercent`.
 * - `moo` / `moc`: market-on-open / market-on-close of the next session (next bar without sessions).
 */
export type OrderType = "market" | "limit" | "stop" | "stop-limit" | "trailing-stop" | "moo" | "moc";

/** Time in force: DAY (until the session/day ends), GTC, IOC (fill what you can now), FOK (all now or nothing), GTD. */
export type TimeInForce = "DAY" | "GTC" | "IOC" | "FOK" | "GTD";

/** Who caused an order state transition (for the audit trail). */
export type Initiator = "strategy" | "risk" | "system" | "venue";

/** Every order status; terminal ones are FILLED, CANCELED, REJECTED and EXPIRED. */
export type OrderStatus =
  | "NEW"
  | "PENDING_NEW"
  | "ACKNOWLEDGED"
  | "PARTIAL_FILL"
  | "FILLED"
  | "PENDING_CANCEL"
  | "CANCELED"
  | "REJECTED"
  | "PENDING_REPLACE"
  | "EXPIRED";

/**
 * Zod schema of an order request, validated at the strategy boundary.
 *
 * @example
 * orderRequestSchema.parse({ symbol: "SPY", side: "buy", qty: 1 }).tif // → "GTC"
 */
export const orderRequestSchema = z
  .object({
    symbol: z.string().min(1),
    side: z.enum(["buy", "sell"]),
    qty: z.number().positive().finite(),
    type: z.enum(["market", "limit", "stop", "stop-limit", "trailing-stop", "moo", "moc"]).default("market"),
    limitPrice: z.number().positive().finite().optional(),
    stopPrice: z.number().positive().finite().optional(),
    trailAmount: z.number().positive().finite().optional(),
    trailPercent: z.number().positive().max(100).optional(),
    tif: z.enum(["DAY", "GTC", "IOC", "FOK", "GTD"]).default("GTC"),
    expireAt: z.number().finite().optional(),
    clientOrderId: z.string().min(1).optional(),
    strategyId: z.string().default("default"),
    ocoGroup: z.string().optional(),
    tag: z.string().optional(),
  })
  .superRefine((o, ctx) => {
    const need = (field: "limitPrice" | "stopPrice", why: string) => {
      if (o[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: `required for ${why}` });
    };
    if (o.type === "limit" || o.type === "stop-limit") need("limitPrice", `${o.type} orders`);
    if (o.type === "stop" || o.type === "stop-limit") need("stopPrice", `${o.type} orders`);
    if (o.type === "trailing-stop" && o.trailAmount === undefined && o.trailPercent === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["trailAmount"],
        message: "trailAmount or trailPercent required",
      });
    if (o.tif === "GTD" && o.expireAt === undefined)
      ctx.addIssue({ code: "custom", path: ["expireAt"], message: "required for GTD orders" });
  });

/**
 * Validates an order request at the strategy boundary. Well-formed requests take an allocation-light fast path
 * that accepts a subset of what {@link orderRequestSchema} accepts; anything else goes through the zod schema, whose
 * ValidationError names the offending field.
 *
 * @param defaultStrategyId - strategy id used when the request has none.
 * @example
 * parseOrderRequest({ symbol: "SPY", side: "buy", qty: 10 }, "s").type // → "market"
 */
export function parseOrderRequest(input: OrderRequestInput, defaultStrategyId = "default"): OrderRequest {
  const type = input.type ?? "market";
  const tif = input.tif ?? "GTC";
  const lp = input.limitPrice;
  const sp = input.stopPrice;
  const okPrice = (p: number | undefined) =>
    p === undefined || (typeof p === "number" && p > 0 && p < Infinity);
  const okStr = (v: unknown) => v === undefined || (typeof v === "string" && v.length > 0);
  if (
    typeof input.symbol === "string" &&
    input.symbol.length > 0 &&
    (input.side === "buy" || input.side === "sell") &&
    typeof input.qty === "number" &&
    input.qty > 0 &&
    input.qty < Infinity &&
    (type === "market" ||
      type === "moo" ||
      type === "moc" ||
      type === "limit" ||
      type === "stop" ||
      type === "stop-limit") &&
    (tif === "GTC" || tif === "DAY" || tif === "IOC" || tif === "FOK") &&
    okPrice(lp) &&
    okPrice(sp) &&
    (lp !== undefined) === (type === "limit" || type === "stop-limit") &&
    (sp !== undefined) === (type === "stop" || type === "stop-limit") &&
    input.trailAmount === undefined &&
    input.trailPercent === undefined &&
    input.expireAt === undefined &&
    okStr(input.clientOrderId) &&
    okStr(input.strategyId) &&
    (input.ocoGroup === undefined || typeof input.ocoGroup === "string") &&
    (input.tag === undefined || typeof input.tag === "string")
  ) {
    return {
      symbol: input.symbol,
      side: input.side,
      qty: input.qty,
      type,
      limitPrice: lp,
      stopPrice: sp,
      tif,
      clientOrderId: input.clientOrderId,
      strategyId: input.strategyId ?? defaultStrategyId,
      ocoGroup: input.ocoGroup,
      tag: input.tag,
    };
  }
  return parseWith(orderRequestSchema, { strategyId: defaultStrategyId, ...input }, "order request");
}

/** What a strategy asks for (input form: defaults applied by {@link orderRequestSchema}). */
export type OrderRequestInput = z.input<typeof orderRequestSchema>;
/** A validated order request. */
export type OrderRequest = z.output<typeof orderRequestSchema>;

/** Fields every order carries, whatever its status. */
interface OrderBase extends OrderRequest {
  /** Engine-assigned id, unique within a run (`"O1"`, `"O2"`, …). */
  readonly id: string;
  /** The strategy's id for the order (defaults to the engine id). */
  readonly clientOrderId: string;
  /** Id assigned by the venue on acknowledgement. */
  readonly venueOrderId: string | undefined;
  /** Quantity filled so far. */
  readonly filledQty: number;
  /** Volume-weighted average fill price (NaN before the first fill). */
  readonly avgFillPrice: number;
  /** Sim time the order was created (UTC epoch ms). */
  readonly createdTs: number;
  /** Sim time of the last transition. */
  readonly updatedTs: number;
  /** Why the order is in its status (reject/cancel/expire reason), if any. */
  readonly reason: string | undefined;
  /** Id of the bracket parent that created this order, if any. */
  readonly parentId: string | undefined;
}

/** An order's immutable snapshot, discriminated by `status`. */
export type Order =
  | (OrderBase & { readonly status: "NEW" })
  | (OrderBase & { readonly status: "PENDING_NEW" })
  | (OrderBase & { readonly status: "ACKNOWLEDGED"; readonly venueOrderId: string })
  | (OrderBase & { readonly status: "PARTIAL_FILL"; readonly venueOrderId: string })
  | (OrderBase & { readonly status: "FILLED"; readonly venueOrderId: string })
  | (OrderBase & { readonly status: "PENDING_CANCEL"; readonly venueOrderId: string })
  | (OrderBase & { readonly status: "PENDING_REPLACE"; readonly venueOrderId: string })
  | (OrderBase & { readonly status: "CANCELED" })
  | (OrderBase & { readonly status: "REJECTED"; readonly reason: string })
  | (OrderBase & { readonly status: "EXPIRED" });

/**
 * The order state machine: for each status, the statuses it may move to.
 * - NEW → PENDING_NEW (sent) or REJECTED (pre-trade risk).
 * - PENDING_NEW → ACKNOWLEDGED or REJECTED (venue), or CANCELED (canceled before the venue acknowledged it, e.g.
 *   live reconciliation finds the venue never received it).
 * - ACKNOWLEDGED / PARTIAL_FILL → PARTIAL_FILL, FILLED, PENDING_CANCEL, PENDING_REPLACE, CANCELED (unsolicited,
 *   or IOC/FOK remainder), EXPIRED.
 * - PENDING_CANCEL → CANCELED, or a fill that raced the cancel (PARTIAL_FILL, FILLED), or back to ACKNOWLEDGED /
 *   PARTIAL_FILL when the cancel is rejected, or EXPIRED when the order's time ran out first.
 * - PENDING_REPLACE → ACKNOWLEDGED / PARTIAL_FILL (replaced, or replace rejected), FILLED, CANCELED, EXPIRED.
 *
 * @see https://www.onixs.biz/fix-dictionary/4.4/app_d.html (FIX order state change matrices)
 * @example
 * ORDER_TRANSITIONS.PENDING_NEW // → ["ACKNOWLEDGED", "REJECTED", "CANCELED"]
 */
export const ORDER_TRANSITIONS: { readonly [S in OrderStatus]: readonly OrderStatus[] } = {
  NEW: ["PENDING_NEW", "REJECTED"],
  PENDING_NEW: ["ACKNOWLEDGED", "REJECTED", "CANCELED"],
  ACKNOWLEDGED: ["PARTIAL_FILL", "FILLED", "PENDING_CANCEL", "PENDING_REPLACE", "CANCELED", "EXPIRED"],
  PARTIAL_FILL: ["PARTIAL_FILL", "FILLED", "PENDING_CANCEL", "PENDING_REPLACE", "CANCELED", "EXPIRED"],
  PENDING_CANCEL: ["CANCELED", "PARTIAL_FILL", "FILLED", "ACKNOWLEDGED", "EXPIRED"],
  PENDING_REPLACE: ["ACKNOWLEDGED", "PARTIAL_FILL", "FILLED", "CANCELED", "EXPIRED"],
  FILLED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
};

/**
 * Every status, in lifecycle order.
 *
 * @example
 * ORDER_STATUSES.length // → 10
 */
export const ORDER_STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];

/**
 * True for statuses from which an order can never move again.
 *
 * @example
 * isTerminal("FILLED") // → true
 */
export function isTerminal(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}

/**
 * True for statuses in which an order rests at the venue and can still fill.
 *
 * @example
 * isWorking("PARTIAL_FILL") // → true
 */
export function isWorking(status: OrderStatus): boolean {
  return (
    status === "ACKNOWLEDGED" ||
    status === "PARTIAL_FILL" ||
    status === "PENDING_CANCEL" ||
    status === "PENDING_REPLACE"
  );
}

/**
 * Signed quantity multiplier: +1 for buy, −1 for sell.
 *
 * @example
 * sideSign("sell") // → -1
 */
export function sideSign(side: Side): 1 | -1 {
  return side === "buy" ? 1 : -1;
}

/** An execution: part or all of an order traded at one price. Immutable. */
export interface Fill {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly symbol: string;
  readonly side: Side;
  /** Quantity traded (> 0). */
  readonly qty: number;
  /** Execution price including slippage. */
  readonly price: number;
  /** Commission and fees charged (≥ 0, account currency). */
  readonly commission: number;
  /** Slippage paid versus the model's reference price, in account currency (≥ 0 when adverse). */
  readonly slippage: number;
  /** Sim time the fill was reported (UTC epoch ms). */
  readonly ts: number;
  /** True when liquidity was taken (market/stop), false when the order rested (limit). */
  readonly liquidityTaker: boolean;
}
