"""Independent oracle for the end-to-end RSI mean-reversion backtest on real NVDA daily data.

Written with numpy/pandas from the definitions, not from the TypeScript code. Wilder's RSI(14) as TA-Lib computes
it: the first average gain/loss is the simple mean of the first 14 changes, then avg = (avg*13 + x)/14. Strategy:
when flat and RSI < 30 buy 100 shares; when long and RSI > 55 sell everything; decisions at the close, filled at the
NEXT bar's open; commission 0.005/share with a 1.00 minimum; no slippage. Equity is marked at each close.
Run: /usr/bin/python3 golden_rsi_reversion.py > golden_rsi_reversion.json
"""
import json
import pathlib

import numpy as np
import pandas as pd

here = pathlib.Path(__file__).resolve().parent
df = pd.read_csv(here.parent / "ohlcv" / "nvda-1999-2014.txt")
close = df["Close"].to_numpy(float)
open_ = df["Open"].to_numpy(float)

P, LOW, EXIT = 14, 30.0, 55.0
rsi = np.full(len(close), np.nan)
d = np.diff(close)
gain = np.where(d > 0, d, 0.0)
loss = np.where(d < 0, -d, 0.0)
ag, al = gain[:P].mean(), loss[:P].mean()
rsi[P] = 100.0 if al == 0 else 100.0 - 100.0 / (1.0 + ag / al)
for i in range(P + 1, len(close)):
    ag = (ag * (P - 1) + gain[i - 1]) / P
    al = (al * (P - 1) + loss[i - 1]) / P
    rsi[i] = 100.0 if al == 0 else 100.0 - 100.0 / (1.0 + ag / al)
valid = rsi[~np.isnan(rsi)]
# no decision may hinge on rounding: every RSI value is well away from both thresholds
assert np.min(np.abs(valid - LOW)) > 1e-6 and np.min(np.abs(valid - EXIT)) > 1e-6

QTY, PER_SHARE, MIN_COMM, CASH0 = 100.0, 0.005, 1.0, 100_000.0
cash, pos, pending = CASH0, 0.0, 0.0
equity, fills = [], []
for i in range(len(close)):
    if pending != 0:
        comm = max(abs(pending) * PER_SHARE, MIN_COMM)
        cash -= pending * open_[i] + comm
        pos += pending
        fills.append({"bar": i, "qty": pending, "price": open_[i]})
        pending = 0.0
    equity.append(cash + pos * close[i])
    if not np.isnan(rsi[i]):
        if pos == 0 and rsi[i] < LOW:
            pending = QTY
        elif pos > 0 and rsi[i] > EXIT:
            pending = -pos

print(json.dumps({
    "source": "test-data/ohlcv/nvda-1999-2014.txt",
    "params": {"period": P, "oversold": LOW, "exit": EXIT, "qty": QTY},
    "bars": len(close),
    "fills": len(fills),
    "fillBars": [f["bar"] for f in fills],
    "finalEquity": equity[-1],
    "equityAt": {str(k): equity[k] for k in [0, 500, 2000, len(equity) - 1]},
}, indent=1))
