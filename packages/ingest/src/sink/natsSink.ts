import {
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  type PubAck,
} from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import type { Timeframe } from "@quantkit/core";
import { parseWith } from "@quantkit/core";
import type { BarEvent } from "@quantkit/data";
import { z } from "zod";
import type { NormalizedTrade } from "../types.js";

const token = z.string().regex(/^[A-Za-z0-9_-]+$/, "expected a NATS subject token (letters, digits, _ or -)");

/** zod schema of {@link NatsSinkOptions}. */
export const natsSinkOptions = z
  .object({
    servers: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    stream: token.optional(),
    createStream: z.boolean().optional(),
    duplicateWindowMs: z.number().int().positive().optional(),
  })
  .strict();

/** Options of {@link NatsSink.connect}. */
export interface NatsSinkOptions {
  /** NATS server URL(s), e.g. `"127.0.0.1:4222"`. */
  servers: string | string[];
  /** JetStream stream holding `md.>`. @default "MD" */
  stream?: string;
  /** Create (or update) the stream with subjects `md.>` if missing. @default true */
  createStream?: boolean;
  /** JetStream de-duplication window (ms) of message ids. @default 120_000 */
  duplicateWindowMs?: number;
}

/**
 * Publishes normalized trades and bars to NATS JetStream so other processes (paper trader, dashboards) can
 * subscribe and replay: trades on `md.trade.<venue>.<symbol>`, bars on `md.bar.<tf>.<symbol>` (JSON). Every message
 * carries a JetStream message id (`<venue>:<symbol>:<tradeId>`, `<symbol>:<tf>:<ts>:<revision>`), so a
 * re-publication after a reconnect or a restart inside the de-duplication window is dropped by the server (counted
 * in `stats.duplicates`), never stored twice. Publishes are pipelined; {@link NatsSink.flush} awaits the acks.
 *
 * @example
 * const nats = await NatsSink.connect({ servers: "127.0.0.1:4222" });
 * const pipe = new IngestPipeline(store, { symbol: "BTCUSDT" }, nats);
 * @see https://docs.nats.io/using-nats/developer/develop_jetstream/model_deep_dive#message-deduplication
 */
export class NatsSink {
  /** Messages acknowledged by JetStream, and those it reported as duplicates. */
  readonly stats = { published: 0, duplicates: 0 };
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly stream: string;
  private pending: Promise<PubAck>[] = [];

  private constructor(nc: NatsConnection, js: JetStreamClient, stream: string) {
    this.nc = nc;
    this.js = js;
    this.stream = stream;
  }

  /**
   * Connects and (by default) creates the stream `md.>`.
   * @param options - {@link NatsSinkOptions} (validated).
   */
  static async connect(options: NatsSinkOptions): Promise<NatsSink> {
    const o = parseWith(natsSinkOptions, options, "NatsSink options");
    const nc = await connect({ servers: o.servers });
    const stream = o.stream ?? "MD";
    if (o.createStream ?? true) {
      const jsm: JetStreamManager = await jetstreamManager(nc);
      const cfg = {
        name: stream,
        subjects: ["md.>"],
        duplicate_window: (o.duplicateWindowMs ?? 120_000) * 1e6,
      };
      try {
        await jsm.streams.info(stream);
        await jsm.streams.update(stream, { subjects: cfg.subjects, duplicate_window: cfg.duplicate_window });
      } catch {
        await jsm.streams.add(cfg);
      }
    }
    return new NatsSink(nc, jetstream(nc), stream);
  }

  /**
   * Publishes a trade on `md.trade.<exchange>.<symbol>`.
   * @param t - the trade (exchange and symbol must be subject tokens).
   * @example
   * nats.trade(trade) // JSON {"ts":…,"price":…,"size":…,"side":…,"tradeId":…}
   */
  trade(t: NormalizedTrade): void {
    const subject = `md.trade.${subjectToken(t.exchange)}.${subjectToken(t.symbol)}`;
    const body = JSON.stringify({ ts: t.ts, price: t.price, size: t.size, side: t.side, tradeId: t.tradeId });
    this.pending.push(this.js.publish(subject, body, { msgID: `${t.exchange}:${t.symbol}:${t.tradeId}` }));
  }

  /**
   * Publishes a bar event (first emission or correction) on `md.bar.<tf>.<symbol>`.
   * @param symbol - the bar's symbol.
   * @param timeframe - the bar's timeframe.
   * @param bar - the event from `BarAggregator`.
   * @example
   * nats.bar("BTCUSDT", "1m", ev) // subject md.bar.1m.BTCUSDT
   */
  bar(symbol: string, timeframe: Timeframe, bar: BarEvent): void {
    const subject = `md.bar.${timeframe}.${subjectToken(symbol)}`;
    this.pending.push(
      this.js.publish(subject, JSON.stringify(bar), {
        msgID: `${symbol}:${timeframe}:${bar.ts}:${bar.revision}`,
      }),
    );
  }

  /** Awaits the acknowledgements of everything published so far (counts duplicates). */
  async flush(): Promise<void> {
    const acks = await Promise.all(this.pending.splice(0));
    for (const a of acks) {
      if (a.duplicate) this.stats.duplicates++;
      else this.stats.published++;
    }
  }

  /** Flushes and closes the connection. */
  async close(): Promise<void> {
    await this.flush();
    await this.nc.close();
  }
}

const checked = new Set<string>();
function subjectToken(s: string): string {
  if (!checked.has(s)) {
    parseWith(token, s, "NATS subject token");
    if (checked.size < 10_000) checked.add(s);
  }
  return s;
}
