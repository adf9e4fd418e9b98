import { indicatorContract } from "../testing/contract.js";
import { Emv, emv } from "./emv.js";

indicatorContract({
  name: "emv",
  input: "hlcv",
  vectorized: emv,
  streaming: (o) => new Emv(o),
  options: [{ period: 1 }, { period: 14, volumeDivisor: 10000 }],
  invalid: [{ options: { volumeDivisor: 0 }, path: "volumeDivisor" }],
});
