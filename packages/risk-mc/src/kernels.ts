import { bootstrapKernel } from "./bootstrap-kernel.js";
import { correlatedKernel } from "./correlated-kernel.js";
import { garchKernel } from "./garch-kernel.js";
import { gbmKernel } from "./gbm-kernel.js";
import { jumpDiffusionKernel } from "./jump-diffusion-kernel.js";
import type { Kernel } from "./kernel.js";
import { regimeSwitchingKernel } from "./regime-switching-kernel.js";
import { studentTKernel } from "./student-t-kernel.js";
import { tradeMonteCarloKernel } from "./trade-monte-carlo-kernel.js";

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
