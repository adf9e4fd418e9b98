import { priceOscillatorTests } from "./internal/poCore.testutil.js";
import { Ppo, ppo } from "./ppo.js";

priceOscillatorTests("ppo", "PPO", ppo, (o) => new Ppo(o));
