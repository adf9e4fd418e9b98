// Builds the optional native reader (qkread.node) with the system C compiler. It is optional: without a compiler
// the store reads through @duckdb/node-bindings (slower on big loads, same results), so a failed build only warns.
// Run by the package's install script, by `.ci/run`, and by hand: `node packages/data/native/build.mjs [--force]`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "qkread.c");
const out = join(here, "build", "qkread.node");
const force = process.argv.includes("--force");

if (!force && existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) process.exit(0);
let include;
try {
  include = join(dirname(createRequire(import.meta.url).resolve("node-api-headers/package.json")), "include");
} catch {
  console.warn("@quantkit/data: node-api-headers not installed; the native reader is not built (optional)");
  process.exit(0);
}
mkdirSync(join(here, "build"), { recursive: true });
const cc = process.env.CC ?? "cc";
const r = spawnSync(cc, ["-O2", "-std=c11", "-D_GNU_SOURCE", "-shared", "-fPIC", "-Wall", `-I${include}`, src, "-o", out, "-ldl"], {
  encoding: "utf8",
});
if (r.status !== 0) {
  console.warn(
    `@quantkit/data: could not build the native reader with ${cc} (optional; loads use the JavaScript path):\n${r.error ?? r.stderr}`,
  );
  process.exit(0);
}
console.log(`@quantkit/data: built ${out}`);
