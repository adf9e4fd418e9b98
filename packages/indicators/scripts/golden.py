#!/usr/bin/python3
"""Golden values for the indicators TA-Lib lacks, from their textbook definitions (pandas/numpy).

Run from packages/indicators with Debian's Python:  /usr/bin/python3 scripts/golden.py
Writes test-data/golden/<name>.json; tests compare quantkit to these at 1e-9 relative.
Each definition below is written independently of the TypeScript code (pandas rolling windows where they exist,
plain loops for the recursive ones).
"""
import json
import math
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "test-data")
OUT = os.path.join(DATA, "golden")


def load(name, rows=None):
    df = pd.read_csv(os.path.join(DATA, name))
    df.columns = [c.strip().lower() for c in df.columns]
    df = df[["open", "high", "low", "close", "volume"]].astype(float)
    return df.iloc[:rows].reset_index(drop=True) if rows else df


SERIES = [("ford_F_2012_daily.csv", None), ("orcl-1995-2014.txt", 800)]


def col(s):
    return [None if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v) for v in s]


# --- building blocks (TA-Lib conventions where stated) -------------------------------------------------------
def ema_sma_seed(x, n):
    """EMA seeded with the SMA of the first n values (TA-Lib)."""
    x = np.asarray(x, float)
    out = np.full(len(x), np.nan)
    if len(x) < n:
        return out
    k = 2.0 / (n + 1)
    prev = x[:n].mean()
    out[n - 1] = prev
    for i in range(n, len(x)):
        prev = prev + k * (x[i] - prev)
        out[i] = prev
    return out


def atr_wilder(df, n):
    """Wilder ATR seeded with the mean of TR_1..TR_n (TA-Lib); first value at index n."""
    h, l, c = df.high.values, df.low.values, df.close.values
    tr = np.full(len(c), np.nan)
    for i in range(1, len(c)):
        tr[i] = max(h[i] - l[i], abs(h[i] - c[i - 1]), abs(l[i] - c[i - 1]))
    out = np.full(len(c), np.nan)
    if len(c) <= n:
        return out
    prev = tr[1 : n + 1].mean()
    out[n] = prev
    for i in range(n + 1, len(c)):
        prev = (prev * (n - 1) + tr[i]) / n
        out[i] = prev
    return out


def wma(x, n):
    w = np.arange(1, n + 1, dtype=float)
    return pd.Series(x).rolling(n).apply(lambda a: np.dot(a, w) / w.sum(), raw=True).values


