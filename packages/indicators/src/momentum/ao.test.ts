import { indicatorContract } from "../testing/contract.js";
import { Ao, ao } from "./ao.js";

indicatorContract({
  name: "ao",
  input: "hl",
  vectorized: ao,
  streaming: (o) => new Ao(o),
  options: [{ fastPeriod: 2, slowPeriod: 5 }, {}],
  invalid: [{ options: { slowPeriod: 0 }, path: "slowPeriod" }],
});
