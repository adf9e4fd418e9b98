import { Beta, beta } from "./beta.js";
import { pairIndicatorTests } from "./internal/pairSums.testutil.js";

pairIndicatorTests("beta", "BETA", beta, (o) => new Beta(o), [1, 5], [1, 5, 30]);