# --- indicators ----------------------------------------------------------------------------------------------
def hma(df, period):
    x = df.close.values
    half = wma(x, period // 2)
    full = wma(x, period)
    return {"value": wma(2 * half - full, int(math.floor(math.sqrt(period))))}


def vwma(df, period):
    pv = (df.close * df.volume).rolling(period).sum()
    return {"value": (pv / df.volume.rolling(period).sum()).values}


def donchian(df, period):
    up = df.high.rolling(period).max()
    lo = df.low.rolling(period).min()
    return {"upper": up.values, "middle": ((up + lo) / 2).values, "lower": lo.values}


def keltner(df, period, atrPeriod, multiplier):
    mid = ema_sma_seed(df.close.values, period)
    a = atr_wilder(df, atrPeriod)
    up = mid + multiplier * a
    lo = mid - multiplier * a
    return {"upper": up, "middle": np.where(np.isnan(up), np.nan, mid), "lower": lo}


def ichimoku(df, tenkanPeriod, kijunPeriod, senkouBPeriod, displacement):
    def mid(n):
        return (df.high.rolling(n).max() + df.low.rolling(n).min()) / 2

    tenkan, kijun = mid(tenkanPeriod), mid(kijunPeriod)
    return {
        "tenkan": tenkan.values,
        "kijun": kijun.values,
        "senkouA": ((tenkan + kijun) / 2).shift(displacement).values,
        "senkouB": mid(senkouBPeriod).shift(displacement).values,
    }


def supertrend(df, period, multiplier):
    """TradingView / Olivier Seban SuperTrend on a TA-Lib ATR; trend starts up at the first ATR bar."""
    a = atr_wilder(df, period)
    h, l, c = df.high.values, df.low.values, df.close.values
    n = len(c)
    st = np.full(n, np.nan)
    d = np.full(n, np.nan)
    if n <= period:
        return {"supertrend": st, "direction": d}
    hl2 = (h + l) / 2
    up = hl2[period] - multiplier * a[period]
    dn = hl2[period] + multiplier * a[period]
    trend = 1
    st[period], d[period] = up, 1
    for i in range(period + 1, n):
        ub = hl2[i] - multiplier * a[i]
        db = hl2[i] + multiplier * a[i]
        new_up = max(ub, up) if c[i - 1] > up else ub
        new_dn = min(db, dn) if c[i - 1] < dn else db
        if trend == -1 and c[i] > dn:
            trend = 1
        elif trend == 1 and c[i] < up:
            trend = -1
        up, dn = new_up, new_dn
        st[i] = up if trend == 1 else dn
        d[i] = trend
    return {"supertrend": st, "direction": d}


def ema_first(df, period):
    return {"value": df.close.ewm(span=period, adjust=False).mean().values}


def historical_volatility(df, period, periodsPerYear):
    r = np.log(df.close).diff()
    return {"value": (r.rolling(period).std(ddof=1) * math.sqrt(periodsPerYear)).values}


def parkinson(df, period, periodsPerYear):
    t = np.log(df.high / df.low) ** 2
    return {"value": np.sqrt(t.rolling(period).mean() / (4 * math.log(2)) * periodsPerYear).values}


def garman_klass(df, period, periodsPerYear):
    t = 0.5 * np.log(df.high / df.low) ** 2 - (2 * math.log(2) - 1) * np.log(df.close / df.open) ** 2
    return {"value": np.sqrt(t.rolling(period).mean() * periodsPerYear).values}


def rogers_satchell(df, period, periodsPerYear):
    t = np.log(df.high / df.close) * np.log(df.high / df.open) + np.log(df.low / df.close) * np.log(df.low / df.open)
    return {"value": np.sqrt(t.rolling(period).mean() * periodsPerYear).values}


def yang_zhang(df, period, periodsPerYear):
    o = np.log(df.open / df.close.shift(1))
    c = np.log(df.close / df.open)
    rs = np.log(df.high / df.close) * np.log(df.high / df.open) + np.log(df.low / df.close) * np.log(df.low / df.open)
    rs = rs.where(o.notna())  # the window starts at the first bar with an overnight return
    k = 0.34 / (1.34 + (period + 1) / (period - 1))
    var = o.rolling(period).var(ddof=1) + k * c.where(o.notna()).rolling(period).var(ddof=1) + (1 - k) * rs.rolling(period).mean()
    return {"value": np.sqrt(var * periodsPerYear).values}


CASES = {
    "hma": (hma, [{"period": 9}, {"period": 16}]),
    "vwma": (vwma, [{"period": 5}, {"period": 20}]),
    "donchian": (donchian, [{"period": 20}, {"period": 5}]),
    "keltner": (keltner, [{"period": 20, "atrPeriod": 10, "multiplier": 2}, {"period": 10, "atrPeriod": 14, "multiplier": 1.5}]),
    "ichimoku": (ichimoku, [{"tenkanPeriod": 9, "kijunPeriod": 26, "senkouBPeriod": 52, "displacement": 26}]),
    "supertrend": (supertrend, [{"period": 10, "multiplier": 3}, {"period": 7, "multiplier": 2}]),
    "emaFirst": (ema_first, [{"period": 9}, {"period": 30}]),
    "historicalVolatility": (historical_volatility, [{"period": 20, "periodsPerYear": 252}, {"period": 5, "periodsPerYear": 1}]),
    "parkinson": (parkinson, [{"period": 20, "periodsPerYear": 252}, {"period": 5, "periodsPerYear": 1}]),
    "garmanKlass": (garman_klass, [{"period": 20, "periodsPerYear": 252}, {"period": 5, "periodsPerYear": 1}]),
    "rogersSatchell": (rogers_satchell, [{"period": 20, "periodsPerYear": 252}, {"period": 5, "periodsPerYear": 1}]),
    "yangZhang": (yang_zhang, [{"period": 20, "periodsPerYear": 252}, {"period": 5, "periodsPerYear": 1}]),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (fn, option_sets) in CASES.items():
        cases = []
        for series, rows in SERIES:
            df = load(series, rows)
            for opts in option_sets:
                outputs = {k: col(v) for k, v in fn(df, **opts).items()}
                cases.append({"series": series, "rows": len(df), "options": opts, "outputs": outputs})
        doc = {
            "generator": "packages/indicators/scripts/golden.py (pandas %s, numpy %s)" % (pd.__version__, np.__version__),
            "indicator": name,
            "cases": cases,
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(doc, f, separators=(",", ":"))
        print("wrote", name, len(cases), "cases")


if __name__ == "__main__":
    main()
