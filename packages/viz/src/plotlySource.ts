import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

let cached: string | undefined;

/**
 * The minified plotly.js bundle from the `plotly.js-dist-min` package, read once from node_modules (no network).
 *
 * @example
 * plotlySource().length > 1_000_000 // → true
 */
export function plotlySource(): string {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    cached = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  }
  return cached;
}

/** Version of the bundled plotly.js. */
export function plotlyVersion(): string {
  const require = createRequire(import.meta.url);
  return (require("plotly.js-dist-min/package.json") as { version: string }).version;
}
