#!/usr/bin/env -S node --conditions=@quantkit/source --import tsx
/**
 * The `quantkit` command.
 *   quantkit showcase [--out dir] [--no-images]   the showcase on the bundled data (what `npm start` runs)
 *   quantkit datasets                              lists the bundled and imported datasets
 */
import { isoUtc } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { parseArgs } from "./args.js";
import { runShowcase } from "./showcase/run.js";

const USAGE = `usage: quantkit <command> [options]
  showcase [--out dir] [--no-images]   run the showcase on the bundled data
  datasets                              list the datasets the store can read`;

const { positional, options } = parseArgs(process.argv.slice(2));
const command = positional[0] ?? "showcase";
switch (command) {
  case "showcase": {
    const out = typeof options.out === "string" ? options.out : undefined;
    await runShowcase({ ...(out ? { out } : {}), noImages: options["no-images"] === true });
    break;
  }
  case "datasets": {
    const store = await openStore();
    try {
      for (const c of await store.catalog()) {
        console.log(
          `${c.kind}\t${c.symbol}\t${c.timeframe ?? "ticks"}\t${c.rows}\t${isoUtc(c.start)}\t${isoUtc(c.end)}\t${c.location}`,
        );
      }
    } finally {
      await store.close();
    }
    break;
  }
  default:
    console.error(`unknown command "${command}"\n${USAGE}`);
    process.exit(2);
}
