// %% [markdown]
// # quantkit in a notebook
// A first check that the tslab kernel reads the workspace packages from source.
// %%
import { timeframeMs, Rng } from "@quantkit/core";
const rng = new Rng(42);
console.log(timeframeMs("1h"), rng.next().toFixed(6));
