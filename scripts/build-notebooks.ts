/**
 * Builds notebooks/<name>.ipynb from notebooks/src/<name>.ts, a plain TypeScript file split into cells by marker
 * lines: `// %%` starts a code cell, `// %% [markdown]` starts a Markdown cell whose lines are `// `-comments.
 * The .ts sources are what we review and diff; the .ipynb files are committed without outputs.
 * `npm run notebooks:build` rewrites them; `--check` fails if a committed notebook is out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "notebooks", "src");

interface Cell {
  id: string;
  cell_type: "code" | "markdown";
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: never[];
}

/** Splits a notebook source file into cells. */
export function toCells(text: string): Cell[] {
  const cells: Cell[] = [];
  let current: { kind: "code" | "markdown"; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    while (current.lines.length && current.lines[current.lines.length - 1]?.trim() === "")
      current.lines.pop();
    while (current.lines.length && current.lines[0]?.trim() === "") current.lines.shift();
    if (current.lines.length) {
      const source = current.lines.map((l, i) => (i < (current?.lines.length ?? 0) - 1 ? `${l}\n` : l));
      cells.push(
        current.kind === "code"
          ? {
              id: `cell-${cells.length}`,
              cell_type: "code",
              metadata: {},
              source,
              execution_count: null,
              outputs: [],
            }
          : { id: `cell-${cells.length}`, cell_type: "markdown", metadata: {}, source },
      );
    }
  };
  for (const line of text.split("\n")) {
    const m = /^\/\/ %%( \[markdown\])?\s*$/.exec(line);
    if (m) {
      flush();
      current = { kind: m[1] ? "markdown" : "code", lines: [] };
      continue;
    }
    if (!current) current = { kind: "code", lines: [] };
    current.lines.push(current.kind === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
  }
  flush();
  return cells;
}

/** The .ipynb JSON for a source file. */
export function toNotebook(text: string): string {
  const nb = {
    cells: toCells(text),
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const file of readdirSync(srcDir)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const target = join(root, "notebooks", file.replace(/\.ts$/, ".ipynb"));
    const next = toNotebook(readFileSync(join(srcDir, file), "utf8"));
    let prev = "";
    try {
      prev = readFileSync(target, "utf8");
    } catch {}
    if (prev !== next) {
      if (check) {
        stale++;
        console.error(`out of date: ${target} (run npm run notebooks:build)`);
      } else {
        writeFileSync(target, next);
        console.log(`wrote ${target}`);
      }
    }
  }
  process.exit(stale > 0 ? 1 : 0);
}
