import type { IncomingMessage, ServerResponse } from "node:http";
import { LoopbackServer } from "./loopbackServer.js";

const open: LoopbackServer[] = [];

/**
 * Test helper: serves a REST handler on a fresh {@link LoopbackServer} until {@link closeRestServers}.
 * @param onRequest - the handler.
 * @returns the base URL (`http://127.0.0.1:<port>`).
 * @example
 * const url = await serveRest((_req, res) => replyJson(res, 200, {})); // → "http://127.0.0.1:40123"
 */
export async function serveRest(
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = new LoopbackServer(onRequest, { path: "/ws" });
  await server.listen();
  open.push(server);
  return server.url("http");
}

/** Test helper: closes every server {@link serveRest} started (use in `afterEach`). */
export async function closeRestServers(): Promise<void> {
  for (const s of open.splice(0)) await s.close();
}
