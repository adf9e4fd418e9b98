import { afterEach, describe, expect, it } from "vitest";
import { receiveFault } from "./receiveFault.js";
import { closeRestServers, serveRest } from "./serveRest.testutil.js";

afterEach(closeRestServers);

describe("receiveFault (POST /fake/fault of a fake venue)", () => {
  it("injects the JSON body and answers 200 {ok:true}; bad JSON or a rejected fault gets 400 with the venue's error body", async () => {
    const injected: unknown[] = [];
    const url = await serveRest((req, res) =>
      receiveFault(
        req,
        res,
        (f) => {
          if ((f as { kind?: unknown }).kind !== "gap") throw new Error("unknown fault");
          injected.push(f);
        },
        (msg) => ({ code: -1, msg }),
      ),
    );
    const post = (body: string) => fetch(`${url}/fake/fault`, { method: "POST", body });
    const ok = await post('{"kind":"gap","count":2}');
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json");
    expect(await ok.json()).toEqual({ ok: true });
    expect(injected).toEqual([{ kind: "gap", count: 2 }]);
    const rejected = await post('{"kind":"explode"}');
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toEqual({ code: -1, msg: "unknown fault" });
    const notJson = await post("{");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { msg: string }).msg).toMatch(/JSON/);
    expect(injected).toHaveLength(1);
  });
});
