import type { IncomingMessage, ServerResponse } from "node:http";
import type { RiskConfig } from "@quantkit/backtest";
import type { HealthReport } from "../ops/health.js";
import type { RouteHandler } from "../ops/opsServer.js";
import type { LiveNode } from "../paper/liveNode.js";
import { DASHBOARD_HTML } from "./dashboardPage.js";
import { DashboardState } from "./dashboardState.js";

/**
 * The live dashboard's routes for the ops server: `GET /` (the page), `GET /api/state` (one JSON snapshot) and
 * `GET /events` (Server-Sent Events: a `state` event on connect and after every change, throttled to one per
 * `throttleMs`; a comment heartbeat every 15 s). Subscribes to the node's events itself.
 *
 * @example
 * const dash = new Dashboard(node, riskConfig, () => ops.health.report());
 * await startOpsServer({ port: 0, registry, health, routes: [dash.route] }); // open http://127.0.0.1:<port>/
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export class Dashboard {
  readonly state: DashboardState;
  private readonly clients = new Set<ServerResponse>();
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly off: () => void;
  /** Snapshots pushed over SSE so far. */
  pushes = 0;

  /** @param throttleMs - minimum spacing of pushed snapshots (ms, default 250). */
  constructor(
    node: LiveNode,
    risk: RiskConfig | undefined,
    health: () => HealthReport,
    private readonly throttleMs = 250,
  ) {
    this.state = new DashboardState(node, risk, health);
    this.off = node.on((e) => {
      if (e.type === "fill") {
        this.state.onFill(e.fill, e.source);
        this.schedule();
      } else if (e.type === "data") {
        this.state.sample(e.receivedAt);
        this.schedule();
      } else if (e.type !== "error") this.schedule();
    });
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.write(": heartbeat\n\n");
    }, 15_000);
    this.heartbeat.unref();
  }

  /** The route handler to pass to `startOpsServer`. */
  readonly route: RouteHandler = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET") return false;
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(DASHBOARD_HTML);
      return true;
    }
    if (path === "/api/state") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(this.state.snapshot()));
      return true;
    }
    if (path === "/events") {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(`retry: 1000\nevent: state\ndata: ${JSON.stringify(this.state.snapshot())}\n\n`);
      this.clients.add(res);
      req.on("close", () => this.clients.delete(res));
      return true;
    }
    return false;
  };

  /** Pushes a snapshot to every client now. */
  push(): void {
    this.pending = undefined;
    if (this.clients.size === 0) return;
    const msg = `event: state\ndata: ${JSON.stringify(this.state.snapshot())}\n\n`;
    for (const c of this.clients) c.write(msg);
    this.pushes++;
  }

  /** Ends every SSE stream and unsubscribes. */
  close(): void {
    this.off();
    clearInterval(this.heartbeat);
    if (this.pending !== undefined) clearTimeout(this.pending);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private schedule(): void {
    if (this.pending !== undefined || this.clients.size === 0) return;
    this.pending = setTimeout(() => this.push(), this.throttleMs);
  }
}
