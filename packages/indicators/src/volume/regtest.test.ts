import { talibRegtest } from "../testing/talibRegtest.js";
import { ad } from "./ad.js";
import { adOsc } from "./adOsc.js";

talibRegtest("volume", {
  AD: (_c, d) => [ad(d)],
  ADOSC_3_10: (_c, d) => [adOsc(d, { fastPeriod: 3, slowPeriod: 10 })],
  ADOSC_5_2: (_c, d) => [adOsc(d, { fastPeriod: 5, slowPeriod: 2 })],
});
