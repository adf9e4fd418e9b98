import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { nativeReader, resultColumns } from "./nativeReader.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collects garbage until the pool holds `blocks` blocks (finalizers run after the collection, on the JS thread). */
async function collectUntil(blocks: number): Promise<number> {
  const native = nativeReader()!;
  for (let k = 0; k < 50 && native.poolStats().blocks < blocks; k++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return native.poolStats().blocks;
}

describe("result columns", () => {
  it("are zeroed ordinary arrays when small or without the native reader", () => {
    const [a, b] = resultColumns(2, 1000);
    expect(a).toEqual(new Float64Array(1000));
    expect(b!.length).toBe(1000);
  });

  it("reuse the blocks of collected columns (already faulted in, not zeroed) and give them back when trimmed", async () => {
    const native = nativeReader();
    if (process.env.QUANTKIT_REQUIRE_NATIVE === "1") expect(native).not.toBeNull();
    if (!native) {
      expect(resultColumns(1, 1 << 17)[0]).toEqual(new Float64Array(1 << 17));
      return;
    }
    native.trimPool();
    expect(native.poolStats()).toEqual({ blocks: 0, bytes: 0 });
    let cols: Float64Array[] | undefined = resultColumns(2, 1 << 17);
    cols[0]!.fill(7);
    cols[1]!.fill(7);
    cols = undefined;
    expect(await collectUntil(2)).toBe(2);
    expect(native.poolStats().bytes).toBe(2 * 8 * (1 << 17));
    // a request the pooled blocks fit with at most a quarter to spare takes one; its old values are still there
    const [again] = resultColumns(1, (1 << 17) - 1000);
    expect(native.poolStats().blocks).toBe(1);
    expect(again!.length).toBe((1 << 17) - 1000);
    expect(again![0]).toBe(7);
    // far smaller requests do not take a block they would waste
    const [small] = resultColumns(1, 1 << 16);
    expect(native.poolStats().blocks).toBe(1);
    expect(small!.length).toBe(1 << 16);
    expect(native.trimPool()).toBe(8 * (1 << 17));
    expect(native.poolStats()).toEqual({ blocks: 0, bytes: 0 });
  });
});
