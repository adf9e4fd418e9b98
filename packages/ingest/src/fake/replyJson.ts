import type { ServerResponse } from "node:http";

/**
 * Answers an HTTP request of a fake venue with a JSON body.
 * @param res - the response.
 * @param status - HTTP status.
 * @param body - serialized with `JSON.stringify`.
 * @param headers - extra headers (besides `content-type: application/json`). @default {}
 * @returns true (a REST handler returns it to say the request was answered).
 * @example
 * replyJson(res, 404, { message: "NotFound" }) // → true
 * @see https://nodejs.org/api/http.html#responsewriteheadstatuscode-statusmessage-headers
 */
export function replyJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): true {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
  return true;
}
