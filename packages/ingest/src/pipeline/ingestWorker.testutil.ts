// A child process for the SIGKILL test: feed → pipeline → store until killed.
// argv: wsUrl restUrl storeRoot checkpointPath startAfterTradeId
import { openStore } from "@quantkit/data";
import { BinanceFeed } from "../client/binanceFeed.js";
import { IngestPipeline } from "./ingestPipeline.js";

const [wsUrl, restUrl, root, checkpoint, startAfter] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const store = await openStore({ root, bundled: false, compactAfterParts: 3 }); // compactions run while it is killed
const { pipeline, startAfterTradeId } = await IngestPipeline.resume(store, {
  symbol: "BTCUSDT",
  batchSize: 300,
  checkpoint,
});
const feed = new BinanceFeed({
  wsUrl,
  restUrl,
  symbols: ["BTCUSDT"],
  startAfterTradeId: { BTCUSDT: startAfterTradeId ?? Number(startAfter) },
});
feed.start();
process.stdout.write("ready\n");
for await (const ev of feed.events()) if (ev.kind === "trade") await pipeline.add(ev);
