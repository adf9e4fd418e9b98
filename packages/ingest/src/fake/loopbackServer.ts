import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type ServerOptions as WebSocketServerOptions } from "ws";

/**
 * The server plumbing of a fake venue: one node:http server for REST and a `ws` WebSocket server on it, listening
 * on 127.0.0.1 with a free port, closed together. The fake handles requests and connections.
 *
 * @example
 * const http = new LoopbackServer((req, res) => res.end("{}"), { path: "/ws" });
 * http.wss.on("connection", (ws) => …);
 * await http.listen();
 * http.url("ws", "/ws") // → "ws://127.0.0.1:40123/ws"
 * await http.close();
 * @see https://github.com/websockets/ws/blob/master/doc/ws.md#new-websocketserveroptions-callback
 */
export class LoopbackServer {
  /** The WebSocket server (listen for `connection` here). */
  readonly wss: WebSocketServer;
  private readonly server: Server;
  private port = 0;

  /**
   * @param onRequest - REST handler.
   * @param ws - WebSocket server options besides the server (`path`, `autoPong`, …).
   */
  constructor(
    onRequest: (req: IncomingMessage, res: ServerResponse) => void,
    ws: Omit<WebSocketServerOptions, "server" | "port" | "noServer">,
  ) {
    this.server = createServer((req, res) => {
      onRequest(req, res);
    });
    this.wss = new WebSocketServer({ ...ws, server: this.server });
  }

  /** Starts listening on 127.0.0.1 with a free port. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /**
   * The URL of a path on this server.
   * @param scheme - `ws` or `http`.
   * @param path - the path. @default ""
   * @example
   * http.url("http") // → "http://127.0.0.1:40123"
   */
  url(scheme: "ws" | "http", path = ""): string {
    return `${scheme}://127.0.0.1:${this.port}${path}`;
  }

  /** Closes the WebSocket server, then the HTTP server and its open connections (terminate sockets first). */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
