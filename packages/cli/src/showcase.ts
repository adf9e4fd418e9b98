/**
 * `npm start`: the showcase on the bundled data, no arguments needed.
 * `npm start -- --out <dir>` writes elsewhere; `--no-images` skips PNG/SVG rendering.
 */
import { parseArgs } from "./args.js";
import { runShowcase } from "./showcase/run.js";

const { options } = parseArgs(process.argv.slice(2));
const out = typeof options.out === "string" ? options.out : undefined;
const summary = await runShowcase({ ...(out ? { out } : {}), noImages: options["no-images"] === true });
const where = out ?? "out/showcase";
console.log(
  `\nDone in ${summary.seconds.toFixed(1)} s → ${where}/report.html, ${where}/summary.json${
    summary.outputs.staticImages === "written"
      ? `, ${summary.outputs.figures.length} PNG/SVG figures in ${where}/figures/`
      : " (PNG/SVG skipped: install Chromium with `apt-get install -y chromium` for static images)"
  }`,
);
