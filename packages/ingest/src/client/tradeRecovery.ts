import type { FeedMetrics } from "../metrics/feedMetrics.js";
import type { FeedEvent, NormalizedBookDelta, NormalizedTrade } from "../types.js";
import type { FeedConnection } from "./feedConnection.js";

/**
 * A venue's REST backfill of trade ids `from…to` (`to` = ∞: up to the newest), yielded in id order; it records
 * each trade with {@link TradeRecovery.backfilled}.
 */
export type TradeBackfill = (symbol: string, from: number, to: number) => AsyncGenerator<FeedEvent>;

/**
 * The trade-id recovery shared by the venue feeds: drains a {@link FeedConnection}'s buffer and yields its events
 * with trades in id order and without loss: a trade id `≤` the last yielded is a duplicate (dropped, counted in
 * `duplicates`); a jump is a gap (`trade_gaps`) backfilled over REST before the trade that revealed it; symbols
 * marked with {@link TradeRecovery.catchUp} (trades possibly missed at the tail, with no later trade to reveal
 * them) are backfilled up to the newest trade once the buffer is empty. The venue supplies the REST backfill.
 *
 * @example
 * const trades = new TradeRecovery(conn, metrics, (s, from, to) => backfill(s, from, to), { BTCUSDT: 41 });
 * for await (const ev of trades.events()) … // trade ids 42, 43, … each once, in order
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Compressed-Aggregate-Trades-List
 */
export class TradeRecovery {
  private readonly conn: FeedConnection<FeedEvent>;
  private readonly metrics: FeedMetrics;
  private readonly backfill: TradeBackfill;
  private readonly lastTradeId = new Map<string, number>();
  private readonly pending = new Set<string>();

  /**
   * @param conn - the connection whose buffered events are drained.
   * @param metrics - where `duplicates`, `trade_gaps` and `trades_backfilled` are counted.
   * @param backfill - the venue's REST backfill ({@link TradeBackfill}).
   * @param startAfterTradeId - per symbol, the last trade id already stored (the next one is expected). @default {}
   */
  constructor(
    conn: FeedConnection<FeedEvent>,
    metrics: FeedMetrics,
    backfill: TradeBackfill,
    startAfterTradeId: Record<string, number> = {},
  ) {
    this.conn = conn;
    this.metrics = metrics;
    this.backfill = backfill;
    for (const [s, id] of Object.entries(startAfterTradeId)) this.lastTradeId.set(s, id);
  }

  /**
   * The last trade id yielded (or already stored) for a symbol.
   * @param symbol - the symbol.
   * @returns undefined before the first trade of a symbol without a start id.
   */
  last(symbol: string): number | undefined {
    return this.lastTradeId.get(symbol);
  }

  /** How many symbols have a last trade id (yielded or already stored). */
  get tracked(): number {
    return this.lastTradeId.size;
  }

  /** A backfilled trade is about to be yielded: records its id and counts `trades_backfilled`. */
  backfilled(symbol: string, tradeId: number): void {
    this.lastTradeId.set(symbol, tradeId);
    this.metrics.inc("trades_backfilled", symbol);
  }

  /**
   * Marks a symbol whose latest trades may have been missed: once the buffer is empty, trades after the last id
   * are fetched over REST (the caller wakes a waiting consumer with {@link FeedConnection.wakeUp}).
   */
  catchUp(symbol: string): void {
    this.pending.add(symbol);
  }

  /**
   * The connection's events after recovery, until it is closed.
   * @param onBook - the venue's book recovery, for `book` events; without it they are yielded as they are.
   */
  async *events(onBook?: (ev: NormalizedBookDelta) => AsyncGenerator<FeedEvent>): AsyncGenerator<FeedEvent> {
    while (true) {
      const ev = this.conn.next();
      if (ev === undefined) {
        if (this.conn.isClosed) return;
        if (this.pending.size > 0) {
          const symbols = [...this.pending];
          this.pending.clear();
          for (const s of symbols) {
            const last = this.lastTradeId.get(s);
            if (last !== undefined) yield* this.backfill(s, last + 1, Number.POSITIVE_INFINITY);
          }
          continue;
        }
        await this.conn.wait();
        continue;
      }
      if (ev.kind === "trade") yield* this.onTrade(ev);
      else if (ev.kind === "book" && onBook) yield* onBook(ev);
      else yield ev;
    }
  }

  private async *onTrade(ev: NormalizedTrade): AsyncGenerator<FeedEvent> {
    const last = this.lastTradeId.get(ev.symbol);
    if (last !== undefined) {
      if (ev.tradeId <= last) {
        this.metrics.inc("duplicates", ev.symbol);
        return;
      }
      if (ev.tradeId > last + 1) {
        this.metrics.inc("trade_gaps", ev.symbol);
        yield* this.backfill(ev.symbol, last + 1, ev.tradeId - 1);
      }
    }
    this.lastTradeId.set(ev.symbol, ev.tradeId);
    yield ev;
  }
}
