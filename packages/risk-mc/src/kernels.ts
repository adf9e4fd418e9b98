import type { Kernel } from "./kernel.js";
import { bootstrapKernel } from "./simulate-bootstrap.js";
import { correlatedKernel } from "./simulate-correlated.js";
import { garchKernel } from "./simulate-garch.js";
import { gbmKernel } from "./simulate-gbm.js";
import { jumpDiffusionKernel } from "./simulate-jump-diffusion.js";
import { regimeSwitchingKernel } from "./simulate-regime-switching.js";
import { studentTKernel } from "./simulate-student-t.js";
import { tradeMonteCarloKernel } from "./trade-monte-carlo.js";

/** Every kernel a worker can run, by name (the worker script imports this registry). */
// biome-ignore lint/suspicious/noExplicitAny: the registry is heterogeneous; each entry is typed at its call site.
export const KERNELS: Record<string, Kernel<any>> = {
  gbm: gbmKernel,
  studentT: studentTKernel,
  jumpDiffusion: jumpDiffusionKernel,
  bootstrap: bootstrapKernel,
  garch: garchKernel,
  regimeSwitching: regimeSwitchingKernel,
  correlated: correlatedKernel,
  tradeMonteCarlo: tradeMonteCarloKernel,
};
