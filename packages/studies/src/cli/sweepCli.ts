import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { QuantkitError } from "@quantkit/core";
import { parse as parseYaml } from "yaml";
import { Catalog } from "../catalog/catalog.js";
import { compareRuns } from "../catalog/compareRuns.js";
import { reproduceRun } from "../catalog/reproduceRun.js";
import { runSweep, type SweepProgress } from "../sweep/runSweep.js";
import type { SweepConfigInput } from "../sweep/sweepConfig.js";
import type { SweepSummary } from "../sweep/sweepSummary.js";
import { progressPrinter } from "./progressBar.js";

/**
 * Reads a sweep config file (YAML, or JSON by extension); a relative `data.path` (csv) or `data.home` (store) is
 * resolved against the file's folder.
 *
 * @example
 * loadSweepConfig("packages/studies/examples/sma-sweep.yaml").strategy // → "sma-cross"
 */
export function loadSweepConfig(path: string): SweepConfigInput {
  const text = readFileSync(path, "utf8");
  const raw = (path.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as SweepConfigInput;
  if (raw === null || typeof raw !== "object")
    throw new QuantkitError(`sweep config ${path}: expected a mapping, got ${typeof raw}`);
  const base = dirname(resolve(path));
  const data = raw.data as Record<string, unknown> | undefined;
  if (data && typeof data.path === "string" && !isAbsolute(data.path)) data.path = resolve(base, data.path);
  if (data && typeof data.home === "string" && !isAbsolute(data.home)) data.home = resolve(base, data.home);
  return raw;
}

/** Command-line overrides of a sweep config's `search` (`--search grid|random|halving [--n n] [--seed s] [--eta e]`). */
export interface SearchOverride {
  /** The search kind; the config's other search fields are kept when it has the same kind. */
  readonly search?: "grid" | "random" | "halving";
  /** Random candidates (`random`, or `halving` from random draws instead of the whole grid). */
  readonly n?: number;
  /** Seed of the random candidates. */
  readonly seed?: number;
  /** Successive halving: keep the best 1/eta per rung. */
  readonly eta?: number;
}

/**
 * Applies {@link SearchOverride} to a sweep config read from a file: the config's search is kept when no override is
 * given, or when the kind is the same (its `n`, `seed`, `eta` then stay unless overridden); the result is validated
 * later with the config (a field a kind does not have, such as `n` for a grid, is reported).
 *
 * @example
 * withSearch({ strategy: "sma-cross", data, search: { kind: "grid" } }, { search: "halving", eta: 2 }).search // → { kind: "halving", eta: 2 }
 */
export function withSearch(cfg: SweepConfigInput, o: SearchOverride): SweepConfigInput {
  if (o.search === undefined && o.n === undefined && o.seed === undefined && o.eta === undefined) return cfg;
  const base = (cfg.search ?? { kind: "grid" }) as Record<string, unknown>;
  const kind = o.search ?? (base.kind as string | undefined) ?? "grid";
  const search: Record<string, unknown> = base.kind === kind ? { ...base } : { kind };
  if (o.n !== undefined) search.n = o.n;
  if (o.seed !== undefined) search.seed = o.seed;
  if (o.eta !== undefined) search.eta = o.eta;
  return { ...cfg, search: search as SweepConfigInput["search"] };
}

/** Options of {@link sweepCommand} (what `quantkit sweep` parses from its arguments). */
export interface SweepCommandOptions extends SearchOverride {
  /** Path of a YAML or JSON sweep config (see `sweepConfigSchema`). */
  readonly config: string;
  /** Output folder, overriding the config's `out`. */
  readonly out?: string;
  /** Worker threads, overriding the config's `workers`. */
  readonly workers?: number;
  /** Catalog file (default `defaultCatalogPath()`), or false to not record. */
  readonly catalog?: string | false;
  /** Ctrl-C: stops dispatching, finishes the runs in flight, writes them. */
  readonly signal?: AbortSignal;
  /** Where lines of output go. @default console.log */
  readonly log?: (line: string) => void;
  /** Progress display (default: a bar on stdout). */
  readonly onProgress?: (p: SweepProgress) => void;
}

/**
 * `quantkit sweep --config <file> [--out dir] [--workers n] [--catalog file] [--search grid|random|halving] [--n n]
 * [--seed s] [--eta e]`: runs the sweep with a progress bar, records the study and its runs in the catalog, prints
 * the summary and writes `<out>/summary.json`.
 *
 * @example
 * await sweepCommand({ config: "packages/studies/examples/sma-sweep.yaml", workers: 2 });
 */
export async function sweepCommand(o: SweepCommandOptions): Promise<SweepSummary> {
  const log = o.log ?? ((l: string) => console.log(l));
  const cfg = {
    ...withSearch(loadSweepConfig(o.config), o),
    ...(o.out !== undefined ? { out: o.out } : {}),
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
  };
  const catalog = o.catalog === false ? undefined : new Catalog(o.catalog);
  const summary = await runSweep(cfg, {
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
    ...(catalog !== undefined ? { catalog } : {}),
    onProgress: o.onProgress ?? progressPrinter(),
  });
  const out = cfg.out ?? "out/sweep";
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "summary.json"), `${JSON.stringify(summary.toJSON(), null, 2)}\n`);
  log(String(summary));
  if (catalog !== undefined)
    log(`  catalog: ${catalog.path} (quantkit runs list --study ${summary.studyId})`);
  if (summary.aborted) log("  interrupted: rerun the same command to complete the missing runs");
  return summary;
}

