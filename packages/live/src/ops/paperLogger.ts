import { join } from "node:path";
import pino, { type Logger } from "pino";
import { makeRedactor } from "./redact.js";

/** The paper trader's structured JSON logs: a main stream and separate order, trade and error streams. */
export interface PaperLoggers {
  /** Lifecycle, connections, reconciliation, alerts (`paper.log`). */
  readonly main: Logger;
  /** Every order transition (`orders.log`). */
  readonly order: Logger;
  /** Every fill (`trades.log`). */
  readonly trade: Logger;
  /** Errors and rejected orders (`errors.log`). */
  readonly error: Logger;
  /** The files written, by stream. */
  readonly files: {
    readonly main: string;
    readonly order: string;
    readonly trade: string;
    readonly error: string;
  };
  /** Flushes and closes every file. */
  close(): void;
}

/**
 * Creates the four pino loggers writing JSON Lines into `dir` (`paper.log`, `orders.log`, `trades.log`,
 * `errors.log`). Writes are synchronous so a killed process loses no line it logged. Every string in every record
 * passes through a redactor of the given secret values, and the usual credential keys are censored by pino's own
 * `redact` paths, so broker keys can never be logged.
 *
 * @param dir - state directory (must exist).
 * @param secrets - secret values to scrub (e.g. `secretsFromEnv()`).
 * @param level - minimum level (default `"info"`).
 * @example
 * const logs = createPaperLoggers("state", secretsFromEnv()); logs.trade.info({ symbol: "SPY", qty: 1 }, "fill");
 * @see https://getpino.io/#/docs/api
 */
export function createPaperLoggers(dir: string, secrets: readonly string[], level = "info"): PaperLoggers {
  const r = makeRedactor(secrets);
  const files = {
    main: join(dir, "paper.log"),
    order: join(dir, "orders.log"),
    trade: join(dir, "trades.log"),
    error: join(dir, "errors.log"),
  };
  const dests: ReturnType<typeof pino.destination>[] = [];
  const make = (path: string, stream: string): Logger => {
    const dest = pino.destination({ dest: path, sync: true, mkdir: true, append: true });
    dests.push(dest);
    return pino(
      {
        level,
        base: { stream },
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: {
          paths: ["key", "secret", "apiKey", "secretKey", "*.key", "*.secret", "headers", "*.headers"],
          censor: "[REDACTED]",
        },
        formatters: { log: (o) => r.deep(o) },
        hooks: {
          logMethod(args, method) {
            method.apply(
              this,
              args.map((a) => (typeof a === "string" ? r.text(a) : a)) as Parameters<typeof method>,
            );
          },
        },
      },
      dest,
    );
  };
  return {
    main: make(files.main, "main"),
    order: make(files.order, "order"),
    trade: make(files.trade, "trade"),
    error: make(files.error, "error"),
    files,
    close() {
      for (const d of dests.splice(0)) {
        d.flushSync();
        d.end();
      }
    },
  };
}
