import { indicatorContract } from "../testing/contract.js";
import { Quantile, quantile } from "./quantile.js";

indicatorContract({
  name: "quantile",
  input: "close",
  vectorized: quantile,
  streaming: (o) => new Quantile(o),
  options: [{ period: 1 }, { period: 6, q: 0.3 }, { period: 5, q: 0.9, interpolation: "nearest" }],
  invalid: [
    { options: { q: 1.5 }, path: "q" },
    { options: { interpolation: "cubic" }, path: "interpolation" },
  ],
});
