import { indicatorContract } from "../testing/contract.js";
import { ZScore, zScore } from "./zScore.js";

indicatorContract({
  name: "zScore",
  input: "close",
  vectorized: zScore,
  streaming: (o) => new ZScore(o),
  options: [{ period: 5 }, { period: 20, ddof: 0 }],
  invalid: [{ options: { ddof: 2 }, path: "ddof" }],
});
