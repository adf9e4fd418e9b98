import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const site = join(import.meta.dirname, "..");
const dist = join(site, ".vitepress", "dist");
const shots = join(site, "..", "out", "docs-site");

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? "/").split("?")[0] as string);
    let file = normalize(join(dist, url));
    if (!file.startsWith(dist)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("docs site (built with VitePress, loaded in headless Chromium)", () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    if (!existsSync(join(dist, "index.html"))) {
      const r = spawnSync("npm", ["run", "site"], { cwd: site, stdio: "inherit" });
      expect(r.status).toBe(0);
    }
    server = await serve();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    });
    mkdirSync(shots, { recursive: true });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("every page reachable from the home page loads without console errors, broken internal links or missing images", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    let current = "/";
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${current}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`${current}: ${e.message}`));
    const seen = new Set<string>(["/"]);
    const queue = ["/"];
    const broken: string[] = [];
    while (queue.length > 0) {
      current = queue.shift() as string;
      const response = await page.goto(origin + current, { waitUntil: "networkidle" });
      if (response?.status() !== 200) {
        broken.push(`${current} → HTTP ${response?.status()}`);
        continue;
      }
      const { links, badImages } = await page.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: { querySelectorAll(s: string): ArrayLike<Record<string, unknown>> };
          }
        ).document;
        const links = Array.from(d.querySelectorAll("a[href]"), (a) => String(a.href));
        const badImages = Array.from(d.querySelectorAll("img"))
          .filter((img) => !(img.complete && Number(img.naturalWidth) > 0))
          .map((img) => String(img.src));
        return { links, badImages };
      });
      for (const img of badImages) broken.push(`${current}: missing image ${img}`);
      for (const href of links) {
        const u = new URL(href);
        if (u.origin !== origin) continue;
        const path = u.pathname;
        if (!seen.has(path)) {
          seen.add(path);
          queue.push(path);
        }
      }
      const name =
        current === "/"
          ? "index"
          : current
              .replace(/^\//, "")
              .replace(/\.html$/, "")
              .replace(/\//g, "_");
      if (!current.startsWith("/api/")) await page.screenshot({ path: join(shots, `${name}.png`) });
    }
    expect(broken).toEqual([]);
    expect(errors).toEqual([]);
    for (const p of [
      "/getting-started.html",
      "/architecture.html",
      "/conventions.html",
      "/benchmarks.html",
      "/guide/data.html",
      "/api/",
    ]) {
      expect(seen.has(p) || seen.has(p.replace(/\.html$/, "")), p).toBe(true);
    }
  }, 600_000);

  it("the architecture page shows its four diagrams, rendered from Mermaid sources to standalone SVG", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/architecture.html`, { waitUntil: "networkidle" });
    const images = await page.$$eval("img[src$='.svg']", (els) =>
      els.map((e) => ({
        src: String((e as unknown as { src: string }).src),
        width: Number((e as unknown as { naturalWidth: number }).naturalWidth),
      })),
    );
    expect(images.map((i) => i.src.split("/").pop())).toEqual([
      "architecture.svg",
      "data-flow.svg",
      "order-state-machine.svg",
      "regime-states.svg",
    ]);
    for (const img of images) expect(img.width, img.src).toBeGreaterThan(0);
    const stateMachine = readFileSync(join(dist, "diagrams", "order-state-machine.svg"), "utf8");
    expect(stateMachine).not.toContain('aria-roledescription="error"');
    expect(stateMachine).toContain("PENDING_CANCEL");
    expect(readFileSync(join(dist, "diagrams", "regime-states.svg"), "utf8")).toContain("Turbulent");
  }, 120_000);
});
