import { parseWith, QuantkitError, type TradeColumns } from "@quantkit/core";
import { z } from "zod";
import { coinbaseRestTrade, normalizeCoinbaseRestTrade } from "../normalize/coinbase.js";
import type { NormalizedTrade } from "../types.js";
import { fetchJson } from "./fetchJson.js";
import { tradeColumns } from "./tradeColumns.js";
import type { TradeSource } from "./tradeSource.js";

/**
 * zod schema of {@link CoinbaseTradeSourceOptions}.
 * @example
 * coinbaseTradeSourceOptions.safeParse({ limit: 1001 }).success // → false
 */
export const coinbaseTradeSourceOptions = z
  .object({
    limit: z.number().int().min(1).max(1000).optional(),
    maxPages: z.number().int().positive().optional(),
  })
  .strict();

/** Options of {@link coinbaseTradeSource}. */
export interface CoinbaseTradeSourceOptions {
  /** Trades per page (Coinbase: at most 1000). @default 1000 */
  limit?: number;
  /**
   * Most pages fetched per call. Coinbase has no time filter, so a range is reached by paging back from the newest
   * trade; a `start` not reached within `maxPages · limit` trades is an error, never a truncated answer.
   * @default 1000
   */
  maxPages?: number;
}

/**
 * A {@link TradeSource} over Coinbase Exchange REST `GET /products/<id>/trades`, which has no time filter and pages
 * newest first by trade-id cursor (`after` = ids below it): it pages back from the newest trade, each page
 * `after` the smallest id seen, until a trade older than `start`, keeps the trades with `start ≤ ts < end` and
 * returns them in ascending id (= time) order. Every row is zod-validated ({@link coinbaseRestTrade}); ids must
 * be consecutive (a hole is an error naming the missing id) and times must not decrease with the id. `side` is the
 * aggressor's, as the feed maps it (Coinbase's `side` is the maker's: `sell` → +1). More than `maxPages` pages
 * needed → an error saying how far back it got.
 *
 * @param restUrl - REST base URL (Coinbase: `https://api.exchange.coinbase.com`; the fake venue's `restUrl` in tests).
 * @param get - JSON GET. @default {@link fetchJson}
 * @param options - page size and page cap ({@link CoinbaseTradeSourceOptions}).
 * @example
 * const source = coinbaseTradeSource(venue.restUrl);
 * (await source("BTC-USD", Date.UTC(2020, 1, 22, 2), Date.UTC(2020, 1, 22, 2, 1))).length // → trades of that minute
 * @see https://docs.cdp.coinbase.com/api-reference/exchange-api/rest-api/products/get-product-trades
 * @see https://docs.cdp.coinbase.com/exchange/rest-api/pagination
 */
export function coinbaseTradeSource(
  restUrl: string,
  get: (url: string) => Promise<unknown> = fetchJson,
  options: CoinbaseTradeSourceOptions = {},
): TradeSource {
  const o = parseWith(coinbaseTradeSourceOptions, options, "coinbaseTradeSource options");
  const limit = o.limit ?? 1000;
  const maxPages = o.maxPages ?? 1000;
  const rows = z.array(coinbaseRestTrade);
  return async (symbol, start, end) => {
    const got: NormalizedTrade[] = []; // newest first
    let after: number | undefined;
    let newer: NormalizedTrade | undefined; // the previous row (one id above the next one)
    for (let page = 0; ; page++) {
      if (page === maxPages)
        throw new QuantkitError(
          `trade source ${symbol}: start ${new Date(start).toISOString()} not reached after ${maxPages} pages of ${limit} trades (oldest seen: trade id ${newer?.tradeId} at ${newer ? new Date(newer.ts).toISOString() : "-"}); raise maxPages`,
        );
      const url = `${restUrl}/products/${symbol}/trades?limit=${limit}${after === undefined ? "" : `&after=${after}`}`;
      const batch = parseWith(rows, await get(url), "trades response");
      for (const row of batch) {
        const t = normalizeCoinbaseRestTrade(row, symbol);
        if (newer && t.tradeId !== newer.tradeId - 1)
          throw new QuantkitError(
            `trade source ${symbol}: expected trade id ${newer.tradeId - 1}, got ${t.tradeId}`,
          );
        if (newer && t.ts > newer.ts)
          throw new QuantkitError(
            `trade source ${symbol}: trade id ${t.tradeId} at ${t.ts} is later than trade id ${newer.tradeId} at ${newer.ts}`,
          );
        if (t.ts < start) return columns();
        if (t.ts < end) got.push(t);
        newer = t;
      }
      if (batch.length < limit || !newer) return columns(); // the product's first trade was reached
      after = newer.tradeId;
    }

    function columns(): TradeColumns {
      return tradeColumns(got.reverse(), symbol);
    }
  };
}
