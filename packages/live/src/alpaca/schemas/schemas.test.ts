import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWith, ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { alpacaAccount } from "./account.js";
import { alpacaApiError } from "./apiError.js";
import { alpacaClock } from "./clock.js";
import { streamMessage } from "./marketData.js";
import { alpacaOrder } from "./order.js";
import { alpacaPosition } from "./position.js";
import { formatRfc3339Nanos, parseRfc3339Ms } from "./primitives.js";
import { tradingStreamAction, tradingStreamMessage } from "./tradeUpdate.js";

const DIR = "/work/shared/datasets/alpaca";
const readJson = (f: string): unknown => JSON.parse(readFileSync(join(DIR, f), "utf8"));
type Kind =
  | "order"
  | "orders"
  | "position"
  | "positions"
  | "account"
  | "clock"
  | "error"
  | "stream"
  | "trading"
  | "action";
const SCHEMA: Record<Kind, z.ZodType> = {
  order: alpacaOrder,
  orders: alpacaOrder.array(),
  position: alpacaPosition,
  positions: alpacaPosition.array(),
  account: alpacaAccount,
  clock: alpacaClock,
  error: alpacaApiError,
  stream: streamMessage,
  trading: tradingStreamMessage,
  action: tradingStreamAction,
};
interface Example {
  readonly source: string;
  readonly kind: Kind;
  readonly value: unknown;
}

