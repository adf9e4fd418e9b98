import { indicatorContract } from "../testing/contract.js";
import { LogReturns, logReturns } from "./logReturns.js";

indicatorContract({
  name: "logReturns",
  input: "close",
  vectorized: logReturns,
  streaming: (o) => new LogReturns(o),
  options: [{}, { period: 3 }],
});
