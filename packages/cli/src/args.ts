import { QuantkitError } from "@quantkit/core";

/** Parsed command line: the positional words and the `--name value` / `--flag` options. */
export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly options: Readonly<Record<string, string | true>>;
}

/**
 * Parses `argv` (without node and script) into positional words and options. `--name=value`, `--name value`
 * and bare `--flag` are accepted; a repeated option is an error rather than a silent overwrite.
 *
 * @example
 * parseArgs(["backtest", "--config", "a.yaml", "--out=out"])
 * // → { positional: ["backtest"], options: { config: "a.yaml", out: "out" } }
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (name.length === 0)
      throw new QuantkitError(`Invalid option "${arg}": expected --name or --name=value`);
    if (name in options) throw new QuantkitError(`Option --${name} given twice`);
    if (eq >= 0) options[name] = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        options[name] = next;
        i++;
      } else options[name] = true;
    }
  }
  return { positional, options };
}
