import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { FeedMetrics } from "./feedMetrics.js";

/**
 * Serves `GET /metrics` (Prometheus text format 0.0.4) for one or more feeds' metrics on `host:port`.
 *
 * @param metrics - the metrics to expose (rendered one after the other).
 * @param options - `port` (default 0: a free port), `host` (default `127.0.0.1`).
 * @returns the URL and a `close()` that stops the server.
 * @example
 * const srv = await serveMetrics([feed.metrics], { port: 9464 });
 * srv.url // → "http://127.0.0.1:9464/metrics"
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/
 */
export async function serveMetrics(
  metrics: readonly FeedMetrics[],
  options: { port?: number; host?: string } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      res.end(metrics.map((m) => m.render()).join(""));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found: GET /metrics\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
