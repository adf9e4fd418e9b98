import { indicatorContract } from "../testing/contract.js";
import { Returns, returns } from "./returns.js";

indicatorContract({
  name: "returns",
  input: "close",
  vectorized: returns,
  streaming: (o) => new Returns(o),
  options: [{}, { period: 3 }],
});
