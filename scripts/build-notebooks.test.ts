import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toCells, toNotebook } from "./build-notebooks.js";

describe("notebook sources", () => {
  it("toCells(text) splits on // %% markers and strips the comment prefix of Markdown cells", () => {
    const cells = toCells("// %% [markdown]\n// # Title\n// text\n// %%\nconst x = 1;\n\nx + 1\n");
    expect(cells.map((c) => c.cell_type)).toEqual(["markdown", "code"]);
    expect(cells[0]?.source).toEqual(["# Title\n", "text"]);
    expect(cells[1]?.source).toEqual(["const x = 1;\n", "\n", "x + 1"]);
  });

  it("every committed notebook equals its notebooks/src/*.ts source and carries no outputs", () => {
    const dir = join(import.meta.dirname, "..", "notebooks");
    const sources = readdirSync(join(dir, "src")).filter((f) => f.endsWith(".ts"));
    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) {
      const committed = readFileSync(join(dir, file.replace(/\.ts$/, ".ipynb")), "utf8");
      expect(committed, file).toBe(toNotebook(readFileSync(join(dir, "src", file), "utf8")));
      const nb = JSON.parse(committed) as { cells: { outputs?: unknown[] }[] };
      for (const cell of nb.cells) expect(cell.outputs ?? []).toEqual([]);
    }
  });
});
