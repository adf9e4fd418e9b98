import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { readEventLog } from "@quantkit/backtest";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./paperTestUtil.testutil.js";
import { type PaperSession, runPaper } from "./runPaper.js";

const KEY = "PKDASHKEY55Q1VX";
const SECRET = "dash-secret-never-print-31c9";
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

const hooks: { path: string; body: string }[] = [];
const hook = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    hooks.push({ path: req.url ?? "", body });
    res.writeHead(204);
    res.end();
  });
});
let hookUrl = "";
beforeAll(async () => {
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
});
afterAll(() => new Promise<void>((r) => hook.close(() => r())));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe("runPaper with the in-process fake broker", () => {
  it("trades live, shows a fill on the dashboard in headless Chromium, serves /health and /metrics, alerts, matches the broker, and never prints the keys", async () => {
    expect(CHROMIUM, "chromium is required (apt-get install -y chromium)").toBeDefined();
    const { dir, cleanup } = tempDir("qk-run-");
    const captured: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((c: string | Uint8Array, ...rest: never[]) => {
      captured.push(String(c));
      return out(c, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((c: string | Uint8Array, ...rest: never[]) => {
      captured.push(String(c));
      return err(c, ...rest);
    }) as typeof process.stderr.write;
    const seen: Record<string, unknown> = {};
    try {
      const report = await runPaper(
        {
          strategy: "sma-cross",
          params: { fast: 2, slow: 3, sizing: { qty: 10 } },
          symbols: ["NVDA"],
          broker: { kind: "fake", intervalMs: 60 },
          stateDir: join(dir, "state"),
          dashboard: { port: 0 },
          risk: { maxOrderQty: { default: 100 }, killSwitch: { maxDrawdown: 0.5 } },
          alerts: { webhookUrl: hookUrl, drawdown: 0.000001 },
          reconcile: { intervalMs: 1000 },
        },
        {
          env: { APCA_API_KEY_ID: KEY, APCA_API_SECRET_KEY: SECRET },
          onReady: (s: PaperSession) => {
            void (async () => {
              try {
                const browser = await chromium.launch({
                  executablePath: CHROMIUM!,
                  headless: true,
                  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
                });
                try {
                  const page = await browser.newPage();
                  await page.goto(s.url);
                  const row = page.locator("#fills tbody tr").first();
                  await row.waitFor({ timeout: 60_000 });
                  seen.fillRow = await row.textContent();
                  seen.health = await page.locator("#health").textContent();
                  seen.riskRows = await page.locator("#risk tbody tr").allTextContents();
                  // the page keeps receiving SSE updates (wait for a second one: a loaded machine delivers them late)
                  await page.waitForFunction(
                    'Number(document.body.getAttribute("data-updates")) > 1',
                    undefined,
                    {
                      timeout: 30_000,
                    },
                  );
                  seen.updates = Number(await page.locator("body").getAttribute("data-updates"));
                  await page.waitForFunction(
                    '(document.getElementById("pnl-line")?.getAttribute("points") ?? "").split(" ").length > 1',
                    undefined,
                    { timeout: 30_000 },
                  );
                  seen.chartPoints = (await page.locator("#pnl-line").getAttribute("points"))?.split(
                    " ",
                  ).length;
                } finally {
                  await browser.close();
                }
                const h = await fetch(`${s.url}/health`);
                seen.healthStatus = h.status;
                seen.metrics = await (await fetch(`${s.url}/metrics`)).text();
                s.fake!.pause();
                await new Promise((r) => setTimeout(r, 800));
                await s.node.reconcile("test");
                const pos = await fetch(`${s.fake!.url}/v2/positions`, {
                  headers: { "APCA-API-KEY-ID": KEY, "APCA-API-SECRET-KEY": SECRET },
                });
                seen.brokerPositions = ((await pos.json()) as { symbol: string; qty: string }[]).map((p) => [
                  p.symbol,
                  Number(p.qty),
                ]);
                seen.localPositions = s.node.portfolio.positions().map((p) => [p.symbol, p.qty]);
              } catch (e) {
                seen.error = e;
              } finally {
                s.stop("test done");
              }
            })();
          },
        },
      );
      expect(seen.error).toBeUndefined();
      expect(report.stopReason).toBe("test done");
      expect(report.fills).toBeGreaterThan(0);
      expect(String(seen.fillRow)).toContain(`${report.runId}-`);
      expect(String(seen.fillRow)).toContain("NVDA");
      expect(seen.health).toBe("OK");
      expect((seen.riskRows as string[]).some((r) => r.startsWith("drawdown"))).toBe(true);
      expect(seen.updates).toBeGreaterThan(1);
      expect(seen.chartPoints).toBeGreaterThan(1);
      expect(seen.healthStatus).toBe(200);
      expect(String(seen.metrics)).toMatch(/quantkit_paper_fills_total\{source="stream"\} [1-9]/);
      expect(seen.localPositions).toEqual(seen.brokerPositions);
      // the journal is a valid event log that a restart could replay
      const { records, truncated } = readEventLog(report.journal);
      expect(truncated).toBeNull();
      expect(records.filter((r) => r.type === "intent").length).toBe(report.orders);
      expect(hooks.some((h) => JSON.parse(h.body).alert.kind === "drawdown")).toBe(true);
      // secrets: not in any output file, the captured console, or the alerts
      const outputs = filesUnder(dir).map((f) => [f, readFileSync(f, "utf8")] as const);
      expect(outputs.map(([f]) => f.slice(dir.length))).toEqual(
        expect.arrayContaining([
          "/state/events.jsonl",
          "/state/orders.log",
          "/state/trades.log",
          "/state/errors.log",
        ]),
      );
      for (const [f, text] of [
        ...outputs,
        ["console", captured.join("")] as const,
        ["webhook", hooks.map((h) => h.body).join("\n")] as const,
      ]) {
        expect(text.includes(KEY), `${f} contains the key id`).toBe(false);
        expect(text.includes(SECRET), `${f} contains the secret`).toBe(false);
      }
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      cleanup();
    }
  }, 180_000);
});
