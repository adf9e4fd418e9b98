import { indicatorContract } from "../testing/contract.js";
import { RollingVwap, rollingVwap } from "./rollingVwap.js";

indicatorContract({
  name: "rollingVwap",
  input: "hlcv",
  vectorized: rollingVwap,
  streaming: (o) => new RollingVwap(o),
  options: [{ period: 1 }, { period: 5, price: "close" }],
  invalid: [{ options: { price: "open" }, path: "price" }],
});
