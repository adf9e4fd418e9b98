import { afterEach, describe, expect, it } from "vitest";
import { replyJson } from "./replyJson.js";
import { closeRestServers, serveRest } from "./serveRest.testutil.js";

afterEach(closeRestServers);

describe("replyJson(res, status, body, headers)", () => {
  it("writes the status, content-type application/json plus the extra headers, and the JSON body; returns true", async () => {
    const returned: boolean[] = [];
    const url = await serveRest((req, res) =>
      returned.push(
        req.url === "/h"
          ? replyJson(res, 201, [{ trade_id: 7 }], { "cb-after": "7" })
          : replyJson(res, 404, { message: "NotFound" }),
      ),
    );
    const h = await fetch(`${url}/h`);
    expect(h.status).toBe(201);
    expect(h.headers.get("content-type")).toBe("application/json");
    expect(h.headers.get("cb-after")).toBe("7");
    expect(await h.json()).toEqual([{ trade_id: 7 }]);
    const n = await fetch(`${url}/n`);
    expect(n.status).toBe(404);
    expect(n.headers.get("cb-after")).toBeNull();
    expect(await n.json()).toEqual({ message: "NotFound" });
    expect(returned).toEqual([true, true]);
  });
});
