// Worker entry used when @quantkit/risk-mc runs from its TypeScript source (tsx, vitest): registers tsx's ESM
// loader inside the worker thread, then loads the TypeScript worker. The built package uses dist/mc-worker.js.
import { register } from "tsx/esm/api";

register();
await import(new URL("./mc-worker.ts", import.meta.url).href);
