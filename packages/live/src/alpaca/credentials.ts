import { QuantkitError } from "@quantkit/core";

const REDACTED = "[REDACTED]";

/**
 * Alpaca API credentials held so they cannot leak by accident: `String()`, `JSON.stringify()` and `util.inspect`
 * (console.log) all print `[REDACTED]`; the values are readable only through `headers()` and `streamAuth*()`.
 * {@link AlpacaCredentials.redact} scrubs both values out of any text before it is logged or thrown.
 *
 * @example
 * const c = new AlpacaCredentials("AK1", "s3cret"); JSON.stringify({ c }) // → '{"c":"[REDACTED]"}'
 */
export class AlpacaCredentials {
  readonly #keyId: string;
  readonly #secret: string;

  /**
   * @param keyId - `APCA-API-KEY-ID`.
   * @param secret - `APCA-API-SECRET-KEY`.
   */
  constructor(keyId: string, secret: string) {
    if (keyId.length === 0 || secret.length === 0)
      throw new QuantkitError("AlpacaCredentials: key id and secret must be non-empty");
    this.#keyId = keyId;
    this.#secret = secret;
  }

  /** REST auth headers. */
  headers(): Record<string, string> {
    return { "APCA-API-KEY-ID": this.#keyId, "APCA-API-SECRET-KEY": this.#secret };
  }

  /** The trading stream's `authenticate` action. */
  streamAuthTrading(): { action: "authenticate"; data: { key_id: string; secret_key: string } } {
    return { action: "authenticate", data: { key_id: this.#keyId, secret_key: this.#secret } };
  }

  /** The market-data stream's `auth` action. */
  streamAuthData(): { action: "auth"; key: string; secret: string } {
    return { action: "auth", key: this.#keyId, secret: this.#secret };
  }

  /** Replaces every occurrence of the key id or secret in `text` by `[REDACTED]`. */
  redact(text: string): string {
    return text.split(this.#secret).join(REDACTED).split(this.#keyId).join(REDACTED);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `AlpacaCredentials ${REDACTED}`;
  }
}

/**
 * Reads credentials from the environment only (`APCA_API_KEY_ID`, `APCA_API_SECRET_KEY`); the error for a missing
 * variable names the variable, never a value.
 *
 * @param env - environment to read; default `process.env`.
 * @example
 * alpacaCredentialsFromEnv({ APCA_API_KEY_ID: "AK1", APCA_API_SECRET_KEY: "s" }).toString() // → "[REDACTED]"
 * @see https://docs.alpaca.markets/docs/authentication
 */
export function alpacaCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AlpacaCredentials {
  const keyId = env.APCA_API_KEY_ID;
  const secret = env.APCA_API_SECRET_KEY;
  const missing = [...(keyId ? [] : ["APCA_API_KEY_ID"]), ...(secret ? [] : ["APCA_API_SECRET_KEY"])];
  if (missing.length > 0 || !keyId || !secret)
    throw new QuantkitError(`Alpaca credentials missing: set ${missing.join(" and ")} in the environment`);
  return new AlpacaCredentials(keyId, secret);
}
