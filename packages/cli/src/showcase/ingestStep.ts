import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runIngest } from "@quantkit/ingest";
import type { Figure } from "@quantkit/viz";
import { barFigure } from "@quantkit/viz";

/** What the ingestion step measured. */
export interface IngestStepResult {
  readonly trades: number;
  readonly barsWritten: number;
  readonly seconds: number;
  readonly tradesPerSecond: number;
  /** Share of trades whose exchange-time → pipeline latency was within each bucket's bound (cumulative). */
  readonly latency: readonly { readonly leMs: string; readonly share: number }[];
  readonly figures: readonly { name: string; shows: string; figure: Figure }[];
  readonly lines: readonly string[];
}

/** Cumulative `le` buckets of the feed's latency histogram from its Prometheus text. */
function latencyBuckets(metrics: string): { leMs: string; count: number }[] {
  const out: { leMs: string; count: number }[] = [];
  for (const line of metrics.split("\n")) {
    const m = /^quantkit_ingest_latency_ms_bucket\{.*le="([^"]+)".*\}\s+(\S+)$/.exec(line);
    if (m) out.push({ leMs: m[1] as string, count: Number(m[2]) });
  }
  return out;
}

/**
 * Streams the bundled BTCUSDT trade replay from the fake Binance exchange (a real WebSocket + REST server on
 * loopback) through the ingestion pipeline into a temporary Parquet store, and reports throughput and the feed's
 * latency distribution (the blog's ingestion figure).
 */
export async function ingestStep(): Promise<IngestStepResult> {
  const dir = mkdtempSync(join(tmpdir(), "qk-showcase-ingest-"));
  try {
    const t0 = performance.now();
    const report = await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: dir });
    const seconds = (performance.now() - t0) / 1000;
    const trades = report.trades.BTCUSDT ?? 0;
    const barsWritten = report.barsWritten.BTCUSDT ?? 0;
    const buckets = latencyBuckets(report.metrics);
    const total = buckets.at(-1)?.count ?? 0;
    const latency = buckets.map((b) => ({ leMs: b.leMs, share: total > 0 ? b.count / total : 0 }));
    const shown = latency.filter((b) => b.leMs !== "+Inf");
    return {
      trades,
      barsWritten,
      seconds,
      tradesPerSecond: trades / seconds,
      latency,
      figures: [
        {
          name: "ingest-latency",
          shows: `Ingestion of ${trades} BTCUSDT trades from a loopback exchange: share of trades delivered within each latency bound`,
          figure: barFigure(
            shown.map((b) => `≤ ${b.leMs} ms`),
            [{ name: "share of trades (cumulative)", values: shown.map((b) => b.share) }],
            {
              title: `Feed latency, exchange time → pipeline (${trades} trades, ${(trades / seconds).toFixed(0)} trades/s incl. store writes)`,
              xTitle: "Latency bound",
              yTitle: "Share of trades (cumulative)",
            },
          ),
        },
      ],
      lines: [
        `Ingestion: ${trades} trades from the fake Binance feed → ${barsWritten} bars of 1s…1d appended to a Parquet store in ${seconds.toFixed(1)} s (${(trades / seconds).toFixed(0)} trades/s, paced by the replay)`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
