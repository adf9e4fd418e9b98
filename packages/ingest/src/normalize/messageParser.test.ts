import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadTardisTrades } from "../fake/replayData.js";
import { MessageParser } from "./messageParser.js";

const data = (f: string) => fileURLToPath(new URL(`../../test-data/${f}`, import.meta.url));

// Example messages as published in the venues' API documentation.
const BINANCE = {
  aggTrade:
    '{"e":"aggTrade","E":123456789,"s":"BTCUSDT","a":5933014,"p":"0.001","q":"100","f":100,"l":105,"T":123456785,"m":true}',
  bookTicker:
    '{"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}',
  depthUpdate:
    '{"e":"depthUpdate","E":123456789,"T":123456788,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}',
};
const COINBASE = {
  match:
    '{"type":"match","trade_id":10,"sequence":50,"maker_order_id":"ac928c66-ca53-498f-9c13-a110027a60e8","taker_order_id":"132fb6ae-456b-4654-b4e0-d681ac05cea1","time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"5.23512","price":"400.23","side":"sell"}',
  ticker:
    '{"type":"ticker","sequence":37475248783,"product_id":"ETH-USD","price":"1285.22","open_24h":"1310.79","volume_24h":"245532.79269678","low_24h":"1280.52","high_24h":"1313.8","volume_30d":"9788783.60117027","best_bid":"1285.04","best_bid_size":"0.46688654","best_ask":"1285.27","best_ask_size":"1.56637040","side":"buy","time":"2022-10-19T23:28:22.061769Z","trade_id":370843401,"last_size":"11.4396987"}',
  snapshot:
    '{"type":"snapshot","product_id":"BTC-USD","bids":[["10101.10","0.45054140"]],"asks":[["10102.55","0.57753524"]]}',
  l2update:
    '{"type":"l2update","product_id":"BTC-USD","changes":[["buy","10101.80000000","0.162567"],["sell","10102.55","0.0"]],"time":"2019-08-14T20:42:27.265Z"}',
};

describe("MessageParser('binance')", () => {
  const p = new MessageParser("binance");
  it("normalizes the documented aggTrade: m = buyer is maker → aggressor sold (side -1)", () => {
    expect(p.parse(BINANCE.aggTrade)).toEqual({
      kind: "trade",
      ts: 123456785,
      price: 0.001,
      size: 100,
      side: -1,
      exchange: "binance-futures",
      symbol: "BTCUSDT",
      tradeId: 5933014,
      eventTs: 123456789,
    });
  });
  it("normalizes the documented bookTicker and depthUpdate (U/u/pu kept)", () => {
    expect(p.parse(BINANCE.bookTicker)).toMatchObject({
      kind: "quote",
      ts: 1568014460891,
      bid: 25.3519,
      bidSize: 31.21,
      ask: 25.3652,
      askSize: 40.66,
      updateId: 400900217,
    });
    expect(p.parse(BINANCE.depthUpdate)).toMatchObject({
      kind: "book",
      snapshot: false,
      firstUpdateId: 157,
      lastUpdateId: 160,
      prevUpdateId: 149,
      bids: [[0.0024, 10]],
      asks: [[0.0026, 100]],
    });
  });
  it("unwraps combined-stream messages and skips subscription acks as control messages", () => {
    const q = new MessageParser("binance");
    expect(q.parse(`{"stream":"btcusdt@aggTrade","data":${BINANCE.aggTrade}}`)?.kind).toBe("trade");
    expect(q.parse('{"result":null,"id":1}')).toBeNull();
    expect(q.stats).toEqual({ received: 2, events: 1, control: 1, malformed: 0 });
  });
  it("every real Tardis trade, sent in Binance wire format, normalizes to the source row exactly", () => {
    const q = new MessageParser("binance");
    for (const t of loadTardisTrades(data("tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv"))) {
      const raw = `{"e":"aggTrade","E":${t.ts + 5},"s":"BTCUSDT","a":${t.id},"p":"${t.priceText}","q":"${t.sizeText}","f":${t.id},"l":${t.id},"T":${t.ts},"m":${t.side === -1}}`;
      const ev = q.parse(raw);
      if (
        ev?.kind !== "trade" ||
        ev.ts !== t.ts ||
        ev.price !== t.price ||
        ev.size !== t.size ||
        ev.side !== t.side
      )
        expect({ ev, t }).toBeNull();
    }
    expect(q.stats.events).toBe(9999);
  });
  it("rejects bad fields with the field named, counts and samples them", () => {
    const q = new MessageParser("binance", 2);
    expect(q.parse(BINANCE.aggTrade.replace('"p":"0.001"', '"p":"-1"'))).toBeNull();
    expect(q.parse(BINANCE.aggTrade.replace('"T":123456785', '"T":"x"'))).toBeNull();
    expect(q.parse("not json")).toBeNull();
    expect(q.parse('{"e":"kline"}')).toBeNull();
    expect(q.stats.malformed).toBe(4);
    expect(q.samples).toHaveLength(2);
    expect(q.samples[0]!.reason).toMatch(/^p: expected a decimal/);
    expect(q.samples[1]!.reason).toMatch(/^T: /);
  });
});

