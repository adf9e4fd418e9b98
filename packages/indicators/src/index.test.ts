import { describe, expect, it } from "vitest";
import * as qk from "./index.js";

const api = qk as unknown as Record<string, unknown>;

describe("@quantkit/indicators public API", () => {
  const classes = Object.keys(api).filter(
    (k) => /^[A-Z]/.test(k) && typeof api[k] === "function" && k !== "Chain",
  );
  const indicators = classes.filter((k) => typeof api[k.charAt(0).toLowerCase() + k.slice(1)] === "function");

  it("exports at least 50 indicators, each as a vectorized function plus a streaming class of the same name", () => {
    console.log(`[api] ${indicators.length} indicators: ${indicators.join(", ")}`);
    expect(indicators.length).toBeGreaterThanOrEqual(50);
  });

  it("every streaming class constructed with default options implements StreamingIndicator and starts not ready", () => {
    for (const name of indicators) {
      let inst: Record<string, unknown>;
      try {
        inst = new (api[name] as new () => Record<string, unknown>)();
      } catch (e) {
        // Only a ValidationError for a required option is acceptable.
        expect((e as Error).name, `${name}: ${(e as Error).message}`).toBe("ValidationError");
        continue;
      }
      for (const m of ["update", "peek", "reset"]) expect(typeof inst[m], `${name}.${m}`).toBe("function");
      expect(Number.isInteger(inst.lookback), `${name}.lookback`).toBe(true);
      expect(inst.isReady, `${name}.isReady`).toBe(false);
      expect(Number.isNaN(inst.value), `${name}.value`).toBe(true);
    }
  });

  it("exports the composition helpers", () => {
    expect(typeof qk.skipWarmup).toBe("function");
    expect(typeof qk.Chain).toBe("function");
  });
});
