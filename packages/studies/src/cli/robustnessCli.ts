import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type RobustnessConfigInput,
  type RobustnessReport,
  robustnessReport,
} from "../robustness/robustnessReport.js";
import { loadStudyConfigFile } from "./walkForwardCli.js";

/** Options of {@link robustnessCommand} (what `quantkit robustness` parses from its arguments). */
export interface RobustnessCommandOptions {
  /** Path of a YAML or JSON robustness config (see `robustnessConfigSchema`). */
  readonly config: string;
  /** Output folder. @default "out/robustness" */
  readonly out?: string;
  /** Worker threads, overriding the config's `workers`. */
  readonly workers?: number;
  /** Where lines of output go. @default console.log */
  readonly log?: (line: string) => void;
}

/**
 * `quantkit robustness --config <yaml> [--out dir] [--workers n]`: sweeps the config's space and prints the
 * robustness report of the winner (surface stability, deflated Sharpe over the trials run, PBO, fill sensitivity,
 * trade Monte Carlo); writes `robustness.json` (the numbers, plain arrays) and `robustness.md` (the printed report).
 * A relative `data.path` or `data.home` is resolved against the config file.
 *
 * @example
 * await robustnessCommand({ config: "packages/studies/examples/robustness.yaml", out: "out/robustness" });
 */
export async function robustnessCommand(options: RobustnessCommandOptions): Promise<RobustnessReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cfg = loadStudyConfigFile(options.config) as RobustnessConfigInput;
  const report = await robustnessReport({
    ...cfg,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  });
  const out = options.out ?? "out/robustness";
  mkdirSync(out, { recursive: true });
  const text = String(report);
  writeFileSync(join(out, "robustness.json"), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(out, "robustness.md"), `${text}\n`);
  log(text);
  log(`\nwrote ${join(out, "robustness.json")}, ${join(out, "robustness.md")}`);
  return report;
}
