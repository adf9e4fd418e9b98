import { existsSync } from "node:fs";
import { QuantkitError } from "@quantkit/core";
import type { Browser, Page } from "playwright-core";
import type { Figure } from "./figure.js";
import { plotlySource } from "./plotlySource.js";

/** Raised when no Chromium is installed; the message says how to get one. */
export class ChromiumNotFoundError extends QuantkitError {
  override name = "ChromiumNotFoundError";
}

/** Static image formats {@link FigureRenderer} produces. */
export type ImageFormat = "png" | "svg";

/** Options of a render. Width and height default to the figure's layout size (960 × 540). */
export interface RenderOptions {
  readonly format: ImageFormat;
  readonly width?: number;
  readonly height?: number;
  /** Pixel ratio for PNG. @default 1 */
  readonly scale?: number;
}

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/**
 * Path of a Chromium/Chrome binary: `QUANTKIT_CHROMIUM` if set, else the usual Debian locations; undefined if none.
 *
 * @example
 * findChromium() // → "/usr/bin/chromium" after `apt-get install chromium`
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.QUANTKIT_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

// Plotly draws with random ids (clip paths, gradients); a seeded Math.random in the page makes SVG/PNG output
// byte-identical for the same figure.
const SEEDED_RANDOM = `(() => {
  let s = 0x2545f491;
  window.__qkReseed = () => { s = 0x2545f491; };
  Math.random = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
})();`;

/**
 * Renders figures to PNG or SVG in one headless Chromium (launched once, plotly.js loaded once from node_modules,
 * no network). Deterministic: the same figure renders to the same bytes.
 *
 * @example
 * const r = await FigureRenderer.launch();
 * const png = await r.render(fig, { format: "png" }); // → Buffer with a PNG of 960 × 540
 * await r.close();
 */
export class FigureRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Starts Chromium (throws {@link ChromiumNotFoundError} with install instructions when none is found). */
  static async launch(options: { executablePath?: string } = {}): Promise<FigureRenderer> {
    const executablePath = options.executablePath ?? findChromium();
    if (!executablePath) {
      throw new ChromiumNotFoundError(
        "No Chromium found for PNG/SVG rendering: install it with `apt-get install -y chromium` or set QUANTKIT_CHROMIUM to a Chrome/Chromium binary. HTML reports do not need it.",
      );
    }
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--font-render-hinting=none",
      ],
    });
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0"><div id="qk"></div></body></html>');
    await page.addScriptTag({ content: SEEDED_RANDOM });
    await page.addScriptTag({ content: plotlySource() });
    return new FigureRenderer(browser, page);
  }

  /** Renders one figure; PNG as a Buffer, SVG as a string. */
  async render(figure: Figure, options: RenderOptions & { format: "png" }): Promise<Buffer>;
  async render(figure: Figure, options: RenderOptions & { format: "svg" }): Promise<string>;
  async render(figure: Figure, options: RenderOptions): Promise<Buffer | string>;
  async render(figure: Figure, options: RenderOptions): Promise<Buffer | string> {
    const layout = figure.layout as { width?: number; height?: number };
    const width = options.width ?? layout.width ?? 960;
    const height = options.height ?? layout.height ?? 540;
    const url = await this.page.evaluate(
      async ({ fig, format, width, height, scale }) => {
        type El = object;
        const w = globalThis as unknown as {
          __qkReseed: () => void;
          document: { getElementById(id: string): El };
          Plotly: {
            newPlot: (el: El, d: unknown, l: unknown, c: unknown) => Promise<El>;
            toImage: (el: El, o: unknown) => Promise<string>;
            purge: (el: El) => void;
          };
        };
        w.__qkReseed();
        const el = w.document.getElementById("qk");
        w.Plotly.purge(el);
        await w.Plotly.newPlot(el, fig.data, { ...fig.layout, width, height }, { staticPlot: true });
        return w.Plotly.toImage(el, { format, width, height, scale });
      },
      { fig: figure, format: options.format, width, height, scale: options.scale ?? 1 },
    );
    if (options.format === "png") return Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
    const comma = url.indexOf(",");
    const header = url.slice(0, comma);
    const payload = url.slice(comma + 1);
    return header.endsWith(";base64")
      ? Buffer.from(payload, "base64").toString("utf8")
      : decodeURIComponent(payload);
  }

  /** Closes the browser (Playwright removes the fresh temporary profile it launched with). */
  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * Renders a single figure (launching and closing Chromium). Prefer {@link FigureRenderer} for many figures.
 *
 * @example
 * writeFileSync("fig.svg", await renderFigure(fig, { format: "svg" }));
 */
export async function renderFigure(figure: Figure, options: RenderOptions): Promise<Buffer | string> {
  const renderer = await FigureRenderer.launch();
  try {
    return await renderer.render(figure, options);
  } finally {
    await renderer.close();
  }
}
