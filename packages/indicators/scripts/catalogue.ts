/**
 * Prints the README catalogue table (name, function, streaming class, inputs, outputs, lookback, reference) from the
 * family barrels and each vectorized function's TSDoc, so the README follows the code:
 *   node --conditions=@quantkit/source --import tsx packages/indicators/scripts/catalogue.ts
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as qk from "../src/index.js";

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src");
const families = ["trend", "momentum", "volatility", "volume", "statistics"];

function docBefore(text: string, idx: number): string {
  const end = text.lastIndexOf("*/", idx);
  const start = text.lastIndexOf("/**", end);
  if (end < 0 || start < 0 || text.slice(end + 2, idx).trim() !== "") return "";
  return text
    .slice(start + 3, end)
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n");
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

for (const fam of families) {
  const barrel = readFileSync(join(src, fam, "index.ts"), "utf8");
  const rows: string[] = [];
  for (const m of barrel.matchAll(/export \{([^}]*)\} from "\.\/([A-Za-z0-9]+)\.js"/g)) {
    const names = m[1]!.split(",").map((s) => s.trim()).filter((s) => s && !s.startsWith("type "));
    const file = readFileSync(join(src, fam, `${m[2]}.ts`), "utf8");
    for (const fn of names.filter((n) => /^[a-z]/.test(n) && !n.endsWith("Options") && !n.endsWith("Lookback"))) {
      const at = file.indexOf(`export function ${fn}(`);
      if (at < 0) continue;
      const cls = names.find((n) => n.toLowerCase() === fn.toLowerCase() && n !== fn) ?? "—";
      const sig = file.slice(at, file.indexOf("{\n", at));
      const paramType = /\(\s*\w+\s*:\s*([\s\S]*?)(?:,\s*\w+\??:|\):)/.exec(sig)?.[1] ?? "";
      const fields = [...paramType.matchAll(/readonly (\w+)\??:/g)].map((f) => f[1]);
      const input = fields.length > 0 ? fields.join(", ") : paramType.trim();
      const ret = /\):\s*([^{]+)$/.exec(sig.trim())?.[1]?.trim() ?? "";
      let outputs = ret;
      const iface = new RegExp(`export interface ${ret} \\{([\\s\\S]*?)\\n\\}`).exec(file);
      if (iface) outputs = `{ ${[...iface[1]!.matchAll(/readonly (\w+):/g)].map((f) => f[1]).join(", ")} }`;
      else if (ret !== "Float64Array") {
        // result type defined in another file of the family
        for (const other of barrel.matchAll(/from "\.\/([A-Za-z0-9]+)\.js"/g)) {
          const t = readFileSync(join(src, fam, `${other[1]}.ts`), "utf8");
          const i2 = new RegExp(`export interface ${ret} \\{([\\s\\S]*?)\\n\\}`).exec(t);
          if (i2) outputs = `{ ${[...i2[1]!.matchAll(/readonly (\w+):/g)].map((f) => f[1]).join(", ")} }`;
        }
      }
      const fnDoc = docBefore(file, at);
      const clsAt = file.indexOf(`export class ${cls} `);
      const clsDoc = clsAt >= 0 ? docBefore(file, clsAt) : "";
      const doc = /\(see \{@link \w+\}/.test(fnDoc.split("\n\n")[0]!) && clsDoc ? `${clsDoc}\n${fnDoc}` : `${fnDoc}\n${clsDoc}`;
      const summary = doc.split("\n\n")[0]!.split(/(?<=[.])\s/)[0]!;
      let lookback = "";
      try {
        // biome-ignore lint/suspicious/noExplicitAny: dynamic catalogue.
        const inst = new (qk as any)[cls]();
        lookback = `${inst.lookback} at defaults`;
      } catch {
        lookback = "needs options";
      }
      const formula = /[Ll]ookbacks?:?\s+([^.;]+)/.exec(doc)?.[1];
      if (formula) lookback = `${formula.trim()} (${lookback})`;
      const see = /@see\s+([^\n]+)/.exec(doc)?.[1] ?? "";
      rows.push(
        `| ${cell(summary.length > 100 ? `${summary.slice(0, 97)}…` : summary)} | \`${fn}\` | \`${cls}\` | ${cell(input)} | ${cell(outputs)} | ${cell(lookback)} | ${cell(see)} |`,
      );
    }
  }
  console.log(`\n### ${fam}\n`);
  console.log("| indicator | function | streaming class | input | outputs | lookback | reference |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
}
