import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The code that produced a run: the package version and, when the source is a git checkout, the commit. */
export interface CodeVersion {
  readonly package: "@quantkit/studies";
  readonly version: string;
  /** `git rev-parse HEAD` of the checkout, or null outside git. */
  readonly gitSha: string | null;
  /** Whether the checkout had uncommitted changes under the studies and backtest packages; null outside git. */
  readonly dirty: boolean | null;
}

let cached: CodeVersion | undefined;

/**
 * The {@link CodeVersion} of this process (computed once).
 *
 * @example
 * codeVersion().version // → "0.1.0"
 */
export function codeVersion(): CodeVersion {
  if (cached !== undefined) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  let gitSha: string | null = null;
  let dirty: boolean | null = null;
  try {
    gitSha = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: here,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const st = execFileSync("git", ["status", "--porcelain", "--", "../../../studies", "../../../backtest"], {
      cwd: here,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    dirty = st.trim().length > 0;
  } catch {
    // not a git checkout (installed package): the version alone identifies the code
  }
  cached = { package: "@quantkit/studies", version: pkg.version, gitSha, dirty };
  return cached;
}
