/**
 * A whole paper session printed as loudly as possible, for the "secrets never printed" test: credentials come from
 * APCA_API_KEY_ID / APCA_API_SECRET_KEY; every report, error, log line, retry, object dump and thrown message is
 * written to stdout/stderr. Run with `node --conditions=@quantkit/source --import tsx secretSession.testutil.ts`.
 */
import { inspect } from "node:util";
import type { ExecutionReport } from "@quantkit/backtest";
import { kernelOrder } from "../gateway/kernelOrder.testutil.js";
import { AlpacaClient } from "./alpacaClient.js";
import { AlpacaPaperGateway } from "./alpacaPaperGateway.js";
import { makeBars, waitFor } from "./alpacaTest.testutil.js";
import { alpacaCredentialsFromEnv } from "./credentials.js";
import { startFakeAlpaca } from "./fake/fakeAlpaca.js";

const creds = alpacaCredentialsFromEnv();
const env = process.env as Record<string, string>;
const fake = await startFakeAlpaca({
  keyId: env.APCA_API_KEY_ID,
  secretKey: env.APCA_API_SECRET_KEY,
  replay: [
    makeBars("AAA", [
      [10, 11, 9, 10, 1000],
      [10, 12, 8, 11, 1000],
      [11, 12, 10, 11.5, 1000],
    ]),
  ],
  rateLimit: { perMinute: 600, burst: 4 },
});
const reports: ExecutionReport[] = [];
const gw = await AlpacaPaperGateway.start({
  baseUrl: fake.url,
  streamUrl: fake.streamUrl,
  dataUrl: fake.dataUrl,
  onError: (m) => console.error("gateway error:", m),
  onMarketData: (e) => console.log("market data:", JSON.stringify(e)),
  client: {
    onLog: (l) => console.log("client:", l),
    backoff: { baseMs: 5, maxMs: 20 },
    rateLimit: { perMinute: 1e9 },
  },
  reconnect: { backoff: { baseMs: 10, maxMs: 20 } },
});
gw.connect((r) => {
  reports.push(r);
  console.log("report:", JSON.stringify(r));
});
gw.subscribe("AAA", "bars");
console.log("credentials:", creds, String(creds), JSON.stringify({ creds }), inspect(creds, { depth: 5 }));
console.log("gateway:", inspect(gw, { depth: 6, showHidden: true }));
console.log("env check:", JSON.stringify(alpacaCredentialsFromEnv()));
fake.injectFault({ kind: "status", status: 503, count: 2, path: "/v2/orders" });
gw.submit(kernelOrder("1", { symbol: "AAA", side: "buy", qty: 150 }));
gw.submit(kernelOrder("2", { symbol: "AAA", side: "buy", qty: 1e9 }));
gw.submit(kernelOrder("3", { symbol: "NOPE", side: "buy", qty: 1 }));
await waitFor(
  "reports",
  () => reports.filter((r) => r.kind === "reject").length === 2 && reports.some((r) => r.kind === "fill"),
);
fake.dropStreams();
fake.step(1);
await waitFor("resync", () => reports.some((r) => r.kind === "fill" && r.leaves === 0));
// 429s: a burst beyond the fake's bucket
await Promise.all(Array.from({ length: 8 }, () => gw.client.getClock()));
// errors thrown and printed with their stacks and causes
for (const p of [gw.client.getOrder("missing"), gw.client.cancelOrder("missing")]) {
  try {
    await p;
  } catch (e) {
    console.error("thrown:", e, inspect(e, { depth: 6, showHidden: true }));
  }
}
const dead = new AlpacaClient({
  baseUrl: "http://127.0.0.1:9",
  credentials: creds,
  maxRetries: 1,
  backoff: { baseMs: 1 },
});
try {
  await dead.getAccount();
} catch (e) {
  console.error("network failure:", e);
}
try {
  alpacaCredentialsFromEnv({});
} catch (e) {
  console.error("missing env:", e);
}
console.log("snapshot:", JSON.stringify(await gw.reconcileSnapshot()));
console.log("requests:", JSON.stringify(fake.requests));
console.log(
  "client stats:",
  JSON.stringify({ sent: gw.client.sent, throttled: gw.client.throttled, retried: gw.client.retried }),
);
gw.close();
await fake.close();
console.log("SESSION OK");
