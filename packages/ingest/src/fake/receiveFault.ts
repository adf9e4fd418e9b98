import type { IncomingMessage, ServerResponse } from "node:http";
import { replyJson } from "./replyJson.js";

/**
 * Handles a fake venue's `POST /fake/fault`: reads the JSON body, injects it, answers `200 {"ok":true}`, or `400`
 * with the venue's error body when the body is not JSON or the fault is invalid.
 * @param req - the request.
 * @param res - its response.
 * @param inject - injects the parsed body (validates it; throws when invalid).
 * @param errorBody - the venue's error body for a message.
 * @example
 * receiveFault(req, res, (f) => ex.fault(f as Fault), (msg) => ({ code: -1100, msg })) // body {"kind":"disconnect"} → 200 {"ok":true}
 * @see https://nodejs.org/api/http.html#class-httpincomingmessage
 */
export function receiveFault(
  req: IncomingMessage,
  res: ServerResponse,
  inject: (body: unknown) => void,
  errorBody: (message: string) => unknown,
): void {
  let body = "";
  req.on("data", (c) => {
    body += String(c);
  });
  req.on("end", () => {
    try {
      inject(JSON.parse(body));
      replyJson(res, 200, { ok: true });
    } catch (e) {
      replyJson(res, 400, errorBody((e as Error).message));
    }
  });
}
