/**
 * `npm run notebooks`: registers the tslab kernel in a project-local Jupyter folder (.jupyter-kernel/, nothing
 * system-wide) and executes every notebook in notebooks/ headless with `jupyter nbconvert --execute`, failing on the
 * first cell error. Executed copies go to out/notebooks/ (the committed notebooks stay without outputs).
 *
 * Needs Debian's Jupyter (checked first; `bash scripts/install-system-deps.sh` installs it).
 * `npm run notebooks -- data` runs only notebooks whose file name contains "data".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const python = "/usr/bin/python3";
const kernelPrefix = join(root, ".jupyter-kernel");
const jupyterPath = join(kernelPrefix, "share", "jupyter");
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env });
  return r.status ?? 1;
}

const probe = spawnSync(python, ["-m", "nbconvert", "--version"], { encoding: "utf8" });
if (probe.status !== 0) {
  console.error(
    "Jupyter nbconvert is not available for /usr/bin/python3. Install it with\n  apt-get install -y --no-install-recommends jupyter-notebook jupyter-nbconvert python3-ipykernel jupyter-client\n(or run: bash scripts/install-system-deps.sh)",
  );
  process.exit(2);
}

// Register tslab for this checkout only, then make its kernel read the workspace's TypeScript sources.
const tslab = join(root, "node_modules", ".bin", "tslab");
if (run(tslab, ["install", `--python=${python}`, `--binary=${tslab}`, `--prefix=${kernelPrefix}`]) !== 0)
  process.exit(1);
const kernelJson = join(jupyterPath, "kernels", "tslab", "kernel.json");
const spec = JSON.parse(readFileSync(kernelJson, "utf8")) as { env?: Record<string, string> };
spec.env = {
  ...spec.env,
  NODE_OPTIONS: "--conditions=@quantkit/source --import tsx",
  QUANTKIT_NOTEBOOK: "1",
};
writeFileSync(kernelJson, JSON.stringify(spec, null, 2));

const dir = join(root, "notebooks");
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
const outDir = join(root, "out", "notebooks");
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const nb of notebooks) {
  const t0 = performance.now();
  console.log(`\n▶ ${nb}`);
  const status = run(
    python,
    [
      "-m",
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      "--ExecutePreprocessor.kernel_name=tslab",
      "--ExecutePreprocessor.timeout=300",
      "--output-dir",
      outDir,
      join(dir, nb),
    ],
    { ...process.env, JUPYTER_PATH: jupyterPath },
  );
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (status !== 0) {
    failed++;
    console.error(`✗ ${nb} failed after ${secs} s`);
  } else console.log(`✓ ${nb} in ${secs} s`);
}
if (notebooks.length === 0) {
  console.error("no notebooks matched");
  process.exit(1);
}
console.log(`\nnotebooks: ${notebooks.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 || !existsSync(outDir) ? 1 : 0);
