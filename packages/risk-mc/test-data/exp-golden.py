#!/usr/bin/python3
"""Correctly rounded e^x for the tableExp tests (packages/risk-mc/src/table-exp.test.ts).

Run with Debian's python:  /usr/bin/python3 packages/risk-mc/test-data/exp-golden.py
Writes exp-golden.json (committed): arguments x (doubles, repr round-trips) and e^x rounded to the nearest double,
computed with the standard library's decimal module at 50 significant digits (Decimal.exp is correctly rounded),
i.e. independently of any libm.
"""
import decimal
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
decimal.getcontext().prec = 50
rng = np.random.default_rng(20261125)

xs = []
xs += list(rng.uniform(-700.0, 700.0, 1500))  # the whole table range
xs += list(rng.uniform(-12.0, 12.0, 1500))  # where GBM log-prices live
xs += list(rng.uniform(-0.01, 0.01, 500))  # near 0
# halfway between table nodes j·ln2/256 (where n = round(x·256/ln2) switches) and just beside the nodes
for j in rng.integers(-200000, 200000, 500):
    xs.append((j + 0.5) * math.log(2) / 256)
    xs.append(math.nextafter(j * math.log(2) / 256, math.inf))
xs += [0.0, -0.0, 1.0, -1.0, 700.0, -700.0, 1e-300, -1e-300, math.log(2), 709.0 - 9.0]
xs = [float(x) for x in xs if -700.0 <= x <= 700.0]

exp = [float(decimal.Decimal(x).exp()) for x in xs]
with open(os.path.join(HERE, "exp-golden.json"), "w") as f:
    json.dump({"x": xs, "exp": exp}, f)
print(f"wrote {len(xs)} points")
