/**
 * Parser for Tulip Indicators' test vectors (`test-data/tulip/*.txt`): blocks of `name opt1 opt2…`, optional `#`
 * comment lines, then `{…}` arrays — the inputs followed by the expected outputs, which start after Tulip's lookback.
 */
import { readFileSync } from "node:fs";
import { testDataPath } from "./data.js";

/** One Tulip test vector. */
export interface TulipVector {
  readonly file: string;
  readonly name: string;
  readonly options: number[];
  /** All `{…}` arrays of the block in order (inputs first, then outputs). */
  readonly arrays: Float64Array[];
}

/** Every vector named `name` in the three Tulip files. */
export function tulipVectors(name: string): TulipVector[] {
  const out: TulipVector[] = [];
  for (const file of ["untest.txt", "atoz.txt", "extra.txt"]) {
    const blocks = readFileSync(testDataPath(`tulip/${file}`), "utf8").split(/\r?\n\s*\r?\n/);
    for (const block of blocks) {
      const lines = block
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== "" && !l.startsWith("#"));
      const head = lines[0]?.split(/\s+/);
      if (!head || head[0] !== name) continue;
      const arrays = lines
        .filter((l) => l.startsWith("{"))
        .map((l) =>
          Float64Array.from(
            l
              .replace(/[{}]/g, "")
              .split(",")
              .filter((v) => v.trim() !== ""),
            Number,
          ),
        );
      out.push({ file, name, options: head.slice(1).map(Number), arrays });
    }
  }
  return out;
}

/**
 * Compares the tail of our full-length output with Tulip's expected output (which starts after its lookback), at
 * the precision Tulip printed (3 decimals unless `tol` says otherwise). Returns the largest deviation.
 */
export function compareTulipTail(ours: Float64Array, expected: Float64Array, tol = 0.0005 + 1e-9): number {
  const off = ours.length - expected.length;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(ours[off + i]! - expected[i]!);
    if (!(d <= tol))
      throw new Error(`index ${off + i}: quantkit ${ours[off + i]} vs Tulip ${expected[i]} (tol ${tol})`);
    worst = Math.max(worst, d);
  }
  return worst;
}
