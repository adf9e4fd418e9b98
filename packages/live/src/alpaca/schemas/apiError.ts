import { z } from "zod";

/**
 * The error body of the Trading API (`Error`: `{ code, message }`, e.g. `40310000` insufficient buying power).
 *
 * @example
 * alpacaApiError.parse({ code: 40410000, message: "order not found" }).code // → 40410000
 * @see https://docs.alpaca.markets/docs/api-error-codes
 */
export const alpacaApiError = z.looseObject({ code: z.number(), message: z.string() });
/** A parsed API error body. */
export type AlpacaApiErrorBody = z.infer<typeof alpacaApiError>;
