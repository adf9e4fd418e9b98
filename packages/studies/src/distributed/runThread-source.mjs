// Worker entry used when @quantkit/studies runs from its TypeScript source (tsx, vitest): registers tsx's ESM loader
// inside the worker thread, then loads the TypeScript thread. The built package uses dist/distributed/runThread.js.
import { register } from "tsx/esm/api";

register();
await import(new URL("./runThread.ts", import.meta.url).href);