describe("MessageParser('coinbase')", () => {
  const p = new MessageParser("coinbase");
  it("normalizes the documented match: side is the maker's, so a maker sell is an aggressive buy", () => {
    const ev = p.parse(COINBASE.match);
    expect(ev).toMatchObject({
      kind: "trade",
      price: 400.23,
      size: 5.23512,
      side: 1,
      tradeId: 10,
      symbol: "BTC-USD",
    });
    // µs survive as a fraction of the ms epoch (Date.parse alone truncates them).
    expect(ev!.ts).toBeCloseTo(Date.parse("2014-11-07T08:19:27.028Z") + 0.459, 6);
  });
  it("normalizes ticker, snapshot and l2update", () => {
    expect(p.parse(COINBASE.ticker)).toMatchObject({
      kind: "quote",
      bid: 1285.04,
      ask: 1285.27,
      bidSize: 0.46688654,
      askSize: 1.5663704,
      updateId: 37475248783,
    });
    expect(p.parse(COINBASE.snapshot)).toMatchObject({
      kind: "book",
      snapshot: true,
      bids: [[10101.1, 0.4505414]],
    });
    expect(p.parse(COINBASE.l2update)).toMatchObject({
      kind: "book",
      snapshot: false,
      ts: Date.parse("2019-08-14T20:42:27.265Z"),
      bids: [[10101.8, 0.162567]],
      asks: [[10102.55, 0]],
    });
  });
  it("skips subscriptions/heartbeat messages as control", () => {
    const q = new MessageParser("coinbase");
    expect(q.parse('{"type":"subscriptions","channels":[]}')).toBeNull();
    expect(q.stats.control).toBe(1);
  });
});

describe("MessageParser never throws", () => {
  it("on arbitrary text, arbitrary JSON and mutated valid messages; every message is counted once", () => {
    const valid = [...Object.values(BINANCE), ...Object.values(COINBASE)];
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ maxLength: 3 }))
      .map(([m, at, ins]) => m.slice(0, at % m.length) + ins + m.slice((at % m.length) + 1));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.json(), mutated),
        fc.constantFrom("binance", "coinbase"),
        (raw, venue) => {
          const q = new MessageParser(venue as "binance" | "coinbase");
          q.parse(raw);
          const s = q.stats;
          return s.received === 1 && s.events + s.control + s.malformed === 1;
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("decimal strings parse to the same number as Number()", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.nat({ max: 12 }), (digits, scale) => {
        const s = digits.toString().padStart(scale + 1, "0");
        const text = scale === 0 ? s : `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
        const ev = new MessageParser("binance").parse(
          BINANCE.aggTrade.replace('"p":"0.001"', `"p":"${text}"`),
        );
        return ev?.kind === "trade" && ev.price === Number(text);
      }),
    );
  });
});
