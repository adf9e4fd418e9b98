import { describe, expect, it } from "vitest";
import { parseArgs } from "./args.js";

describe("parseArgs", () => {
  it("parseArgs(argv) splits positional words, --k v, --k=v and flags", () => {
    expect(parseArgs(["backtest", "--config", "a.yaml", "--out=o", "--quiet"])).toEqual({
      positional: ["backtest"],
      options: { config: "a.yaml", out: "o", quiet: true },
    });
  });
  it("parseArgs(argv) rejects a repeated option instead of overwriting it", () => {
    expect(() => parseArgs(["--out", "a", "--out", "b"])).toThrow(/--out given twice/);
  });
});
