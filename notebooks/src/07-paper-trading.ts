// %% [markdown]
// # Paper trading: the backtested strategy, live, against a fake Alpaca broker
// The same `sma-cross` strategy the backtests use runs on the live kernel: a wall clock, streaming indicators, the
// pre-trade risk engine and a write-ahead journal (every order intent fsynced before it is sent). The broker is
// quantkit's fake Alpaca — a real HTTP + WebSocket server on loopback speaking Alpaca's v2 API and replaying bundled
// daily bars quickly — so no account is needed. With real paper keys in `APCA_API_KEY_ID` / `APCA_API_SECRET_KEY`,
// `broker: { kind: "alpaca" }` is the only change.
// %%
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readEventLog } from "@quantkit/backtest";
import { runPaper } from "@quantkit/live";
import { barFigure, show } from "@quantkit/viz";

const stateDir = mkdtempSync(join(tmpdir(), "qk-paper-"));
// %% [markdown]
// ## A short session
// 120 bars of ORCL replayed every 25 ms (3 s of wall time); orders may take 10 % of each bar's volume, so larger
// orders fill partially. The dashboard (positions, orders, fills, P&L, risk usage, health) is served on loopback
// while it runs: `port: 0` picks a free port.
// %%
const session = await runPaper({
  strategy: "sma-cross",
  params: { fast: 5, slow: 20, sizing: { qty: 50 } },
  symbols: ["ORCL"],
  broker: { kind: "fake", intervalMs: 25, start: "2014-06-01" },
  risk: { maxOrderQty: { default: 500 }, maxPosition: { default: 1000 }, killSwitch: { maxDrawdown: 0.2 } },
  stateDir: stateDir,
  dashboard: { port: 0 },
  durationMs: 3000,
});
console.log(session);
// %% [markdown]
// ## The write-ahead journal
// Every intent, acknowledgement, fill and reconciliation is a line of `events.jsonl` in the backtester's event-log
// format. After a crash, a restart replays it, reconciles with the broker (the broker's position wins; an order the
// broker never saw is closed, never re-sent) and continues with fresh client order ids.
// %%
const { records } = readEventLog(session.journal);
const kinds = new Map<string, number>();
for (const r of records) kinds.set(r.type, (kinds.get(r.type) ?? 0) + 1);
console.table(Object.fromEntries(kinds));
show(barFigure([...kinds.keys()], [{ name: "records", values: [...kinds.values()] }], { title: "Journal records of the session", xTitle: "Record kind", yTitle: "Count" }));
// %% [markdown]
// ## Restart from the same state
// A second session on the same `stateDir` resumes: it replays the journal, reconciles with the (new) fake broker's
// account and keeps client order ids unique.
// %%
const resumed = await runPaper({
  strategy: "sma-cross",
  params: { fast: 5, slow: 20, sizing: { qty: 50 } },
  symbols: ["ORCL"],
  broker: { kind: "fake", intervalMs: 25, start: "2014-06-01" },
  stateDir: stateDir,
  dashboard: { port: 0 },
  durationMs: 1500,
});
console.log(`same run id: ${resumed.runId === session.runId}; orders so far ${resumed.orders}, fills ${resumed.fills}; stopped: ${resumed.stopReason}`);
