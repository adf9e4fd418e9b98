import { z } from "zod";
import { decimalString, rfc3339String } from "./primitives.js";

/**
 * Account statuses (`AccountStatus`).
 *
 * @example
 * alpacaAccountStatus.parse("ACTIVE") // → "ACTIVE"
 */
export const alpacaAccountStatus = z.enum([
  "INACTIVE",
  "PAPER_ONLY",
  "ONBOARDING",
  "SUBMISSION_FAILED",
  "SUBMITTED",
  "ACCOUNT_UPDATED",
  "APPROVAL_PENDING",
  "ACTIVE",
  "REJECTED",
  "ACCOUNT_CLOSED",
  "APPROVED",
  "ACCOUNT_CLOSED_PENDING",
  "ACTION_REQUIRED",
  "LIMITED",
]);

/**
 * The trading account (`Account` in the OpenAPI spec): `id` and `status` required, money as decimal strings.
 * `daytrade_count` is an integer in the spec but a string in Alpaca's published example, so both are accepted.
 *
 * @example
 * alpacaAccount.parse(accountJson).cash // → "-23140.2"
 * @see https://docs.alpaca.markets/reference/getaccount-1
 */
export const alpacaAccount = z.looseObject({
  id: z.string().min(1),
  status: alpacaAccountStatus,
  account_number: z.string().optional(),
  currency: z.string().optional(),
  cash: decimalString.optional(),
  buying_power: decimalString.optional(),
  regt_buying_power: decimalString.optional(),
  daytrading_buying_power: decimalString.optional(),
  non_marginable_buying_power: decimalString.optional(),
  portfolio_value: decimalString.optional(),
  equity: decimalString.optional(),
  last_equity: decimalString.optional(),
  long_market_value: decimalString.optional(),
  short_market_value: decimalString.optional(),
  initial_margin: decimalString.optional(),
  maintenance_margin: decimalString.optional(),
  multiplier: decimalString.optional(),
  daytrade_count: z.union([z.number().int(), decimalString]).optional(),
  pattern_day_trader: z.boolean().optional(),
  trading_blocked: z.boolean().optional(),
  transfers_blocked: z.boolean().optional(),
  account_blocked: z.boolean().optional(),
  shorting_enabled: z.boolean().optional(),
  created_at: rfc3339String.optional(),
});
/** A parsed Alpaca account. */
export type AlpacaAccount = z.infer<typeof alpacaAccount>;
