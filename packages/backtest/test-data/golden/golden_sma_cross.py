"""Independent oracle for the end-to-end SMA-crossover backtest on real ORCL daily data.

Written with pandas from the strategy's definition (not from the TypeScript code): long 100 shares when the
11-day SMA of closes crosses above the 37-day SMA, flat when it crosses below; the decision is taken at a bar's
close and filled at the NEXT bar's open with 2 bps adverse slippage; commission 0.005/share with a 1.00 minimum.
Equity is marked at each close. Run: /usr/bin/python3 golden_sma_cross.py > golden_sma_cross.json
"""
import json
import pathlib

import numpy as np
import pandas as pd

here = pathlib.Path(__file__).resolve().parent
df = pd.read_csv(here.parent / "ohlcv" / "orcl-1995-2014.txt")
close = df["Close"].to_numpy(float)
open_ = df["Open"].to_numpy(float)
FAST, SLOW = 11, 37
fast = pd.Series(close).rolling(FAST).mean().to_numpy()
slow = pd.Series(close).rolling(SLOW).mean().to_numpy()
diff = fast - slow
# A crossing decided by rounding (|fast - slow| ~ 1e-15) is not a property of the strategy: the periods are chosen
# so that no such near-tie exists on this data (10/30 has an exact tie in 2004 that pandas and a running sum round
# differently).
assert np.nanmin(np.abs(diff)) > 1e-5, np.nanmin(np.abs(diff))

QTY, BPS, PER_SHARE, MIN_COMM, CASH0 = 100.0, 2.0, 0.005, 1.0, 100_000.0
cash, pos, pending = CASH0, 0.0, 0.0
equity, fills = [], []
for i in range(len(close)):
    if pending != 0:
        sgn = 1.0 if pending > 0 else -1.0
        px = open_[i] + sgn * (open_[i] * BPS / 1e4)
        comm = max(abs(pending) * PER_SHARE, MIN_COMM)
        cash -= pending * px + comm
        pos += pending
        fills.append({"bar": i, "qty": pending, "price": px, "commission": comm})
        pending = 0.0
    equity.append(cash + pos * close[i])
    if i > 0 and not np.isnan(diff[i - 1]) and not np.isnan(diff[i]):
        if diff[i - 1] <= 0 < diff[i] and pos == 0:
            pending = QTY
        elif diff[i - 1] >= 0 > diff[i] and pos > 0:
            pending = -pos

print(json.dumps({
    "source": "test-data/ohlcv/orcl-1995-2014.txt",
    "params": {"fast": FAST, "slow": SLOW, "qty": QTY, "slippageBps": BPS, "perShare": PER_SHARE, "minimum": MIN_COMM},
    "bars": len(close),
    "fills": len(fills),
    "firstFills": fills[:6],
    "finalEquity": equity[-1],
    "equityAt": {str(k): equity[k] for k in [0, 100, 1000, 2500, len(equity) - 1]},
}, indent=1))
