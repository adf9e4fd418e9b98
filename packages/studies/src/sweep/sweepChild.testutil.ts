// A sweep in its own process, for the kill and Ctrl-C tests: `tsx sweepChild.testutil.ts '<config json>'`.
// Prints "progress <done>/<total>" after each batch and the summary at the end; SIGINT aborts cleanly.
import { runSweep } from "./runSweep.js";

const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
const summary = await runSweep(JSON.parse(process.argv[2]!), {
  signal: controller.signal,
  onProgress: (p) => console.log(`progress ${p.done}/${p.total}`),
});
console.log(String(summary));
