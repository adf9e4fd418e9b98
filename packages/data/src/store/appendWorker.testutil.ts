// A child process for the SIGKILL tests of partition.test.ts: appends batches of 10 trades (with a timestamp tie)
// to the store at argv[2], continuing after what is stored, with frequent background compactions (a log sealed
// every argv[3] rows and turned into a part, parts merged every 3), until killed.
// Batch b holds trades at T0 + b s + k ms for k = 0…9, except k = 5 which repeats k = 4's time.
import { openStore } from "./store.js";

const T0 = Date.UTC(2024, 11, 31, 23, 50);
const root = process.argv[2]!;
const logMaxRows = Number(process.argv[3] ?? 65_536);
const store = await openStore({ root, bundled: false, compactAfterParts: 3, logMaxRows });
let b = (await store.getTrades({ symbol: "K" })).length / 10;
for (; ; b++) {
  const ts = Float64Array.from({ length: 10 }, (_, k) => T0 + b * 1000 + (k === 5 ? 4 : k));
  await store.appendTrades({
    symbol: "K",
    length: 10,
    ts,
    price: Float64Array.from(ts, (_, k) => 100 + k),
    size: new Float64Array(10).fill(1),
    side: Float64Array.from(ts, (_, k) => (k % 2 === 0 ? 1 : -1)),
  });
  process.stdout.write(`batch ${b}\n`);
}
