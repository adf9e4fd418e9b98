"""Golden values for packages/core/src/special.test.ts (run: /usr/bin/python3 packages/core/test-data/special.py)."""
import json
import os

import numpy as np
from scipy import special

rng = np.random.default_rng(20261125)
xs = np.concatenate([[0.5, 1, 1.5, 2, 5, 10, 50, 171.5, 1e-3], rng.uniform(0.01, 200, 40)])
beta_cases = []
for a, b in [(0.5, 0.5), (2, 3), (3.5, 120), (50, 50), (0.1, 10), (200, 2)]:
    for x in [1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-6]:
        beta_cases.append({"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))})
for a, b, x in zip(rng.uniform(0.2, 80, 40), rng.uniform(0.2, 80, 40), rng.uniform(0, 1, 40)):
    beta_cases.append({"x": float(x), "a": float(a), "b": float(b), "value": float(special.betainc(a, b, x))})
out = {
    "generator": "scipy %s special.gammaln / psi / betaln / betainc" % __import__("scipy").__version__,
    "logGamma": [{"x": float(x), "value": float(special.gammaln(x))} for x in xs],
    "digamma": [{"x": float(x), "value": float(special.psi(x))} for x in xs],
    "logBeta": [{"a": float(a), "b": float(b), "value": float(special.betaln(a, b))} for a, b in zip(xs[:20], xs[20:40])],
    "incompleteBeta": beta_cases,
}
with open(os.path.join(os.path.dirname(__file__), "special.json"), "w") as f:
    json.dump(out, f, indent=1)
