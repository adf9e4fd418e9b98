import { readFileSync } from "node:fs";

/** Test helper (not exported): ORCL daily bars 1995–2014 from test-data/orcl-1995-2014.txt (Yahoo CSV). */
export interface TestBars {
  readonly date: string[];
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly adjClose: Float64Array;
}

/** Loads the bundled ORCL file; every row must parse (throws with the line number otherwise). */
export function loadOrcl(): TestBars {
  const text = readFileSync(new URL("../../test-data/orcl-1995-2014.txt", import.meta.url), "utf8");
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const n = lines.length - 1;
  const cols = Array.from({ length: 5 }, () => new Float64Array(n));
  const date: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1]!.split(",");
    date.push(f[0]!);
    for (let c = 0; c < 5; c++) {
      const v = Number(f[c + 1]);
      if (!Number.isFinite(v)) throw new Error(`orcl-1995-2014.txt line ${i + 2}: bad number ${f[c + 1]}`);
      cols[c]![i] = v;
    }
  }
  const [open, high, low, close, adjClose] = cols as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { date, open, high, low, close, adjClose };
}
