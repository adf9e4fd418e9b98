import type { MarketDataFeed } from "../types.js";
import type { IngestPipeline } from "./ingestPipeline.js";

/**
 * Test helper: adds a feed's trades to a pipeline until the trade with id `lastTradeId` (other events are
 * skipped); the caller finishes the pipeline.
 * @param feed - the started feed.
 * @param pipeline - where the trades go.
 * @param lastTradeId - the id of the source's last trade.
 * @example
 * await ingestUntil(feed, pipe, SOURCE[SOURCE.length - 1]!.id); await pipe.finish({ includeIncomplete: true });
 */
export async function ingestUntil(
  feed: MarketDataFeed,
  pipeline: IngestPipeline,
  lastTradeId: number,
): Promise<void> {
  for await (const ev of feed.events()) {
    if (ev.kind !== "trade") continue;
    await pipeline.add(ev);
    if (ev.tradeId === lastTradeId) break;
  }
}
