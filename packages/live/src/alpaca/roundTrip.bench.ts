/**
 * Order round trip on loopback: strategy → pre-trade risk (backtest's RiskEngine) → AlpacaPaperGateway (REST POST
 * with client_order_id) → fake Alpaca broker (matching) → `trade_updates` fill over WebSocket → ExecutionReport,
 * at a steady 100 orders/s. Peer, measured in the same run against the same fake: the official
 * @alpacahq/alpaca-trade-api 4.0.2 (generated `postOrder` + its `TradingStream`), no risk check.
 * Target: p99 ≤ 5 ms.
 */
import { streaming, trading } from "@alpacahq/alpaca-trade-api";
import type { ExecutionReport } from "@quantkit/backtest";
import { parseRiskConfig, RiskEngine } from "@quantkit/backtest";
import type { Bars } from "@quantkit/core";
import { printTable, size } from "@quantkit/core/bench";
import { kernelOrder } from "../gateway/kernelOrder.testutil.js";
import { AlpacaPaperGateway } from "./alpacaPaperGateway.js";
import { AlpacaCredentials } from "./credentials.js";
import { startFakeAlpaca } from "./fake/fakeAlpaca.js";

const KEY = "BENCHKEY";
const SECRET = "BENCHSECRET";
const N = size(Number(process.env.QK_RT_N ?? 1500), 60);
const RATE = 100; // orders per second
const WARMUP = size(100, 10);

