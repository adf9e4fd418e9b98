import { Correl, correl } from "./correl.js";
import { pairIndicatorTests } from "./internal/pairSums.testutil.js";

pairIndicatorTests("correl", "CORREL", correl, (o) => new Correl(o), [2, 10], [2, 10, 30]);
