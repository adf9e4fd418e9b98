import { indicatorContract } from "../testing/contract.js";
import { ForceIndex, forceIndex } from "./forceIndex.js";

indicatorContract({
  name: "forceIndex",
  input: "cv",
  vectorized: forceIndex,
  streaming: (o) => new ForceIndex(o),
  options: [{ period: 1 }, { period: 13 }, { period: 5, seed: "first" }],
  invalid: [{ options: { seed: "zero" }, path: "seed" }],
});
