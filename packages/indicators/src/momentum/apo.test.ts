import { Apo, apo } from "./apo.js";
import { priceOscillatorTests } from "./internal/poCore.testutil.js";

priceOscillatorTests("apo", "APO", apo, (o) => new Apo(o));
