/** Environment variables holding broker credentials. Their values never reach a log, journal, error or page. */
export const SECRET_ENV_VARS = ["APCA_API_KEY_ID", "APCA_API_SECRET_KEY"] as const;

/**
 * The secret values currently set in the environment (empty strings ignored).
 *
 * @param env - the environment (default `process.env`).
 * @example
 * secretsFromEnv({ APCA_API_SECRET_KEY: "s3cret" }) // → ["s3cret"]
 */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const out: string[] = [];
  for (const k of SECRET_ENV_VARS) {
    const v = env[k];
    if (v !== undefined && v.length > 0) out.push(v);
  }
  return out;
}

/**
 * Builds a scrubber that replaces every occurrence of the given secret values in a string with `[REDACTED]`, and
 * a deep variant for JSON-like values (strings in objects and arrays; other values returned as they are).
 *
 * @param secrets - secret values (each at least 4 characters; shorter ones would mangle ordinary text).
 * @example
 * makeRedactor(["s3cret"]).text("key=s3cret") // → "key=[REDACTED]"
 * @see https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/
 */
export function makeRedactor(secrets: readonly string[]): {
  text: (s: string) => string;
  deep: <T>(v: T) => T;
} {
  const list = secrets.filter((s) => s.length >= 4);
  const text = (s: string): string => {
    let out = s;
    for (const sec of list) if (out.includes(sec)) out = out.split(sec).join("[REDACTED]");
    return out;
  };
  const deep = <T>(v: T): T => {
    if (list.length === 0) return v;
    if (typeof v === "string") return text(v) as T;
    if (Array.isArray(v)) return v.map(deep) as T;
    if (v instanceof Error)
      return { name: v.name, message: text(v.message), stack: text(v.stack ?? "") } as T;
    if (v !== null && typeof v === "object") {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = deep(x);
      return o as T;
    }
    return v;
  };
  return { text, deep };
}
