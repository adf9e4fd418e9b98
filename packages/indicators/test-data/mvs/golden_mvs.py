#!/usr/bin/python3
"""Golden values for the momentum/volume/statistics indicators TA-Lib lacks, from textbook definitions.

Run from packages/indicators with Debian's Python:  /usr/bin/python3 test-data/mvs/golden_mvs.py
Writes test-data/mvs/<name>.json (same layout as test-data/golden/, read with goldenCases("../mvs/<name>")) and
test-data/mvs/vwap.json (session VWAP, inputs embedded because it needs timestamps). Every definition is written
with pandas/numpy independently of the TypeScript code: rolling windows where pandas has them, plain loops for the
recursive ones.
"""
import json
import math
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..")

SERIES = [("ford_F_2012_daily.csv", None), ("orcl-1995-2014.txt", 800), ("EURUSD.csv", 1000)]


def load(name, rows=None):
    df = pd.read_csv(os.path.join(DATA, name))
    df.columns = [c.strip().lower() for c in df.columns]
    df = df[["open", "high", "low", "close", "volume"]].astype(float)
    return df.iloc[:rows].reset_index(drop=True) if rows else df


def col(s):
    return [None if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v) for v in s]


def write(name, cases):
    with open(os.path.join(HERE, f"{name}.json"), "w") as f:
        json.dump({"generator": "test-data/mvs/golden_mvs.py", "cases": cases}, f)


def per_series(fn, option_sets):
    cases = []
    for file, rows in SERIES:
        df = load(file, rows)
        for opts in option_sets:
            cases.append({"series": file, "rows": len(df), "options": opts, "outputs": {"value": col(fn(df, **opts))}})
    return cases


# --- momentum ---------------------------------------------------------------------------------------------------
def ao(df, fastPeriod=5, slowPeriod=34):
    m = (df.high + df.low) / 2
    return m.rolling(fastPeriod).mean() - m.rolling(slowPeriod).mean()


# --- volume -----------------------------------------------------------------------------------------------------
def cmf(df, period=20):
    rng = df.high - df.low
    mfv = (((df.close - df.low) - (df.high - df.close)) / rng.where(rng > 0)).fillna(0.0) * df.volume
    return mfv.rolling(period).sum() / df.volume.rolling(period).sum()


def rolling_vwap(df, period=20, price="typical"):
    p = (df.high + df.low + df.close) / 3 if price == "typical" else df.close
    return (p * df.volume).rolling(period).sum() / df.volume.rolling(period).sum()


def ema_sma_seeded(x, n):
    """EMA seeded with the mean of the first n valid values, k = 2/(n+1); NaN before."""
    out = np.full(len(x), np.nan)
    valid = np.flatnonzero(~np.isnan(x))
    if len(valid) < n:
        return out
    start = valid[0]
    k = 2.0 / (n + 1)
    prev = float(np.mean(x[start : start + n]))
    out[start + n - 1] = prev
    for i in range(start + n, len(x)):
        prev = prev + k * (x[i] - prev)
        out[i] = prev
    return out


def force_index(df, period=13, seed="sma"):
    raw = df.close.diff() * df.volume
    if seed == "first":
        return raw.ewm(span=period, adjust=False).mean()
    return pd.Series(ema_sma_seeded(raw.to_numpy(), period))


def emv(df, period=14, volumeDivisor=100_000_000):
    mid = (df.high + df.low) / 2
    box = (df.volume / volumeDivisor) / (df.high - df.low)
    return (mid.diff() / box).rolling(period).mean()


# --- statistics -------------------------------------------------------------------------------------------------
def returns(df, period=1):
    return df.close / df.close.shift(period) - 1


def log_returns(df, period=1):
    return np.log(df.close / df.close.shift(period))


