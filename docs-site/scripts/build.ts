/**
 * Builds the docs site: package READMEs → guide pages, their benchmark sections → one benchmarks page, TypeDoc →
 * API reference pages (Markdown), then VitePress → .vitepress/dist. Generated pages are not committed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const site = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(site, "..");
const packages = [
  "core",
  "data",
  "indicators",
  "regimes",
  "risk-mc",
  "backtest",
  "studies",
  "ingest",
  "live",
  "viz",
];

/** Turns links that point outside the site into plain text (the site must have no dead links). */
export function localizeLinks(md: string): string {
  return md.replace(/(?<!!)\[([^\]]+)\]\(([^)]+)\)/g, (all, text: string, href: string) =>
    /^(https?:|#|mailto:)/.test(href) ? all : text,
  );
}

function readme(pkg: string): string {
  const dir = join(root, "packages", pkg);
  const parts = readdirSync(dir)
    .filter((f) => /^README(-[\w-]+)?\.md$/.test(f))
    .sort((a, b) => (a === "README.md" ? -1 : b === "README.md" ? 1 : a.localeCompare(b)));
  if (parts.length === 0) return `# @quantkit/${pkg}\n\nNo guide yet.\n`;
  return parts.map((f) => readFileSync(join(dir, f), "utf8")).join("\n\n");
}

/** Sections whose heading mentions benchmarks or performance, with their heading. */
export function benchmarkSections(md: string): string[] {
  const out: string[] = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^(#{2,3})\s+(.*)$/.exec(lines[i] as string);
    if (!m || !/bench|performance|speed/i.test(m[2] as string)) continue;
    const level = (m[1] as string).length;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const h = /^(#{1,6})\s/.exec(lines[j] as string);
      if (h && (h[1] as string).length <= level) break;
      body.push(lines[j] as string);
    }
    out.push(`### ${m[2]}\n${body.join("\n")}`);
  }
  return out;
}

/** Renders every diagrams/*.mmd to public/diagrams/*.svg with Mermaid in headless Chromium (no network). */
async function renderDiagrams(): Promise<void> {
  const { chromium } = await import("playwright-core");
  const srcDir = join(site, "diagrams");
  const outDir = join(site, "public", "diagrams");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.QUANTKIT_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: join(root, "node_modules", "mermaid", "dist", "mermaid.min.js") });
    for (const file of readdirSync(srcDir)
      .filter((f) => f.endsWith(".mmd"))
      .sort()) {
      const name = file.replace(/\.mmd$/, "");
      const svg = await page.evaluate(
        async ([src, id]) => {
          const m = (
            globalThis as unknown as {
              mermaid: {
                initialize(c: unknown): void;
                render(id: string, s: string): Promise<{ svg: string }>;
              };
            }
          ).mermaid;
          m.initialize({
            startOnLoad: false,
            theme: "neutral",
            htmlLabels: false,
            flowchart: { htmlLabels: false },
          });
          return (await m.render(id as string, src as string)).svg;
        },
        [readFileSync(join(srcDir, file), "utf8"), `diagram-${name}`],
      );
      if (svg.includes('aria-roledescription="error"')) throw new Error(`Mermaid could not render ${file}`);
      writeFileSync(join(outDir, `${name}.svg`), svg);
    }
  } finally {
    await browser.close();
  }
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: site, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit ${r.status}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const guide = join(site, "guide");
  rmSync(guide, { recursive: true, force: true });
  mkdirSync(guide, { recursive: true });
  const bench: string[] = [
    "# Benchmarks",
    "",
    "Measured on the project's 2-core machine by `npm run bench`; each table compares against the named peer in the same run.",
  ];
  for (const pkg of packages) {
    const md = localizeLinks(readme(pkg));
    writeFileSync(join(guide, `${pkg}.md`), md);
    const sections = benchmarkSections(md);
    if (sections.length) bench.push("", `## @quantkit/${pkg}`, "", ...sections);
  }
  writeFileSync(join(site, "benchmarks.md"), `${bench.join("\n")}\n`);

  const api = join(site, "api");
  rmSync(api, { recursive: true, force: true });
  const entryPoints = packages
    .map((p) => join(root, "packages", p, "src", "index.ts"))
    .filter((p) => existsSync(p));
  run(join(root, "node_modules", ".bin", "typedoc"), [
    "--plugin",
    "typedoc-plugin-markdown",
    "--tsconfig",
    join(root, "tsconfig.json"),
    "--out",
    api,
    "--entryFileName",
    "index.md",
    "--readme",
    "none",
    "--skipErrorChecking",
    "--excludePrivate",
    "--excludeInternal",
    "--hideBreadcrumbs",
    "--disableSources",
    "--outputFileStrategy",
    "modules",
    "--logLevel",
    "Warn",
    ...entryPoints,
  ]);
  // TypeDoc pages quote TSDoc verbatim; keep Vue from reading `{{ … }}` or `{ … }` in them as template syntax.
  for (const dir of [api, ...readdirSync(api, { recursive: true }).map((p) => join(api, String(p)))]) {
    if (!dir.endsWith(".md")) continue;
    writeFileSync(dir, `::: v-pre\n${readFileSync(dir, "utf8")}\n:::\n`);
  }
  await renderDiagrams();
  run(join(root, "node_modules", ".bin", "vitepress"), ["build", "."]);
  console.log(`docs built → ${join(site, ".vitepress", "dist")}`);
}
