import { parseWith, type TradeColumns } from "@quantkit/core";
import { z } from "zod";
import { binanceRestAggTrade } from "../normalize/binance.js";
import { fetchJson } from "./fetchJson.js";
import type { TradeSource } from "./tradeSource.js";

const HOUR = 3_600_000;
const PAGE = 1000;

/**
 * A {@link TradeSource} over Binance USDT-M futures REST: the first trade at or after `start` is found by time
 * (`aggTrades?startTime&endTime`, hour by hour: the endpoint accepts at most one hour), then pages follow by trade
 * id (`fromId`) until a trade at or after `end`, so trades sharing a millisecond are never split across a page edge.
 * Every row is zod-validated; ids must be consecutive (a hole is an error naming it, never silently skipped).
 *
 * @param restUrl - REST base URL (Binance: `https://fapi.binance.com`; the fake exchange's `restUrl` in tests).
 * @param get - JSON GET. @default {@link fetchJson}
 * @example
 * const source = binanceTradeSource(exchange.restUrl);
 * (await source("BTCUSDT", Date.UTC(2020, 1, 22), Date.UTC(2020, 1, 22, 0, 1))).length // → trades of that minute
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Compressed-Aggregate-Trades-List
 */
export function binanceTradeSource(
  restUrl: string,
  get: (url: string) => Promise<unknown> = fetchJson,
): TradeSource {
  const rows = z.array(binanceRestAggTrade);
  return async (symbol, start, end) => {
    const ts: number[] = [];
    const price: number[] = [];
    const size: number[] = [];
    const side: number[] = [];
    let next = -1;
    for (let s = Math.ceil(start); next < 0 && s < end; s += HOUR) {
      const e = Math.min(Math.ceil(end) - 1, s + HOUR - 1);
      const page = parseWith(
        rows,
        await get(`${restUrl}/fapi/v1/aggTrades?symbol=${symbol}&startTime=${s}&endTime=${e}&limit=1`),
        "aggTrades response",
      );
      if (page.length > 0) next = page[0]!.a;
    }
    while (next >= 0) {
      const page = parseWith(
        rows,
        await get(`${restUrl}/fapi/v1/aggTrades?symbol=${symbol}&fromId=${next}&limit=${PAGE}`),
        "aggTrades response",
      );
      for (const r of page) {
        if (r.T >= end) return columns();
        if (r.a !== next) throw new Error(`trade source ${symbol}: expected trade id ${next}, got ${r.a}`);
        ts.push(r.T);
        price.push(r.p);
        size.push(r.q);
        side.push(r.m ? -1 : 1); // m: the buyer is the maker, so the aggressor sold
        next++;
      }
      if (page.length < PAGE) break; // nothing newer published yet
    }
    return columns();

    function columns(): TradeColumns {
      return {
        symbol,
        length: ts.length,
        ts: Float64Array.from(ts),
        price: Float64Array.from(price),
        size: Float64Array.from(size),
        side: Float64Array.from(side),
      };
    }
  };
}
