import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { MetricsRegistry } from "@quantkit/backtest";
import type { HealthMonitor } from "./health.js";

/** A route handler: returns true when it answered the request. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A running ops server. */
export interface OpsServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the paper trader's HTTP server on loopback: `GET /metrics` (Prometheus text from the registry),
 * `GET /health` (200 or 503 with the failing reasons as JSON), plus any extra routes (the dashboard). Anything else
 * is 404. It binds to 127.0.0.1 only.
 *
 * @param options - `port` (TCP port; 0 = any free port), the metrics `registry`, the `health` monitor and extra
 *   `routes`.
 * @example
 * const s = await startOpsServer({ port: 0, registry: ops.metrics.registry, health: ops.health });
 * await fetch(`${s.url}/health`) // → 200 {"ok":true,…} or 503 {"ok":false,"reasons":["broker not connected"]}
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/
 */
export async function startOpsServer(options: {
  port: number;
  registry: MetricsRegistry;
  health: HealthMonitor;
  routes?: readonly RouteHandler[];
}): Promise<OpsServer> {
  const server = createServer((req, res) => {
    try {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === "/metrics") {
        res.writeHead(200, { "content-type": MetricsRegistry.contentType });
        res.end(options.registry.render());
        return;
      }
      if (req.method === "GET" && path === "/health") {
        const h = options.health.report();
        res.writeHead(h.status, { "content-type": "application/json" });
        res.end(JSON.stringify(h));
        return;
      }
      for (const r of options.routes ?? []) if (r(req, res)) return;
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