const fmt = (x: number | undefined) =>
  x === undefined
    ? "—"
    : !Number.isFinite(x)
      ? String(x)
      : Math.abs(x) >= 1000
        ? x.toFixed(0)
        : x.toPrecision(4);

/**
 * `quantkit runs list|show <id>|compare <a> <b>|reproduce <id>` over the catalog. Returns the process exit code
 * (1 when `reproduce` finds different metrics, 2 on a usage error).
 *
 * @param args - the words after `runs`.
 * @param options - `{ catalog?: path, study?: id, limit?: n, order?: "recorded" | "sharpe" | "totalReturn" }`.
 * @example
 * await runsCommand(["list"], { limit: 10, order: "sharpe" }); // prints a table of runs
 */
export async function runsCommand(
  args: readonly string[],
  options: {
    catalog?: string;
    study?: string;
    limit?: number;
    order?: "recorded" | "sharpe" | "totalReturn";
    log?: (line: string) => void;
  } = {},
): Promise<number> {
  const log = options.log ?? ((l: string) => console.log(l));
  const catalog = new Catalog(options.catalog);
  const [sub, a, b] = args;
  switch (sub) {
    case "list":
    case undefined: {
      const studies = await catalog.listStudies();
      if (options.study === undefined && studies.length > 0) {
        log("studies:");
        for (const s of studies)
          log(`  ${s.id}  ${s.name.padEnd(16)} ${s.kind.padEnd(12)} ${s.status.padEnd(9)} ${s.runs} runs`);
      }
      const runs = await catalog.listRuns({
        ...(options.study !== undefined ? { study: options.study } : {}),
        orderBy: options.order ?? "recorded",
        limit: options.limit ?? 20,
      });
      log(`runs (${catalog.path}):`);
      log(
        `  ${"id".padEnd(12)}  ${"study".padEnd(16)} ${"strategy".padEnd(14)} ${"sharpe".padStart(9)} ${"return".padStart(10)} ${"maxDD".padStart(9)} trades  params`,
      );
      for (const r of runs)
        log(
          `  ${r.id.slice(0, 12)}  ${r.studyId.padEnd(16)} ${r.strategy.padEnd(14)} ${fmt(r.metrics?.sharpe).padStart(9)} ${fmt(r.metrics?.totalReturn).padStart(10)} ${fmt(r.metrics?.maxDrawdown).padStart(9)} ${String(r.metrics?.trades ?? "—").padStart(6)}  ${JSON.stringify(r.params)}${r.error !== null ? `  ERROR ${r.error}` : ""}`,
        );
      return 0;
    }
    case "show": {
      if (a === undefined) return usage(log, "runs show <id>");
      const r = await catalog.showRun(a);
      log(JSON.stringify(r, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2));
      return 0;
    }
    case "compare": {
      if (a === undefined || b === undefined) return usage(log, "runs compare <a> <b>");
      log(String(await compareRuns(catalog, a, b)));
      return 0;
    }
    case "reproduce": {
      if (a === undefined) return usage(log, "runs reproduce <id>");
      const rep = await reproduceRun(catalog, a);
      log(String(rep));
      return rep.equal && rep.dataMatches ? 0 : 1;
    }
    default:
      return usage(log, `unknown subcommand "${sub}"`);
  }
}

function usage(log: (l: string) => void, what: string): number {
  log(
    `usage: quantkit runs list [--study id] [--limit n] [--order recorded|sharpe|totalReturn] | show <id> | compare <a> <b> | reproduce <id>  (${what})`,
  );
  return 2;
}
