import { QuantkitError } from "@quantkit/core";

/**
 * Raised when REST recovery fails (HTTP error or a backfill that cannot make progress).
 * @example
 * new FeedRecoveryError("GET … failed 5 times").name // → "FeedRecoveryError"
 */
export class FeedRecoveryError extends QuantkitError {
  override readonly name = "FeedRecoveryError";
}
