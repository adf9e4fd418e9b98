import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  coinbaseEvent,
  coinbaseRestBook,
  coinbaseTimeMs,
  coinbaseTimeMsViaDateParse,
  fastCoinbaseEvent,
  normalizeCoinbase,
  normalizeCoinbaseRestBook,
} from "./coinbase.js";
import { fieldValues, mutants } from "./mutants.testutil.js";

const match = {
  type: "match",
  trade_id: 10,
  sequence: 50,
  maker_order_id: "ac928c66-ca53-498f-9c13-a110027a60e8",
  taker_order_id: "132fb6ae-456b-4654-b4e0-d681ac05cea1",
  time: "2014-11-07T08:19:27.028459Z",
  product_id: "BTC-USD",
  size: "5.23512",
  price: "400.23",
  side: "sell",
};
const l2update = {
  type: "l2update",
  product_id: "BTC-USD",
  time: "2019-08-14T20:42:27.265Z",
  changes: [
    ["buy", "10101.80000000", "0.162567"],
    ["sell", "10102.55", "0.0"],
  ],
};

describe("fastCoinbaseEvent (hand-written hot path)", () => {
  it("accepts exactly what the zod schemas accept, and normalizes identically (match, l2update, mutants, anything)", () => {
    const field = fieldValues([
      "-1",
      "buy",
      "sell",
      "match",
      "last_match",
      "l2update",
      "ticker",
      "",
      "2014-11-07T08:19:27Z",
      "2014-11-07T08:19:27.1234567891Z",
      "2014-13-45T08:19:27.5Z",
      "2014-11-07 08:19:27Z",
      2 ** 53,
      true,
      null,
      [],
      [["buy", "1", "2"]],
      [["buy", "1"]],
      [["buy", "1", "2", "3"]],
      [["bid", "1", "2"]],
      [["sell", "1", 2]],
    ]);
    const mutant = (base: Record<string, unknown>) => mutants(base, field);
    fc.assert(
      fc.property(fc.oneof(mutant(match), mutant(l2update), fc.anything()), (m) => {
        const fast = fastCoinbaseEvent(m);
        const z = coinbaseEvent.safeParse(m);
        const zHandled =
          z.success &&
          (z.data.type === "match" || z.data.type === "last_match" || z.data.type === "l2update");
        if (zHandled !== (fast !== null)) return false;
        if (z.success && zHandled) expect(fast).toEqual(normalizeCoinbase(z.data));
        return true;
      }),
      { numRuns: 5000, seed: 9 },
    );
    expect(fastCoinbaseEvent(match)).toEqual(normalizeCoinbase(coinbaseEvent.parse(match)));
    expect(fastCoinbaseEvent(l2update)).toEqual(normalizeCoinbase(coinbaseEvent.parse(l2update)));
  });
});

describe("coinbaseRestBook (GET /products/<id>/book?level=2)", () => {
  // The documented level-2 shape: [price, size, num-orders] (num-orders a number), the book's sequence.
  const documented = {
    bids: [["6247.58", "6.3578146", 2]],
    asks: [["6251.52", "2", 1]],
    sequence: 13051505638,
    auction_mode: false,
    auction: null,
    time: "2023-03-08T18:06:30.123456Z",
  };

  it("parses the documented level-2 shape and normalizes it to a book snapshot keeping the sequence", () => {
    const ev = normalizeCoinbaseRestBook(coinbaseRestBook.parse(documented), "BTC-USD");
    expect(ev).toEqual({
      kind: "book",
      ts: Date.UTC(2023, 2, 8, 18, 6, 30, 123) + 0.456,
      snapshot: true,
      bids: [[6247.58, 6.3578146]],
      asks: [[6251.52, 2]],
      exchange: "coinbase",
      symbol: "BTC-USD",
      firstUpdateId: 13051505638,
      lastUpdateId: 13051505638,
      prevUpdateId: Number.NaN,
    });
  });

  it("rejects a level-3 row (order id instead of num-orders) and a missing sequence, naming the path", () => {
    const l3 = coinbaseRestBook.safeParse({
      ...documented,
      bids: [["6247.58", "1", "da863862-25f4-4868-ac41"]],
    });
    expect(l3.success).toBe(false);
    expect(l3.error?.issues[0]?.path).toEqual(["bids", 0, 2]);
    const { sequence: _, ...noSeq } = documented;
    expect(coinbaseRestBook.safeParse(noSeq).error?.issues[0]?.path).toEqual(["sequence"]);
  });
});

describe("coinbaseTimeMs", () => {
  it("gives the Date.parse rule's double for every plain and unusual time (fast-check)", () => {
    const pad = (x: number, w: number) => String(x).padStart(w, "0");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
        (y, mo, d, h, mi, se, frac) => {
          const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}${frac === undefined ? "" : `.${frac}`}Z`;
          expect(Object.is(coinbaseTimeMs(iso), coinbaseTimeMsViaDateParse(iso))).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
    expect(coinbaseTimeMs("2022-10-19T23:28:22.061769Z")).toBe(Date.UTC(2022, 9, 19, 23, 28, 22) + 61.769);
    expect(coinbaseTimeMs("1970-01-01T00:00:01.000500Z")).toBe(1000.5);
  });
});
