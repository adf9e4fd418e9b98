// Worker entry used when @quantkit/studies runs from its TypeScript source (tsx, vitest): registers tsx's ESM
// loader inside the worker thread, then loads the TypeScript worker. The built package uses dist/pool/runWorker.js.
import { register } from "tsx/esm/api";

register();
await import(new URL("./runWorker.ts", import.meta.url).href);