/** Every example of an order, position, account, clock, error, stream or trade_updates message in the spec files. */
function collectExamples(): Example[] {
  const out: Example[] = [];
  // 1. Official entity examples (docs)
  const entity: Record<string, Kind> = {
    "order.json": "order",
    "order-v2.json": "order",
    "order-v2-crypto.json": "order",
    "position.json": "position",
    "account.json": "account",
    "account-v2.json": "account",
    "clock.json": "clock",
    "stream-bar-v2.json": "stream",
    "stream-quote-v2.json": "stream",
    "stream-trade-v2.json": "stream",
  };
  for (const [f, kind] of Object.entries(entity))
    out.push({ source: `docs_entity_examples/${f}`, kind, value: readJson(`docs_entity_examples/${f}`) });
  // 2. Current OpenAPI spec: schema x-examples, legacy clock example, component examples, path response examples
  const spec = readJson("trading-api_openapi_docs.alpaca.markets.json") as {
    components: {
      schemas: Record<string, Record<string, unknown>>;
      examples: Record<string, { value: unknown }>;
    };
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  };
  const sc = spec.components.schemas;
  for (const [name, kind] of [
    ["Position", "position"],
    ["Account", "account"],
  ] as const)
    for (const [k, v] of Object.entries((sc[name]?.["x-examples"] ?? {}) as Record<string, unknown>))
      out.push({ source: `openapi ${name} x-examples.${k}`, kind, value: v });
  out.push({ source: "openapi legacy_clock example", kind: "clock", value: sc.legacy_clock?.example });
  const pathKinds: [string, string, Kind][] = [
    ["/v2/orders", "get", "orders"],
    ["/v2/orders", "post", "order"],
    ["/v2/orders/{order_id}", "get", "order"],
    ["/v2/orders/{order_id}", "patch", "order"],
    ["/v2/orders:by_client_order_id", "get", "order"],
    ["/v2/positions", "get", "positions"],
    ["/v2/positions/{symbol_or_asset_id}", "get", "position"],
    ["/v2/account", "get", "account"],
    ["/v2/clock", "get", "clock"],
  ];
  for (const [path, method, kind] of pathKinds) {
    const content = (
      spec.paths[path]?.[method]?.responses?.["200"] as
        | { content?: Record<string, Record<string, unknown>> }
        | undefined
    )?.content?.["application/json"];
    if (!content) continue;
    if ("example" in content)
      out.push({ source: `openapi ${method} ${path} example`, kind, value: content.example });
    for (const [k, ex] of Object.entries(
      (content.examples ?? {}) as Record<string, { value?: unknown; $ref?: string }>,
    )) {
      const v = ex.$ref ? spec.components.examples[ex.$ref.split("/").pop() as string]?.value : ex.value;
      // list endpoints document single orders as examples: accept either shape
      const k2: Kind = kind === "orders" && !Array.isArray(v) ? "order" : kind;
      out.push({ source: `openapi ${method} ${path} examples.${k}`, kind: k2, value: v });
    }
  }
  for (const [k, ex] of Object.entries(spec.components.examples))
    out.push({ source: `openapi components.examples.${k}`, kind: "order", value: ex.value });
  // 3. The older v2 spec (yaml)
  const yamlSpec = parseYaml(readFileSync(join(DIR, "trading_openapi_v2_alpaca-docs.yaml"), "utf8")) as {
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  for (const [name, kind] of [
    ["Order", "order"],
    ["Position", "position"],
    ["Account", "account"],
    ["Clock", "clock"],
  ] as const)
    for (const [k, v] of Object.entries(
      (yamlSpec.components.schemas[name]?.["x-examples"] ?? {}) as Record<string, unknown>,
    ))
      out.push({ source: `v2 yaml ${name} x-examples.${k}`, kind, value: v });
  for (const [k, v] of Object.entries(
    (yamlSpec.components.schemas.PositionClosedReponse?.["x-examples"] ?? {}) as Record<
      string,
      { body: unknown }
    >,
  ))
    out.push({ source: `v2 yaml PositionClosedReponse.${k}.body`, kind: "order", value: v.body });
  // 4. Extracted response examples
  const extracted = readJson("openapi_response_examples_extracted.json") as Record<string, unknown>;
  out.push({
    source: "extracted GET /v2/account 200",
    kind: "account",
    value: extracted["GET /v2/account 200"],
  });
  for (const [k, v] of Object.entries(extracted["components.examples"] as Record<string, unknown>))
    out.push({ source: `extracted components.examples.${k}`, kind: "order", value: v });
  // 5. SDK fixtures: alpaca-py mocked responses, alpaca-trade-api-js mock entities
  const py = readJson("alpaca-py_test_fixtures/trading_rest_mock_responses.json") as {
    test: string;
    method: string;
    url: string;
    body: unknown;
  }[];
  for (const r of py) {
    const path = new URL(r.url).pathname;
    const src = `alpaca-py ${r.test}`;
    if (path.startsWith("/v2/account/configurations")) continue; // not used by quantkit
    if (path === "/v2/orders" && r.method === "DELETE") {
      for (const item of r.body as { body?: unknown }[])
        if (item.body) out.push({ source: `${src} (207 item body)`, kind: "error", value: item.body });
      continue;
    }
    if (path === "/v2/positions" && r.method === "DELETE") {
      for (const item of r.body as { status: number; body: unknown }[])
        out.push({
          source: `${src} (item ${item.status} body)`,
          kind: item.status === 200 ? "order" : "error",
          value: item.body,
        });
      continue;
    }
    const kind: Kind = path.startsWith("/v2/orders")
      ? Array.isArray(r.body)
        ? "orders"
        : "order"
      : path.startsWith("/v2/positions")
        ? r.method === "DELETE"
          ? "order"
          : Array.isArray(r.body)
            ? "positions"
            : "position"
        : "account";
    out.push({ source: src, kind, value: r.body });
  }
  const js = readJson("alpaca-trade-api-js_mock/mock_entities.json") as Record<string, unknown>;
  for (const [k, kind] of [
    ["orderEntity", "order"],
    ["accountEntity", "account"],
    ["positionEntity", "position"],
    ["clockEntity", "clock"],
  ] as const)
    out.push({ source: `alpaca-trade-api-js ${k}`, kind, value: js[k] });
  // 6. trade_updates protocol messages
  const tu = readJson("trade_updates_stream_examples_docs.json") as Record<string, unknown>[];
  for (const [i, m] of tu.entries())
    out.push({ source: `trade_updates example ${i}`, kind: "action" in m ? "action" : "trading", value: m });
  return out;
}

const examples = collectExamples();

describe("Alpaca zod schemas", () => {
  test("every example in the spec material parses (orders, positions, account, clock, errors, stream and trade_updates messages)", () => {
    expect(examples.length).toBeGreaterThanOrEqual(60);
    const failures: string[] = [];
    for (const ex of examples) {
      const r = SCHEMA[ex.kind].safeParse(ex.value);
      if (!r.success)
        failures.push(
          `${ex.source}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
    }
    expect(failures).toEqual([]);
    const kinds = new Set(examples.map((e) => e.kind));
    expect([...kinds].sort()).toEqual([
      "account",
      "action",
      "clock",
      "error",
      "order",
      "orders",
      "position",
      "positions",
      "stream",
      "trading",
    ]);
  });

  test("the three examples published as invalid JSON stay unparseable as JSON (documented, not patched)", () => {
    const bad = readdirSync(join(DIR, "docs_entity_examples")).filter((f) => f.includes("INVALID_JSON"));
    expect(bad.length).toBe(3);
    for (const f of bad)
      expect(() => JSON.parse(readFileSync(join(DIR, "docs_entity_examples", f), "utf8"))).toThrow();
  });

  const mutations: [Kind, string, unknown][] = [
    ["order", "qty", "15 shares"],
    ["order", "filled_qty", "fifteen"],
    ["order", "created_at", "2021-03-16 18:38:01"],
    ["order", "status", "partially filled"],
    ["order", "time_in_force", "GTC"],
    ["order", "limit_price", true],
    ["position", "avg_entry_price", { value: 100 }],
    ["position", "side", "flat"],
    ["position", "qty", "5 shares"],
    ["account", "cash", "-23,140.2"],
    ["account", "status", "OPEN"],
    ["clock", "timestamp", "2022-04-28T25:07:04Z"],
    ["clock", "is_open", "true"],
    ["stream", "t", "2021-02-22T15:51:44.208"],
    ["stream", "S", ""],
  ];
  test.each(mutations)("a mutated %s example fails naming the field %s", (kind, field, bad) => {
    const samples = examples.filter(
      (e) =>
        e.kind === kind && typeof e.value === "object" && e.value !== null && field in (e.value as object),
    );
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) {
      const mutated = { ...(s.value as Record<string, unknown>), [field]: bad };
      let err: unknown;
      try {
        parseWith(SCHEMA[kind], mutated, `${kind} example`);
      } catch (e) {
        err = e;
      }
      expect(err, s.source).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues.map((i) => i.path)).toContain(field);
      expect((err as Error).message).toContain(field);
    }
  });

  test("a trade_updates fill with a malformed price fails naming data.price", () => {
    const fill = examples.find(
      (e) => e.kind === "trading" && (e.value as { stream: string }).stream === "trade_updates",
    );
    const v = structuredClone(fill?.value) as { data: Record<string, unknown> };
    v.data.price = "105,8988475";
    expect(() => parseWith(tradingStreamMessage, v, "trade update")).toThrow(/data\.price/);
  });
});

describe("parseRfc3339Ms", () => {
  test("nanosecond timestamps with offsets keep microseconds (Alpaca clock example)", () => {
    expect(parseRfc3339Ms("2022-04-28T14:07:04.451420928-04:00")).toBe(
      Date.UTC(2022, 3, 28, 18, 7, 4, 451) + 0.42,
    );
    expect(parseRfc3339Ms("2022-04-19T17:45:05.024916716Z")).toBeCloseTo(
      Date.UTC(2022, 3, 19, 17, 45, 5, 24) + 0.916,
      6,
    );
    expect(parseRfc3339Ms("2021-03-16T18:38:01Z")).toBe(Date.UTC(2021, 2, 16, 18, 38, 1));
  });

  test("rejects malformed and impossible timestamps", () => {
    for (const bad of [
      "2022-02-30T00:00:00Z",
      "2022-04-28T14:07:04",
      "2022-04-28 14:07:04Z",
      "2022-13-01T00:00:00Z",
      "x",
    ])
      expect(parseRfc3339Ms(bad), bad).toBeNaN();
  });

  test("agrees with Date.parse on millisecond timestamps with any offset (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offMin) => {
          const local = new Date(ms + offMin * 60_000).toISOString().slice(0, 23);
          const sign = offMin < 0 ? "-" : "+";
          const a = Math.abs(offMin);
          const text = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
          expect(parseRfc3339Ms(text)).toBe(Date.parse(text));
          expect(parseRfc3339Ms(text)).toBe(ms);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("formatRfc3339Nanos round-trips microseconds (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 0, max: 999 }),
        (ms, us) => {
          const t = ms + us / 1000;
          const s = formatRfc3339Nanos(t, 7);
          expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
          expect(Math.abs(parseRfc3339Ms(s) - t)).toBeLessThan(1e-3 / 2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
