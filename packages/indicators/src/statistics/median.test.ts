import { indicatorContract } from "../testing/contract.js";
import { Median, median } from "./median.js";

indicatorContract({
  name: "median",
  input: "close",
  vectorized: median,
  streaming: (o) => new Median(o),
  options: [{ period: 1 }, { period: 4 }, { period: 7 }],
});
