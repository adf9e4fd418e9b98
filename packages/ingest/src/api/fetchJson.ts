/**
 * JSON GET with `fetch`, the default transport of the backfill trade sources: a non-2xx answer is an error naming
 * the path (query string left out) and the status with the body.
 * @param url - absolute URL.
 * @returns the parsed JSON body (unvalidated: validate it with zod at the caller).
 * @example
 * await fetchJson(`${ex.restUrl}/products/BTC-USD/trades?limit=1`) // → [{ trade_id: 42387942, side: "buy", … }]
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Window/fetch
 */
export async function fetchJson(url: string): Promise<unknown> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url.replace(/\?.*/, "")}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}
