import { indicatorContract } from "../testing/contract.js";
import { Cmf, cmf } from "./cmf.js";

indicatorContract({
  name: "cmf",
  input: "hlcv",
  vectorized: cmf,
  streaming: (o) => new Cmf(o),
  options: [{ period: 1 }, { period: 20 }],
});
