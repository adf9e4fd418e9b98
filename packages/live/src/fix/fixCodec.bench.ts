/**
 * FIX codec throughput on ExecutionReports (35=8, 27 fields, ~290 bytes): parse (framing + BodyLength + CheckSum +
 * fields) and serialize, in messages per second. Peer: a naive decoder measured in the same run
 * (`toString("latin1").split(SOH)` then `indexOf("=")`/`Number` per field plus the checksum loop), i.e. what a
 * straightforward hand-written parser does. Targets: ≥ 500,000 msgs/s each (issue 8).
 */
import { Rng } from "@quantkit/core";
import { printTable, size, timeMs } from "@quantkit/core/bench";
import { FixCodec } from "./fixCodec.js";
import { loadFixDictionary } from "./fixDictionary.js";
import { FixMessage } from "./fixMessage.js";
import { testDataPath } from "./testData.js";

const n = size(200_000, 2_000);
const codec = new FixCodec(loadFixDictionary(testDataPath("fix/FIX42.xml")));
const rng = new Rng(42, 0);

function executionReport(i: number): FixMessage {
  const px = (100 + rng.next() * 50).toFixed(2);
  const qty = `${100 * (1 + rng.int(50))}`;
  const f: [number, string][] = [
    [35, "8"],
    [49, "VENUE"],
    [56, "QUANTKIT"],
    [34, `${i + 1}`],
    [52, "20240102-14:30:00.123"],
    [1, "ACCT1"],
    [6, px],
    [11, `C${i}`],
    [14, qty],
    [17, `E${i}`],
    [20, "0"],
    [31, px],
    [32, qty],
    [37, `O${i}`],
    [38, qty],
    [39, "2"],
    [40, "2"],
    [44, px],
    [54, rng.int(2) === 0 ? "1" : "2"],
    [55, "MSFT"],
    [59, "0"],
    [60, "20240102-14:30:00.120"],
    [150, "2"],
    [151, "0"],
    [207, "XNAS"],
    [58, "filled on venue"],
    [47, "A"],
  ];
  return new FixMessage(
    "FIX.4.2",
    f.map((x) => x[0]),
    f.map((x) => x[1]),
  );
}

const messages = Array.from({ length: n }, (_, i) => executionReport(i));
const wire = messages.map((m) => codec.serialize(m));
const bytes = wire.reduce((s, b) => s + b.length, 0);

function naiveParse(b: Buffer): { tags: number[]; values: string[] } {
  const parts = b.toString("latin1").split("\x01");
  const tags: number[] = [];
  const values: string[] = [];
  for (const p of parts) {
    if (p === "") continue;
    const eq = p.indexOf("=");
    tags.push(Number(p.slice(0, eq)));
    values.push(p.slice(eq + 1));
  }
  let sum = 0;
  const end = b.length - 7;
  for (let i = 0; i < end; i++) sum += b[i] as number;
  if (sum % 256 !== Number(values[values.length - 1])) throw new Error("checksum");
  return { tags, values };
}

function naiveSerialize(m: FixMessage): Buffer {
  let body = "";
  for (let i = 0; i < m.tags.length; i++) body += `${m.tags[i]}=${m.values[i]}\x01`;
  const head = `8=${m.beginString}\x019=${body.length}\x01${body}`;
  let sum = 0;
  for (let i = 0; i < head.length; i++) sum += head.charCodeAt(i);
  return Buffer.from(`${head}10=${`${sum % 256}`.padStart(3, "0")}\x01`, "latin1");
}

const parseMs = timeMs(() => {
  let k = 0;
  for (const b of wire) k += codec.parse(b).tags.length;
  return k;
});
const naiveParseMs = timeMs(() => {
  let k = 0;
  for (const b of wire) k += naiveParse(b).tags.length;
  return k;
});
const serMs = timeMs(() => {
  let k = 0;
  for (const m of messages) k += codec.serialize(m).length;
  return k;
});
const naiveSerMs = timeMs(() => {
  let k = 0;
  for (const m of messages) k += naiveSerialize(m).length;
  return k;
});
const rate = (ms: number) => Math.round(n / (ms / 1000));
/** Messages per CPU-second of this process for one run: less sensitive than wall time on a shared, loaded machine. */
function cpuRate(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return Math.round(n / ((c.user + c.system) / 1e6));
}
const cpuParse = cpuRate(() => {
  for (const b of wire) codec.parse(b);
});
const cpuSer = cpuRate(() => {
  for (const m of messages) codec.serialize(m);
});
printTable(`FIX 4.2 ExecutionReport codec, ${n} messages, ${Math.round(bytes / n)} bytes each`, [
  {
    name: "quantkit parse",
    ms: parseMs,
    "msgs/s": rate(parseMs),
    "msgs/CPU-s": cpuParse,
    "vs naive": naiveParseMs / parseMs,
    target: "≥ 500,000 msgs/s",
  },
  { name: "naive split parse (peer)", ms: naiveParseMs, "msgs/s": rate(naiveParseMs), "vs naive": 1 },
  {
    name: "quantkit serialize",
    ms: serMs,
    "msgs/s": rate(serMs),
    "msgs/CPU-s": cpuSer,
    "vs naive": naiveSerMs / serMs,
    target: "≥ 500,000 msgs/s",
  },
  { name: "naive string serialize (peer)", ms: naiveSerMs, "msgs/s": rate(naiveSerMs), "vs naive": 1 },
]);
