/**
 * Runs every package's benchmarks (`packages/<pkg>/src/**\/*.bench.ts`), each in its own process.
 * `npm run bench` runs full sizes; `npm run bench:tiny` (CI) runs each once at a tiny size so none rots.
 * `npm run bench -- indicators` runs only the benchmarks whose path contains "indicators".
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const tiny = process.argv.includes("--tiny");
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".bench.ts")) out.push(p);
  }
  return out;
}

const files = readdirSync(join(root, "packages"))
  .flatMap((pkg) => {
    try {
      return walk(join(root, "packages", pkg, "src"), []).map((f) => relative(root, f));
    } catch {
      return [];
    }
  })
  .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const r = spawnSync(process.execPath, ["--conditions=@quantkit/source", "--import", "tsx", file], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, QK_BENCH_TINY: tiny ? "1" : "" },
  });
  if (r.status !== 0) {
    failed++;
    console.error(`benchmark failed: ${file} (exit ${r.status})`);
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
