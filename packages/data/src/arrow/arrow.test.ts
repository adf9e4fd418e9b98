import { emptyBars } from "@quantkit/core";
import { Float32, Float64, Table, tableFromArrays, vectorFromArray } from "apache-arrow";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromArrow, toArrow } from "./arrow.js";

function bars(n: number) {
  const b = emptyBars("ES", "1m", n);
  for (let i = 0; i < n; i++) {
    b.ts[i] = 1_700_000_000_000 + i * 60_000 + 0.001;
    b.open[i] = 100 + i;
    b.high[i] = 101 + i;
    b.low[i] = 99 + i;
    b.close[i] = 100.5 + i;
    b.volume[i] = i;
  }
  return b;
}

describe("toArrow / fromArrow", () => {
  it("toArrow(bars) shares the Float64Array memory (zero-copy) and carries symbol and timeframe", () => {
    const b = bars(10);
    const t = toArrow(b);
    expect(t.numRows).toBe(10);
    expect(t.schema.names).toEqual(["ts", "open", "high", "low", "close", "volume"]);
    expect(t.getChild("close")!.data[0]!.values).toBe(b.close);
    expect(t.schema.metadata.get("quantkit.symbol")).toBe("ES");
    expect(t.schema.metadata.get("quantkit.timeframe")).toBe("1m");
  });

  it("fromArrow(toArrow(bars)) returns the same memory, bit for bit (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 50 }), (xs) => {
        const b = emptyBars("X", "1d", xs.length);
        b.close.set(xs);
        b.ts.set(xs.map((_, i) => i * 86_400_000));
        const back = fromArrow(toArrow(b));
        if (xs.length > 0) {
          expect(back.close).toBe(b.close);
          expect(back.ts).toBe(b.ts);
        }
        expect(Array.from(back.close)).toEqual(Array.from(b.close));
        expect(back.length).toBe(xs.length);
      }),
    );
  });

  it("fromArrow copies what cannot be shared: several record batches, other number types", () => {
    const a = toArrow(bars(3));
    const b = toArrow(bars(2));
    const two = new Table([...a.batches, ...b.batches]);
    const back = fromArrow(two, { symbol: "ES", timeframe: "1m" });
    expect(back.length).toBe(5);
    expect(Array.from(back.open)).toEqual([100, 101, 102, 100, 101]);
    const f32 = tableFromArrays({
      ts: new Float64Array([0, 60_000]),
      open: new Float32Array([1.5, 2.5]),
      high: new Float32Array([2, 3]),
      low: new Float32Array([1, 2]),
      close: new Float32Array([1.75, 2.25]),
      volume: new Float32Array([10, 20]),
    });
    expect(f32.getChild("open")!.type).toBeInstanceOf(Float32);
    expect(Array.from(fromArrow(f32, { symbol: "Y", timeframe: "1m" }).close)).toEqual([1.75, 2.25]);
  });

  it("fromArrow names what is missing: metadata, a column, or nulls", () => {
    const t = tableFromArrays({ ts: new Float64Array([0]), open: new Float64Array([1]) });
    expect(() => fromArrow(t)).toThrow("give { symbol, timeframe }");
    expect(() => fromArrow(t, { symbol: "A", timeframe: "1d" })).toThrow('the table has no column "high"');
    const nulls = new Table({
      ts: vectorFromArray([0, 1], new Float64()),
      open: vectorFromArray([1, null], new Float64()),
      high: vectorFromArray([1, 1], new Float64()),
      low: vectorFromArray([1, 1], new Float64()),
      close: vectorFromArray([1, 1], new Float64()),
      volume: vectorFromArray([1, 1], new Float64()),
    });
    expect(() => fromArrow(nulls, { symbol: "A", timeframe: "1d" })).toThrow(
      'column "open" has 1 nulls; bars have none',
    );
  });
});
