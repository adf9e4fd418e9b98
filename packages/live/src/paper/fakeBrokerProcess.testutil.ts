/**
 * A fake Alpaca broker as its own process (crash tests: it must outlive the paper process). Starts on a free
 * loopback port with the bundled ORCL/NVDA daily bars of 2014, keys from APCA_API_KEY_ID / APCA_API_SECRET_KEY and
 * participation from QK_FAKE_PARTICIPATION, prints `{"url","streamUrl","dataUrl"}` as one JSON line, then obeys
 * stdin lines: `play <ms>`, `pause`, `step <n>` (each answered with `{"ok":…}`), `quit`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Bars } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { startFakeAlpaca } from "../alpaca/fake/fakeAlpaca.js";

const root = mkdtempSync(join(tmpdir(), "qk-fake-store-"));
const store = await openStore({ root });
const replay: Bars[] = [];
for (const symbol of ["ORCL", "NVDA"])
  replay.push(await store.getBars({ symbol, timeframe: "1d", start: "2014-01-01", end: "2015-01-01" }));
await store.close();
rmSync(root, { recursive: true, force: true });
const fake = await startFakeAlpaca({
  replay,
  keyId: process.env.APCA_API_KEY_ID ?? "FAKEKEYID",
  secretKey: process.env.APCA_API_SECRET_KEY ?? "FAKESECRET",
  participation: Number(process.env.QK_FAKE_PARTICIPATION ?? "0.1"),
  rateLimit: false,
});
process.stdout.write(
  `${JSON.stringify({ url: fake.url, streamUrl: fake.streamUrl, dataUrl: fake.dataUrl })}\n`,
);
const rl = createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  if (cmd === "play") fake.play({ intervalMs: Number(arg) });
  else if (cmd === "pause") fake.pause();
  else if (cmd === "step") fake.step(Number(arg));
  else if (cmd === "quit") {
    void fake.close().then(() => process.exit(0));
    return;
  }
  process.stdout.write(`${JSON.stringify({ ok: cmd })}\n`);
});
rl.on("close", () => void fake.close().then(() => process.exit(0)));
