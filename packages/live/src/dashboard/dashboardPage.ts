/**
 * The dashboard page: dependency-free HTML + JS (no network beyond its own origin). It subscribes to `/events`
 * (Server-Sent Events) and renders positions, open orders, recent fills, the intraday P&L as an SVG line, risk-limit
 * usage bars and health. Every string from the server is HTML-escaped before insertion.
 *
 * @example
 * res.end(DASHBOARD_HTML) // served at GET /
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>quantkit paper</title>
<style>
body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fafafa}
h1{font-size:18px;margin:0 0 8px} h2{font-size:14px;margin:16px 0 4px}
table{border-collapse:collapse;min-width:420px;background:#fff} td,th{border:1px solid #ddd;padding:2px 8px;text-align:right}
th{background:#f0f0f0} td.l,th.l{text-align:left}
.ok{color:#176a2c;font-weight:bold} .bad{color:#b00020;font-weight:bold}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:12px}
.bar{background:#eee;width:200px;height:10px;display:inline-block;vertical-align:middle}
.bar>span{display:block;height:10px;background:#3a7bd5} .bar>span.hot{background:#d9534f}
svg{background:#fff;border:1px solid #ddd}
</style>
</head>
<body>
<h1>quantkit paper — <span id="run"></span></h1>
<div>Health: <span id="health" class="bad">connecting…</span> <span id="reasons"></span></div>
<div>Equity <b id="equity">–</b> · P&amp;L <b id="pnl">–</b> · Kill switch <b id="kill">–</b> · updated <span id="updated">–</span></div>
<div class="grid">
<section><h2>Intraday P&amp;L</h2><svg id="chart" width="460" height="160" viewBox="0 0 460 160"><polyline id="pnl-line" fill="none" stroke="#3a7bd5" stroke-width="1.5" points=""/><line id="zero" x1="0" x2="460" stroke="#bbb" stroke-dasharray="3 3"/></svg></section>
<section><h2>Risk limits</h2><table id="risk"><thead><tr><th class="l">limit</th><th>value</th><th>limit</th><th class="l">usage</th></tr></thead><tbody></tbody></table></section>
<section><h2>Positions</h2><table id="positions"><thead><tr><th class="l">symbol</th><th>qty</th><th>avg</th><th>last</th><th>unrealized</th><th>realized</th></tr></thead><tbody></tbody></table></section>
<section><h2>Open orders</h2><table id="orders"><thead><tr><th class="l">client id</th><th class="l">symbol</th><th class="l">side</th><th class="l">type</th><th>qty</th><th>filled</th><th>limit</th><th class="l">status</th></tr></thead><tbody></tbody></table></section>
<section><h2>Recent fills</h2><table id="fills"><thead><tr><th class="l">client id</th><th class="l">symbol</th><th class="l">side</th><th>qty</th><th>price</th><th class="l">time</th><th class="l">source</th></tr></thead><tbody></tbody></table></section>
</div>
<script>
"use strict";
const esc = (v) => String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const fmt = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? "–" : Number(x).toFixed(d));
const iso = (t) => new Date(t).toISOString().replace("T", " ").slice(0, 19);
const $ = (id) => document.getElementById(id);
function rows(id, list, cells, key) {
  $(id).querySelector("tbody").innerHTML = list.map((r) => "<tr" + (key ? ' data-key="' + esc(key(r)) + '"' : "") + ">" + cells(r).map(([v, l]) => "<td" + (l ? ' class="l"' : "") + ">" + esc(v) + "</td>").join("") + "</tr>").join("");
}
function chart(series) {
  const W = 460, H = 160, line = $("pnl-line");
  if (series.length === 0) { line.setAttribute("points", ""); return; }
  let t0 = series[0][0], t1 = series[series.length - 1][0], lo = 0, hi = 0;
  for (const [, v] of series) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (t1 === t0) t1 = t0 + 1; if (hi === lo) hi = lo + 1;
  const x = (t) => ((t - t0) / (t1 - t0)) * (W - 10) + 5, y = (v) => H - 5 - ((v - lo) / (hi - lo)) * (H - 10);
  line.setAttribute("points", series.map(([t, v]) => x(t).toFixed(1) + "," + y(v).toFixed(1)).join(" "));
  $("zero").setAttribute("y1", y(0)); $("zero").setAttribute("y2", y(0));
}
function render(s) {
  $("run").textContent = s.runId;
  const h = $("health"); h.textContent = s.health.ok ? "OK" : "UNHEALTHY"; h.className = s.health.ok ? "ok" : "bad";
  $("reasons").textContent = s.health.reasons.join("; ");
  $("equity").textContent = fmt(s.equity); $("pnl").textContent = fmt(s.pnl);
  $("kill").textContent = s.killSwitch.tripped ? "TRIPPED (" + s.killSwitch.detail + ")" : "armed";
  $("updated").textContent = iso(s.ts);
  rows("positions", s.positions, (p) => [[p.symbol, 1], [fmt(p.qty, 4)], [fmt(p.avgPrice)], [fmt(p.lastPrice)], [fmt(p.unrealized)], [fmt(p.realized)]], (p) => p.symbol);
  rows("orders", s.openOrders, (o) => [[o.clientOrderId, 1], [o.symbol, 1], [o.side, 1], [o.type, 1], [fmt(o.qty, 4)], [fmt(o.filledQty, 4)], [fmt(o.limitPrice)], [o.status, 1]], (o) => o.clientOrderId);
  rows("fills", s.fills, (f) => [[f.clientOrderId, 1], [f.symbol, 1], [f.side, 1], [fmt(f.qty, 4)], [fmt(f.price, 4)], [iso(f.ts), 1], [f.source, 1]], (f) => f.clientOrderId);
  $("risk").querySelector("tbody").innerHTML = s.risk.map((r) => '<tr><td class="l">' + esc(r.name) + "</td><td>" + fmt(r.value, 4) + "</td><td>" + fmt(r.limit, 4) + '</td><td class="l"><span class="bar"><span class="' + (r.usage >= 0.9 ? "hot" : "") + '" style="width:' + Math.min(100, r.usage * 100).toFixed(0) + '%"></span></span> ' + fmt(r.usage * 100, 0) + "%</td></tr>").join("");
  chart(s.pnlSeries);
  document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
}
const es = new EventSource("/events");
es.addEventListener("state", (e) => render(JSON.parse(e.data)));
es.onerror = () => { const h = $("health"); h.textContent = "DISCONNECTED"; h.className = "bad"; };
</script>
</body>
</html>
`;
