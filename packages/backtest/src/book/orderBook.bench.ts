/**
 * L3 order book throughput: a seeded stream of mixed add / cancel / match operations on one symbol with about
 * 10,000 resting orders, run through {@link L3Book} and through the naive sorted-array book (the peer) in the same
 * process. Target: ≥ 2,000,000 ops/s. Both books must end in the same state (checked). Wall-clock AND process CPU
 * time are reported: on a shared, overloaded machine the CPU-time rate is the meaningful one.
 *
 * Run: `npx tsx --conditions=@quantkit/source packages/backtest/src/book/orderBook.bench.ts` (QK_BENCH_TINY=1 for CI).
 */
import { Rng } from "@quantkit/core";
import { printTable, size, tiny } from "@quantkit/core/bench";
import { L3Book } from "./l3Book.js";
import { NaiveOrderBook } from "./naiveOrderBook.js";

const PREFILL = size(10_000, 1_000);
const N_OPS = size(2_000_000, 20_000);
const N_NAIVE = size(200_000, 20_000);
const MID = 100_000; // ticks
const TICK = 0.01;

// op stream: kind 0 add, 1 cancel, 2 match; side 0 buy, 1 sell
const total = PREFILL + N_OPS;
const kind = new Uint8Array(total);
const side = new Uint8Array(total);
const price = new Float64Array(total);
const qty = new Float64Array(total);
const id = new Float64Array(total);
{
  // A generation-time book tells which orders are still resting, so every cancel hits a live order and the book
  // stays near PREFILL orders (adds are more likely below the target, less likely above it).
  const rng = new Rng(20261125, 0);
  const gen = new L3Book({ capacity: 4 * PREFILL });
  const live: number[] = [];
  let nextId = 0;
  for (let i = 0; i < total; i++) {
    const u = rng.next();
    const s = rng.int(2);
    side[i] = s;
    const pAdd = gen.size < PREFILL ? 0.55 : 0.35;
    if (i < PREFILL || u < pAdd) {
      kind[i] = 0;
      const aggressive = i >= PREFILL && rng.next() < 0.05;
      const off = aggressive ? -rng.int(3) : 1 + rng.int(200);
      price[i] = (s === 0 ? MID - off : MID + 1 + off) * TICK;
      qty[i] = 1 + rng.int(10);
      id[i] = nextId;
      gen.add(nextId, s === 0 ? "buy" : "sell", price[i]!, qty[i]!);
      live.push(nextId++);
      continue;
    }
    let victim = -1;
    if (u < 0.85) {
      while (live.length > 0 && victim < 0) {
        const k = rng.int(live.length);
        const cand = live[k]!;
        live[k] = live[live.length - 1]!;
        live.pop();
        if (gen.has(cand)) victim = cand;
      }
    }
    if (victim >= 0) {
      kind[i] = 1;
      id[i] = victim;
      gen.cancel(victim);
    } else {
      kind[i] = 2;
      qty[i] = 1 + rng.int(8);
      gen.match(s === 0 ? "buy" : "sell", qty[i]!);
    }
  }
}

interface BookLike {
  add(id: number, side: "buy" | "sell", price: number, qty: number): number;
  cancel(id: number): boolean;
  match(side: "buy" | "sell", qty: number): number;
  readonly size: number;
}

function prefill(b: BookLike): void {
  for (let i = 0; i < PREFILL; i++) b.add(id[i]!, side[i] === 0 ? "buy" : "sell", price[i]!, qty[i]!);
}
/** Runs ops [PREFILL, PREFILL + n) and returns a checksum of traded quantity. */
function run(b: BookLike, n: number): number {
  let traded = 0;
  const end = PREFILL + n;
  for (let i = PREFILL; i < end; i++) {
    const k = kind[i];
    if (k === 0) traded += b.add(id[i]!, side[i] === 0 ? "buy" : "sell", price[i]!, qty[i]!);
    else if (k === 1) b.cancel(id[i]!);
    else traded += b.match(side[i] === 0 ? "buy" : "sell", qty[i]!);
  }
  return traded;
}

function measure(
  make: () => BookLike,
  n: number,
  repeats: number,
): { ms: number; cpuMs: number; traded: number; size: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  let traded = 0;
  let sz = 0;
  for (let r = 0; r < repeats; r++) {
    const b = make();
    prefill(b);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    traded = run(b, n);
    times.push(performance.now() - t0);
    cpu.push(process.cpuUsage(c0).user / 1000);
    sz = b.size;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return { ms: times[mid]!, cpuMs: cpu[mid]!, traded, size: sz };
}

const reps = tiny ? 1 : 5;
measure(() => new L3Book({ capacity: 32_768 }), Math.min(N_OPS, 200_000), tiny ? 0 : 2); // warm-up
// the peer runs first, on the cleaner heap (conservative for the ratio)
const naive = measure(() => new NaiveOrderBook(), N_NAIVE, tiny ? 1 : 3);
const fast = measure(() => new L3Book({ capacity: 32_768 }), N_OPS, reps);
const fastPrefix = measure(() => new L3Book({ capacity: 32_768 }), N_NAIVE, reps);
if (fastPrefix.traded !== naive.traded || fastPrefix.size !== naive.size) {
  throw new Error(
    `books disagree: traded ${fastPrefix.traded} vs ${naive.traded}, size ${fastPrefix.size} vs ${naive.size}`,
  );
}
const opsPerS = (n: number, ms: number) => n / (ms / 1000);
const fastRate = opsPerS(N_OPS, fast.ms);
const naiveRate = opsPerS(N_NAIVE, naive.ms);
printTable(
  `L3 order book, ${PREFILL} resting orders, mixed ops (≈45% add, ≈40% cancel, ≈15% match, 5% of adds cross; seeded)`,
  [
    {
      name: "quantkit L3Book",
      ops: N_OPS,
      ms: fast.ms,
      "Mops/s": fastRate / 1e6,
      "cpu ms": fast.cpuMs,
      "Mops/cpu-s": opsPerS(N_OPS, fast.cpuMs) / 1e6,
      "final orders": fast.size,
      "vs naive": fastRate / naiveRate,
      "vs naive (cpu)": naive.cpuMs / N_NAIVE / (fast.cpuMs / N_OPS),
      target: "≥ 2 Mops/s",
    },
    {
      name: "quantkit L3Book (naive's prefix)",
      ops: N_NAIVE,
      ms: fastPrefix.ms,
      "Mops/s": opsPerS(N_NAIVE, fastPrefix.ms) / 1e6,
      "cpu ms": fastPrefix.cpuMs,
      "Mops/cpu-s": opsPerS(N_NAIVE, fastPrefix.cpuMs) / 1e6,
      "final orders": fastPrefix.size,
      "vs naive": opsPerS(N_NAIVE, fastPrefix.ms) / naiveRate,
      "vs naive (cpu)": naive.cpuMs / fastPrefix.cpuMs,
    },
    {
      name: "naive sorted-array book (peer)",
      ops: N_NAIVE,
      ms: naive.ms,
      "Mops/s": naiveRate / 1e6,
      "cpu ms": naive.cpuMs,
      "Mops/cpu-s": opsPerS(N_NAIVE, naive.cpuMs) / 1e6,
      "final orders": naive.size,
      "vs naive": 1,
      "vs naive (cpu)": 1,
    },
  ],
);
