import type { z } from "zod";

/**
 * Base class of every error quantkit throws on purpose. `name` tells the kind, the message names the field, row
 * or message at fault and what was expected, and `cause` keeps the underlying error.
 *
 * @example
 * try { parseTimeframe("7m"); } catch (e) { e instanceof QuantkitError; } // → true
 */
export class QuantkitError extends Error {
  override name = "QuantkitError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One problem found while validating an input: where it is (`path`) and what was wrong. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `"options.period"` or `"row 17.close"`. */
  readonly path: string;
  readonly message: string;
}

/**
 * An input (options, config, file row, network message) failed validation. The message lists every issue with its
 * path, so a user can fix all of them at once.
 *
 * @example
 * new ValidationError("RSI options", [{ path: "period", message: "expected an integer ≥ 2, got 1" }]).message
 * // → 'Invalid RSI options: period: expected an integer ≥ 2, got 1'
 */
export class ValidationError extends QuantkitError {
  override name = "ValidationError";
  readonly issues: readonly ValidationIssue[];
  constructor(what: string, issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    super(
      `Invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
      options,
    );
    this.issues = issues;
  }
}

/**
 * Parses `input` with a zod schema and turns a failure into a {@link ValidationError} naming each field.
 *
 * @param schema - the zod schema at the boundary.
 * @param input - untrusted input.
 * @param what - a short noun for messages, e.g. `"SMA options"`.
 * @example
 * parseWith(z.object({ period: z.number().int().min(1) }), { period: 0 }, "SMA options");
 * // throws ValidationError: Invalid SMA options: period: Too small: expected number to be >=1
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    what,
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
    { cause: result.error },
  );
}
