#!/usr/bin/python3
"""Golden values for @quantkit/backtest analytics, computed independently with pandas/numpy.

Input: ORCL daily bars 1995-01-03..2014-12-31 (orcl-1995-2014.txt, from mementum/backtrader datas/, GPL-3.0).
- benchmark: buy-and-hold of the Adj Close (total return), 100,000 initial.
- strategy: long-only SMA(50)/SMA(200) crossover on Adj Close, all-in at the close of the signal bar, 5 bps fee and
  2 bps slippage per side, last trade closed at the final bar. Equity is marked at every close.
The script writes the inputs (ts, equity, benchmark, trades) AND the expected metrics to golden_analytics.json, so
the TypeScript test feeds exactly these inputs to its own implementation.

Run: /usr/bin/python3 packages/backtest/test-data/analytics/golden_analytics.py
(Debian python3-pandas 1.5.3 / python3-numpy 1.24.2)
"""
import json
import math
import pathlib

import numpy as np
import pandas as pd

HERE = pathlib.Path(__file__).parent
DAY_MS = 86_400_000.0
YEAR_MS = 365.25 * DAY_MS

df = pd.read_csv(HERE / "orcl-1995-2014.txt", parse_dates=["Date"])
ts = ((df["Date"] - pd.Timestamp("1970-01-01")) // pd.Timedelta(milliseconds=1)).astype("float64").to_numpy()
px = df["Adj Close"].to_numpy(dtype="float64")
initial = 100_000.0
bench = initial * px / px[0]

# --- strategy simulation (inputs only; the metrics below never look at this loop's internals) ---
fee_bps, slip_bps = 5.0, 2.0
fast = pd.Series(px).rolling(50).mean().to_numpy()
slow = pd.Series(px).rolling(200).mean().to_numpy()
cash, shares = initial, 0.0
equity = np.empty(len(px))
trades = []
open_trade = None
for i in range(len(px)):
    want_long = (not math.isnan(slow[i])) and fast[i] > slow[i]
    last = i == len(px) - 1
    if shares == 0.0 and want_long and not last:
        fill = px[i] * (1 + slip_bps / 1e4)
        qty = math.floor(cash / (fill * (1 + fee_bps / 1e4)))
        fee = qty * fill * fee_bps / 1e4
        cash -= qty * fill + fee
        shares = float(qty)
        open_trade = dict(entryTs=ts[i], entryPrice=fill, qty=float(qty), fees=fee, slippage=qty * px[i] * slip_bps / 1e4)
    elif shares > 0.0 and (not want_long or last):
        fill = px[i] * (1 - slip_bps / 1e4)
        fee = shares * fill * fee_bps / 1e4
        cash += shares * fill - fee
        t = open_trade
        t.update(exitTs=ts[i], exitPrice=fill)
        t["fees"] += fee
        t["slippage"] += shares * px[i] * slip_bps / 1e4
        t["pnl"] = (fill - t["entryPrice"]) * shares - t["fees"]
        t["symbol"] = "ORCL"
        trades.append(t)
        shares, open_trade = 0.0, None
    equity[i] = cash + shares * px[i]


def metrics(eq_arr, bench_arr, trades, periods_per_year, rf, mar, level):
    eq = pd.Series(eq_arr)
    r = eq.pct_change().dropna().reset_index(drop=True)
    rb = pd.Series(bench_arr).pct_change().dropna().reset_index(drop=True)
    P = periods_per_year
    n = len(r)
    out = {}
    total = eq.iloc[-1] / eq.iloc[0] - 1
    out["totalReturn"] = total
    out["annualizedReturn"] = (1 + total) ** (P / n) - 1
    years = (ts[-1] - ts[0]) / YEAR_MS
    out["cagr"] = (eq.iloc[-1] / eq.iloc[0]) ** (1 / years) - 1
    out["volatility"] = r.std(ddof=1) * math.sqrt(P)
    rf_p = (1 + rf) ** (1 / P) - 1
    mar_p = (1 + mar) ** (1 / P) - 1
    ex = r - rf_p
    out["sharpe"] = ex.mean() / ex.std(ddof=1) * math.sqrt(P)
    down = np.minimum(0.0, (r - mar_p).to_numpy())
    out["sortino"] = (r - mar_p).mean() / math.sqrt(np.mean(down**2)) * math.sqrt(P)
    cummax = eq.cummax()
    uw = eq / cummax - 1
    out["maxDrawdown"] = -uw.min()
    # longest spell under water: from the last peak before it to the first bar back at that peak (or the last bar)
    under = (uw < 0).to_numpy()
    run_id = np.cumsum(~under)
    best = (0.0, 0, True)
    for rid in np.unique(run_id[under]):
        idx = np.nonzero(under & (run_id == rid))[0]
        start = idx[0] - 1
        recovered = idx[-1] + 1 < len(eq)
        end = idx[-1] + 1 if recovered else idx[-1]
        dur = ts[end] - ts[start]
        if dur > best[0]:
            best = (dur, end - start, bool(recovered))
    out["maxDrawdownDurationMs"], out["maxDrawdownDurationBars"], out["maxDrawdownRecovered"] = best
    out["calmar"] = out["cagr"] / out["maxDrawdown"]
    q = np.quantile(r.to_numpy(), 1 - level)  # linear interpolation (Hyndman-Fan type 7)
    out["valueAtRisk"] = -q
    out["conditionalValueAtRisk"] = -r[r <= q].mean()
    cov = np.cov(r.to_numpy(), rb.to_numpy(), ddof=1)
    beta = cov[0, 1] / cov[1, 1]
    out["beta"] = beta
    out["alpha"] = ((r - rf_p).mean() - beta * (rb - rf_p).mean()) * P
    active = r - rb
    out["trackingError"] = active.std(ddof=1) * math.sqrt(P)
    out["informationRatio"] = active.mean() / active.std(ddof=1) * math.sqrt(P) if active.std(ddof=1) > 0 else None
    t = pd.DataFrame(trades)
    pnl = t["pnl"]
    out["tradeCount"] = len(t)
    out["winRate"] = float((pnl > 0).mean())
    out["profitFactor"] = pnl[pnl > 0].sum() / -pnl[pnl < 0].sum()
    out["expectancy"] = pnl.mean()
    out["avgWin"] = pnl[pnl > 0].mean()
    out["avgLoss"] = pnl[pnl < 0].mean()
    hold = t["exitTs"] - t["entryTs"]
    out["avgHoldingMs"] = hold.mean()
    out["medianHoldingMs"] = hold.median()
    out["maxHoldingMs"] = hold.max()
    notional = (t["qty"].abs() * (t["entryPrice"] + t["exitPrice"])).sum()
    out["turnover"] = notional / eq.mean()
    out["annualizedTurnover"] = out["turnover"] * P / n
    out["totalFees"] = t["fees"].sum()
    out["totalSlippage"] = t["slippage"].sum()
    out["costsPctOfInitialEquity"] = (out["totalFees"] + out["totalSlippage"]) / eq.iloc[0]
    # exposure: union of [entry, exit] intervals over the whole span (pandas interval merge)
    iv = t.sort_values("entryTs")[["entryTs", "exitTs"]].to_numpy()
    covered, cur_s, cur_e = 0.0, None, None
    for s, e in iv:
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                covered += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        covered += cur_e - cur_s
    out["exposure"] = covered / (ts[-1] - ts[0])
    out["underwater"] = uw.tolist()
    return {k: (float(v) if isinstance(v, (np.floating, np.integer, float, int)) and not isinstance(v, bool) else v) for k, v in out.items()}


cases = [
    dict(name="sma-cross vs buy-and-hold, rf 2%, VaR 95%", periodsPerYear=252, riskFreeRate=0.02, mar=0.0, level=0.95),
    dict(name="sma-cross vs buy-and-hold, rf 0, MAR 5%, VaR 99%, 260 periods", periodsPerYear=260, riskFreeRate=0.0, mar=0.05, level=0.99),
]
for i, c in enumerate(cases):
    c["expected"] = metrics(equity, bench, trades, c["periodsPerYear"], c["riskFreeRate"], c["mar"], c["level"])
    if i > 0:
        del c["expected"]["underwater"]  # identical in every case: stored once

doc = {
    "source": "golden_analytics.py (pandas %s, numpy %s) on orcl-1995-2014.txt" % (pd.__version__, np.__version__),
    "ts": ts.tolist(),
    "equity": equity.tolist(),
    "benchmark": bench.tolist(),
    "trades": trades,
    "cases": cases,
}
(HERE / "golden_analytics.json").write_text(json.dumps(doc, allow_nan=False))
print(f"{len(trades)} trades; final equity {equity[-1]:.2f}; buy-and-hold {bench[-1]:.2f}")
for c in cases:
    print(c["name"], {k: v for k, v in c["expected"].items() if k != "underwater"})