def z_score(df, period=20, ddof=1):
    # numpy two-pass mean/std per window (pandas' online rolling std loses ~1e-9 relative on EURUSD's tiny
    # variances, so it is not an exact enough reference); a constant window gives 0 (quantkit's documented rule).
    x = df.close.to_numpy()
    out = np.full(len(x), np.nan)
    if len(x) >= period:
        w = np.lib.stride_tricks.sliding_window_view(x, period)
        mean = w.mean(axis=1)
        sd = w.std(axis=1, ddof=ddof)
        z = (x[period - 1 :] - mean) / np.where(sd > 0, sd, np.nan)
        z[w.max(axis=1) == w.min(axis=1)] = 0.0
        out[period - 1 :] = z
    return pd.Series(out)


def quantile(df, period=20, q=0.5, interpolation="linear"):
    return df.close.rolling(period).quantile(q, interpolation=interpolation)


def median(df, period=20):
    return df.close.rolling(period).median()


write("ao", per_series(ao, [{}, {"fastPeriod": 3, "slowPeriod": 10}]))
write("cmf", per_series(cmf, [{}, {"period": 5}]))
write("rollingVwap", per_series(rolling_vwap, [{}, {"period": 7, "price": "close"}]))
write("forceIndex", per_series(force_index, [{}, {"period": 2}, {"period": 13, "seed": "first"}]))
write("emv", per_series(emv, [{}, {"period": 5, "volumeDivisor": 10_000}]))
write("returns", per_series(returns, [{}, {"period": 5}]))
write("logReturns", per_series(log_returns, [{}, {"period": 5}]))
write("zScore", per_series(z_score, [{}, {"period": 5, "ddof": 0}, {"period": 60}]))
write(
    "quantile",
    per_series(
        quantile,
        [
            {},
            {"period": 10, "q": 0.1},
            {"period": 7, "q": 0.9, "interpolation": "lower"},
            {"period": 7, "q": 0.9, "interpolation": "higher"},
            {"period": 8, "q": 0.3, "interpolation": "nearest"},
            {"period": 8, "q": 0.75, "interpolation": "midpoint"},
        ],
    ),
)
write("median", per_series(median, [{}, {"period": 5}, {"period": 6}]))

# --- session VWAP: EURUSD hourly bars, timestamps read as UTC; sessions = calendar days in a zone ---------------
eu = pd.read_csv(os.path.join(DATA, "EURUSD.csv"))
eu.columns = ["ts"] + [c.strip().lower() for c in eu.columns[1:]]
ts = pd.to_datetime(eu.ts).dt.tz_localize("UTC")
rows = 5000
eu = eu.iloc[:rows]
ts = ts.iloc[:rows]
vcases = []
for opts in [
    {},
    {"timezone": "America/New_York"},
    {"timezone": "America/New_York", "sessionOffsetMs": 17 * 3_600_000, "price": "close"},
    {"timezone": "Europe/Berlin", "anchor": "1w"},
]:
    tz = opts.get("timezone", "UTC")
    local = ts.dt.tz_convert(tz).dt.tz_localize(None) - pd.Timedelta(milliseconds=opts.get("sessionOffsetMs", 0))
    if opts.get("anchor", "1d") == "1w":
        key = (local.dt.normalize() - pd.to_timedelta(local.dt.weekday, unit="D")).astype("int64")
    else:
        key = local.dt.normalize().astype("int64")
    p = (eu.high + eu.low + eu.close) / 3 if opts.get("price", "typical") == "typical" else eu.close
    pv = (p * eu.volume).groupby(key).cumsum()
    vv = eu.volume.groupby(key).cumsum()
    vcases.append(
        {
            "options": opts,
            "sessions": int(key.nunique()),
            "output": col(pv / vv),
        }
    )
with open(os.path.join(HERE, "vwap.json"), "w") as f:
    json.dump(
        {
            "generator": "test-data/mvs/golden_mvs.py",
            "series": "EURUSD.csv (hourly; timestamps read as UTC)",
            "ts": [float(t) for t in (ts.astype("int64") // 1_000_000)],
            "high": col(eu.high),
            "low": col(eu.low),
            "close": col(eu.close),
            "volume": col(eu.volume),
            "cases": vcases,
        },
        f,
    )
print("wrote", sorted(os.listdir(HERE)))
