import type { ExecutionReport } from "../gateway/gateway.js";
import type { Order, OrderStatus } from "../orders/order.js";
import type { TransitionInfo } from "../orders/order-manager.js";
import type { BracketOrders } from "./bracketOrders.js";

/** The venue reports that end or amend a working order: cancels, expiries, replacements and their rejects. */
export type CancelReplaceReport = Extract<
  ExecutionReport,
  { kind: "canceled" | "expired" | "replaced" | "cancel-reject" | "replace-reject" }
>;

/** A cancel or replace reject (the venue kept the order as it was). */
export type AmendRejectReport = Extract<ExecutionReport, { kind: "cancel-reject" | "replace-reject" }>;

/** What {@link applyCancelReplaceReport} needs from a kernel (built once, so applying a report allocates nothing). */
export interface CancelReplaceKernel {
  /** Applies an order transition (logging it and telling the strategy) and returns the new order snapshot. */
  transition(id: string, to: OrderStatus, info: TransitionInfo): Order;
  /** The kernel's bracket requests (an entry that ends partly filled gets its exits). */
  readonly brackets: BracketOrders;
  /** Records a cancel/replace reject for an order that was not waiting on one (nothing changes). */
  strayReject(order: Order, report: AmendRejectReport): void;
}

/**
 * Applies a venue's cancel, expiry, replacement or cancel/replace reject to a working order, the same way in the
 * backtest {@link Engine} and the live kernel: `canceled` → CANCELED (reason prefixed `unsolicited: ` when we did not
 * ask), `expired` → EXPIRED (both then settle the order's bracket), `replaced` on a PENDING_REPLACE order and a
 * reject on a PENDING_CANCEL/PENDING_REPLACE order → back to PARTIAL_FILL (something filled) or ACKNOWLEDGED; a
 * reject on any other order is only recorded.
 *
 * @param order - the order's current snapshot (not terminal).
 * @param report - the venue's report on it (`report.ts` stamps the transition; initiator `"venue"`).
 * @param kernel - the kernel's transition, brackets and stray-reject record.
 * @example
 * applyCancelReplaceReport(pendingCancel, { kind: "canceled", orderId: "O1", reason: "user", ts: 5 }, kernel);
 * orders.get("O1").status // → "CANCELED"
 * @see https://www.onixs.biz/fix-dictionary/4.2/msgType_9_9.html (FIX OrderCancelReject)
 */
export function applyCancelReplaceReport(
  order: Order,
  report: CancelReplaceReport,
  kernel: CancelReplaceKernel,
): void {
  const ts = report.ts;
  switch (report.kind) {
    case "canceled": {
      const reason = order.status === "PENDING_CANCEL" ? report.reason : `unsolicited: ${report.reason}`;
      kernel.brackets.entryEnded(kernel.transition(order.id, "CANCELED", { ts, initiator: "venue", reason }));
      return;
    }
    case "expired":
      kernel.brackets.entryEnded(
        kernel.transition(order.id, "EXPIRED", { ts, initiator: "venue", reason: report.reason }),
      );
      return;
    case "replaced":
      if (order.status === "PENDING_REPLACE")
        kernel.transition(order.id, order.filledQty > 0 ? "PARTIAL_FILL" : "ACKNOWLEDGED", {
          ts,
          initiator: "venue",
          reason: "replaced",
          changes: report.changes,
        });
      return;
    case "cancel-reject":
    case "replace-reject":
      if (order.status === "PENDING_CANCEL" || order.status === "PENDING_REPLACE")
        kernel.transition(order.id, order.filledQty > 0 ? "PARTIAL_FILL" : "ACKNOWLEDGED", {
          ts,
          initiator: "venue",
          reason: report.reason,
        });
      else kernel.strayReject(order, report);
      return;
  }
}