function flatBars(symbol: string, n: number): Bars {
  const mk = (v: number) => new Float64Array(n).fill(v);
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = Date.UTC(2024, 0, 2) + i * 60_000;
  return {
    symbol,
    timeframe: "1m",
    length: n,
    ts,
    open: mk(100),
    high: mk(100.5),
    low: mk(99.5),
    close: mk(100),
    volume: mk(1e9),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/** Warm-up (JIT, connection pool): `WARMUP` orders one at a time, then `count` more paced at RATE per second. */
async function paced(count: number, send: (i: number) => void, done: (n: number) => boolean): Promise<void> {
  for (let i = 0; i < WARMUP; i++) {
    send(i);
    const deadline = performance.now() + 5000;
    while (!done(i + 1) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
  }
  const t0 = performance.now();
  for (let i = WARMUP; i < WARMUP + count; i++) {
    const due = t0 + ((i - WARMUP) * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    send(i);
  }
  const deadline = performance.now() + 60_000;
  while (!done(WARMUP + count) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

async function quantkitPath(url: { url: string; streamUrl: string }): Promise<number[]> {
  const gw = await AlpacaPaperGateway.start({
    baseUrl: url.url,
    streamUrl: url.streamUrl,
    dataUrl: null,
    credentials: new AlpacaCredentials(KEY, SECRET),
    client: { rateLimit: { perMinute: 1e9 } },
  });
  const risk = RiskEngine.fromConfig(
    parseRiskConfig({ maxOrderQty: { default: 100 }, maxPosition: { default: 1e6 } }),
  );
  const positions = new Map<string, number>();
  const state = {
    time: 0,
    positions,
    openOrders: [],
    mids: new Map([["BENCH", 100]]),
    equity: 1e6,
    peakEquity: 1e6,
  };
  const sentAt = new Map<string, number>();
  const lat: number[] = [];
  let filled = 0;
  const brokerRejects: string[] = [];
  gw.connect((r: ExecutionReport) => {
    if (r.kind === "fill" && r.leaves === 0) {
      const t = sentAt.get(r.orderId);
      if (t !== undefined) lat.push(performance.now() - t);
      filled++;
      positions.set(
        "BENCH",
        (positions.get("BENCH") ?? 0) + (Number(r.orderId.slice(1)) % 2 === 0 ? r.qty : -r.qty),
      );
    }
  });
  let rejected = 0;
  const send = (i: number) => {
    const id = `Q${i}`;
    // buys only: concurrent alternating buys/sells would sometimes try to flip the position, which Alpaca (and the
    // fake) refuse while other orders hold the shares
    const side = "buy";
    const t0 = performance.now();
    const d = risk.check(
      { clientOrderId: `bench-${id}`, symbol: "BENCH", side, type: "market", quantity: 1 },
      state,
    );
    if (!d.accepted) {
      rejected++;
      return;
    }
    sentAt.set(id, t0);
    gw.submit(
      kernelOrder(id, { clientOrderId: `bench-${id}`, symbol: "BENCH", side, qty: 1, strategyId: "bench" }),
    );
  };
  await paced(N, send, (n) => filled + rejected + brokerRejects.length >= n);
  gw.close();
  if (rejected > 0) throw new Error(`risk rejected ${rejected} bench orders`);
  if (brokerRejects.length > 0)
    throw new Error(`broker rejected ${brokerRejects.length} orders: ${brokerRejects[0]}`);
  if (lat.length !== N + WARMUP) throw new Error(`only ${lat.length} of ${N + WARMUP} orders filled`);
  return lat.slice(WARMUP);
}

async function sdkPath(url: { url: string; streamUrl: string }): Promise<number[]> {
  const config = new trading.Configuration({
    keyId: KEY,
    secret: SECRET,
    basePath: url.url,
    rateLimit: { maxRequests: 1e9, intervalMs: 60_000, maxConcurrent: 1000 },
  });
  const orders = new trading.OrdersApi(config);
  const stream = new streaming.TradingStream({
    url: url.streamUrl,
    credentials: { keyId: KEY, secret: SECRET },
    reconnect: false,
  });
  const sentAt = new Map<string, number>();
  const lat: number[] = [];
  let filled = 0;
  stream.onTradeUpdate((u) => {
    if (u.event !== "fill") return;
    const t = sentAt.get(u.order.clientOrderId ?? "");
    if (t !== undefined) lat.push(performance.now() - t);
    filled++;
  });
  stream.onConnect(() => stream.subscribeTradeUpdates());
  stream.connect();
  await stream.whenAuthenticated();
  await new Promise((r) => setTimeout(r, 100));
  const send = (i: number) => {
    const cid = `sdk-${i}`;
    sentAt.set(cid, performance.now());
    orders
      .postOrder({
        postOrderRequest: {
          symbol: "BENCH",
          qty: "1",
          side: "buy",
          type: "market",
          timeInForce: "gtc",
          clientOrderId: cid,
        },
      })
      .catch((e: unknown) => errors.push(String(e)));
  };
  const errors: string[] = [];
  await paced(N, send, (n) => filled + errors.length >= n);
  stream.disconnect();
  if (errors.length > 0) throw new Error(`SDK: ${errors.length} orders failed: ${errors[0]}`);
  if (lat.length !== N + WARMUP) throw new Error(`SDK: only ${lat.length} of ${N + WARMUP} orders filled`);
  return lat.slice(WARMUP);
}

const rows = [];
for (const [name, run] of [
  ["quantkit: risk → AlpacaPaperGateway → fake → fill report", quantkitPath],
  ["official SDK 4.0.2: postOrder → fake → TradingStream fill", sdkPath],
] as const) {
  const fake = await startFakeAlpaca({
    keyId: KEY,
    secretKey: SECRET,
    replay: [flatBars("BENCH", 10)],
    rateLimit: false,
    cash: 1e9,
    participation: 1,
  });
  const cpu0 = process.cpuUsage();
  const lat = (await run(fake)).sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpu0);
  await fake.close();
  rows.push({
    name,
    ms: percentile(lat, 0.5),
    p50: percentile(lat, 0.5),
    p99: percentile(lat, 0.99),
    max: lat[lat.length - 1] ?? Number.NaN,
    n: lat.length,
    // CPU of the whole process (client + fake broker) per order: less sensitive to other load than latency
    "CPU µs/order": (cpu.user + cpu.system) / (N + WARMUP),
  });
}
const peer = rows[1]?.p99 ?? Number.NaN;
printTable(
  `Order round trip on loopback at ${RATE} orders/s, ${N} orders (ms; target p99 ≤ 5)`,
  rows.map((r) => ({ ...r, target: "p99 ≤ 5 ms", "p99 vs SDK": `${(r.p99 / peer).toFixed(2)}×` })),
);
