import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const SCRIPT = fileURLToPath(new URL("./secretSession.testutil.ts", import.meta.url));
const KEY = "PKSECRETKEYID0Q9Z7";
const SECRET = "zZ-very-secret-value-8c1e5b2a";

describe("secrets never printed", () => {
  test("a full session (fills, rejects, 5xx, 429s, stream drop, thrown errors, object dumps) never prints the key id or secret", async () => {
    const child = spawn(process.execPath, ["--conditions=@quantkit/source", "--import", "tsx", SCRIPT], {
      env: { ...process.env, APCA_API_KEY_ID: KEY, APCA_API_SECRET_KEY: SECRET },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(out, out.slice(-2000)).toContain("SESSION OK");
    expect(code).toBe(0);
    // the session did exercise the noisy paths
    expect(out).toContain("throttled (429)");
    expect(out).toMatch(/answered 503|HTTP 503/);
    expect(out).toContain('"kind":"reject"');
    expect(out).toContain("[REDACTED]");
    expect(out).toContain("network failure");
    expect(out).toContain("set APCA_API_KEY_ID and APCA_API_SECRET_KEY");
    // …and never printed a credential (nor a recognisable part of one)
    for (const s of [KEY, SECRET, SECRET.slice(0, 12), SECRET.slice(-12)])
      expect(out.includes(s), s).toBe(false);
  }, 60_000);
});
