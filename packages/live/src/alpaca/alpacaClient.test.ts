import { Rng } from "@quantkit/core";
import { afterEach, describe, expect, test } from "vitest";
import { AlpacaApiError, AlpacaClient } from "./alpacaClient.js";
import { makeBars, TEST_KEY, TEST_SECRET, testCredentials } from "./alpacaTest.testutil.js";
import { AlpacaCredentials } from "./credentials.js";
import { type FakeAlpaca, type FakeAlpacaOptions, startFakeAlpaca } from "./fake/fakeAlpaca.js";

const fakes: FakeAlpaca[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const BARS = [
  makeBars("AAA", [
    [10, 11, 9, 10, 1e6],
    [10, 12, 9, 11, 1e6],
  ]),
  makeBars("BBB", [
    [50, 51, 49, 50, 1e5],
    [50, 51, 49, 50, 1e5],
  ]),
];

async function setup(
  opts: Partial<FakeAlpacaOptions> = {},
  client: ConstructorParameters<typeof AlpacaClient>[0] = {},
) {
  const fake = await startFakeAlpaca({ keyId: TEST_KEY, secretKey: TEST_SECRET, replay: BARS, ...opts });
  fakes.push(fake);
  const log: string[] = [];
  const c = new AlpacaClient({
    baseUrl: fake.url,
    credentials: testCredentials(),
    backoff: { baseMs: 5, maxMs: 40 },
    rng: new Rng(7),
    onLog: (l) => log.push(l),
    ...client,
  });
  return { fake, c, log };
}

const order = (cid: string, extra: Record<string, string> = {}) => ({
  symbol: "AAA",
  qty: "10",
  side: "buy" as const,
  type: "market" as const,
  time_in_force: "day" as const,
  client_order_id: cid,
  ...extra,
});

describe("AlpacaClient against the fake broker", () => {
  test("submit, get by id and client id, list, replace, cancel, positions, account, clock", async () => {
    const { c } = await setup();
    const lim = await c.submitOrder(order("c1", { type: "limit", limit_price: "5" }));
    expect(lim.status).toBe("accepted");
    expect(lim.client_order_id).toBe("c1");
    expect((await c.getOrder(lim.id)).status).toBe("new");
    expect((await c.getOrderByClientId("c1"))?.id).toBe(lim.id);
    expect(await c.getOrderByClientId("nope")).toBeUndefined();
    expect((await c.listOrders()).map((o) => o.id)).toEqual([lim.id]);
    const rep = await c.replaceOrder(lim.id, { qty: "3", limit_price: "6", client_order_id: "c1-r1" });
    expect(rep.replaces).toBe(lim.id);
    expect(rep.qty).toBe("3");
    expect((await c.getOrder(lim.id)).status).toBe("replaced");
    await c.cancelOrder(rep.id);
    expect((await c.getOrder(rep.id)).status).toBe("canceled");
    await expect(c.cancelOrder(rep.id)).rejects.toThrow(/422.*already in "canceled" state/);
    await c.submitOrder(order("c2"));
    await new Promise((r) => setTimeout(r, 20));
    const pos = await c.listPositions();
    expect(pos.map((p) => [p.symbol, p.qty, p.avg_entry_price])).toEqual([["AAA", "10", "10"]]);
    const acct = await c.getAccount();
    expect(Number(acct.cash)).toBe(100_000 - 100);
    expect(Number(acct.equity)).toBe(100_000);
    const clock = await c.getClock();
    expect(clock.timestamp).toMatch(/\.\d{9}Z$/);
    expect((await c.listOrders({ status: "closed" })).length).toBe(3);
  });

  test("errors: 403 bad keys, 404 unknown order, 422 validation and duplicate client_order_id, 403 buying power", async () => {
    const { fake, c } = await setup({ cash: 50 });
    const bad = new AlpacaClient({
      baseUrl: fake.url,
      credentials: new AlpacaCredentials(TEST_KEY, "WRONG"),
    });
    await expect(bad.getAccount()).rejects.toMatchObject({ status: 403 });
    await expect(c.getOrder("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      status: 404,
      code: 40410000,
    });
    await expect(c.submitOrder(order("d1", { type: "limit" }))).rejects.toThrow(/422.*limit_price/);
    await expect(c.submitOrder(order("d2", { qty: "1" }))).resolves.toMatchObject({ client_order_id: "d2" });
    const again = await c.submitOrder(order("d2", { qty: "1" })); // the same order again: idempotent
    expect(again.client_order_id).toBe("d2");
    expect((await c.listOrders({ status: "all" })).filter((o) => o.client_order_id === "d2").length).toBe(1);
    await expect(c.submitOrder(order("d2", { qty: "2" }))).rejects.toThrow(
      /422.*client_order_id must be unique/,
    );
    const e = await c.submitOrder(order("d3", { qty: "100" })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AlpacaApiError);
    expect(e).toMatchObject({ status: 403, code: 40310000 });
    expect((e as Error).message).toMatch(/insufficient buying power/);
  });

  test("429: the token bucket paces requests and a server 429 waits for Retry-After, then succeeds", async () => {
    const { fake, c } = await setup(
      { rateLimit: { perMinute: 600, burst: 3 } },
      { rateLimit: { perMinute: 60_000 } },
    );
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => c.getClock()));
    expect(results.length).toBe(6);
    expect(c.throttled).toBeGreaterThan(0);
    const answered = fake.requests.map((r) => r.status);
    expect(answered.filter((s) => s === 429).length).toBe(c.throttled);
    expect(answered.filter((s) => s === 200).length).toBe(6);
    // Retry-After is whole seconds (≥ 1 s)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
  });

  test("429 without Retry-After: the client waits until X-RateLimit-Reset", async () => {
    const { fake, c, log } = await setup(
      { rateLimit: { perMinute: 30, burst: 1, retryAfter: false } },
      { rateLimit: { perMinute: 1e9 } },
    );
    await c.getClock();
    const t0 = Date.now();
    await c.getClock(); // bucket empty: 429, reset ≈ 2 s ahead (rounded up to a whole second); fallback would be 1 s
    expect(fake.requests.map((r) => r.status)).toEqual([200, 429, 200]);
    const line = log.find((l) => l.includes("throttled (429)")) ?? "";
    const waited = Number(/waiting (\d+) ms/.exec(line)?.[1]);
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect(waited).toBeLessThanOrEqual(3100);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(waited - 50);
  });

  test("client-side token bucket alone keeps under the server's limit (8 requests at once; client burst 1 at 95% of the rate, server burst 3)", async () => {
    // the server's extra burst absorbs up to ~2 request intervals (≈ 200 ms) of arrival jitter on a loaded machine
    const paced = await setup(
      { rateLimit: { perMinute: 600, burst: 3 } },
      { rateLimit: { perMinute: 570, capacity: 1 } },
    );
    const unpaced = await setup(
      { rateLimit: { perMinute: 600, burst: 3 } },
      { rateLimit: { perMinute: 1e9 } },
    );
    for (const { c } of [paced, unpaced]) await c.getClock(); // warm the connection pool
    await new Promise((r) => setTimeout(r, 400)); // both buckets full again
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, () => paced.c.getClock()));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(7 * (60_000 / 570) - 20); // it did pace
    await Promise.all(Array.from({ length: 8 }, () => unpaced.c.getClock()));
    expect(paced.fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(paced.c.throttled).toBe(0);
    expect(unpaced.c.throttled).toBeGreaterThanOrEqual(4); // the same burst without pacing is throttled
  });

  test("5xx: GETs are retried with backoff; give up after maxRetries with the status in the error", async () => {
    const { fake, c, log } = await setup({}, { maxRetries: 3 });
    fake.injectFault({ kind: "status", status: 503, count: 2, path: "/v2/account" });
    await expect(c.getAccount()).resolves.toMatchObject({ status: "ACTIVE" });
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(log.filter((l) => /answered 503/.test(l)).length).toBe(2);
    fake.injectFault({ kind: "status", status: 500, count: 10, path: "/v2/positions" });
    await expect(c.listPositions()).rejects.toMatchObject({ status: 500 });
    expect(fake.requests.filter((r) => r.path === "/v2/positions").length).toBe(4);
  });

  test("POST after a dropped response or a 5xx never duplicates: the order is looked up by client_order_id first", async () => {
    const { fake, c } = await setup();
    fake.injectFault({ kind: "drop-response", count: 1, method: "POST", path: "/v2/orders" });
    const o = await c.submitOrder(order("dup-1"));
    expect(o.client_order_id).toBe("dup-1");
    fake.injectFault({ kind: "status", status: 502, count: 1, method: "POST", path: "/v2/orders" });
    const o2 = await c.submitOrder(order("dup-2"));
    expect(o2.client_order_id).toBe("dup-2");
    const all = await c.listOrders({ status: "all" });
    expect(all.map((x) => x.client_order_id).sort()).toEqual(["dup-1", "dup-2"]);
    const posts = fake.requests.filter((r) => r.method === "POST");
    // dup-1: one POST (processed, response dropped) + lookup found it; dup-2: 502 (not processed) + lookup 404 + re-POST
    expect(posts.map((r) => [r.clientOrderId, r.status])).toEqual([
      ["dup-1", 200],
      ["dup-2", 502],
      ["dup-2", 200],
    ]);
  });

  test("a timeout on POST resolves to the order the broker did create", async () => {
    const { fake, c } = await setup({}, { timeoutMs: 100 });
    fake.injectFault({ kind: "delay", ms: 300, count: 1, method: "POST", path: "/v2/orders" });
    const o = await c.submitOrder(order("slow-1"));
    expect(o.client_order_id).toBe("slow-1");
    await new Promise((r) => setTimeout(r, 300));
    expect((await c.listOrders({ status: "all" })).filter((x) => x.client_order_id === "slow-1").length).toBe(
      1,
    );
  });

  test("PATCH after a 5xx that was not processed is retried once the original is still open", async () => {
    const { fake, c } = await setup();
    const o = await c.submitOrder(order("p1", { type: "limit", limit_price: "5" }));
    fake.injectFault({ kind: "status", status: 500, count: 1, method: "PATCH" });
    const r = await c.replaceOrder(o.id, { qty: "4", client_order_id: "p1-r1" });
    expect(r.replaces).toBe(o.id);
    fake.injectFault({ kind: "drop-response", count: 1, method: "PATCH" });
    const r2 = await c.replaceOrder(r.id, { qty: "3", client_order_id: "p1-r2" });
    expect(r2.client_order_id).toBe("p1-r2");
    expect(fake.requests.filter((x) => x.method === "PATCH").length).toBe(3);
  });

  test("jitter is reproducible from the seed", async () => {
    const a = await setup({}, { rng: new Rng(42) });
    const b = await setup({}, { rng: new Rng(42) });
    for (const s of [a, b]) s.fake.injectFault({ kind: "status", status: 503, count: 3, path: "/v2/clock" });
    await a.c.getClock();
    await b.c.getClock();
    expect(a.log.length).toBe(3);
    expect(a.log).toEqual(b.log);
  });
});
