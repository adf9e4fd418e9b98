#!/usr/bin/python3
"""Golden fixtures for @quantkit/studies (run with /usr/bin/python3: Debian numpy + scipy).

An independent, deliberately straightforward implementation of
  * CSCV / PBO (Bailey, Borwein, Lopez de Prado & Zhu 2015, "The probability of backtest overfitting", sec. 2):
    submatrices by np.array_split, every combination of S/2 blocks via itertools, the metric recomputed on the
    concatenated rows, OOS ranks by scipy.stats.rankdata (average ties), logit, PBO = share of logits <= 0,
    degradation by scipy.stats.linregress;
  * CPCV split enumeration (Lopez de Prado 2018, AFML 12.4) with boolean masks: purge = drop train samples whose
    label [i, i + h] touches a test sample; embargo = drop the e samples after each test sample; paths by giving
    group g the p-th split (in split order) that tests it;
  * the deflated Sharpe ratio (Bailey & Lopez de Prado 2014) with scipy.stats.norm, skew and raw kurtosis;
  * neighbourhood statistics of a parameter surface by brute-force loops.
Seeded numpy Generators; writes fixtures.json next to this script.
Usage: /usr/bin/python3 packages/studies/test-data/make_fixtures.py
"""
import itertools
import json
import math
import os

import numpy as np
from scipy import stats

EULER_GAMMA = 0.5772156649015329


# ---------------------------------------------------------------- CSCV / PBO
def metric_of(x, metric):
    """x: rows x trials slice. Sharpe = mean / std(ddof=1); 0 for a constant 0 column (documented convention)."""
    if metric == "mean":
        return x.mean(axis=0)
    if metric == "sum":
        return x.sum(axis=0)
    mu = x.mean(axis=0)
    sd = x.std(axis=0, ddof=1)
    out = np.empty(x.shape[1])
    for j in range(x.shape[1]):
        if sd[j] > 0:
            out[j] = mu[j] / sd[j]
        else:
            out[j] = 0.0 if mu[j] == 0 else math.copysign(math.inf, mu[j])
    return out


def cscv(M, S, metric):
    T, N = M.shape
    blocks = np.array_split(np.arange(T), S)
    logits, ranks, best, is_perf, oos_perf = [], [], [], [], []
    for J in itertools.combinations(range(S), S // 2):
        Jbar = [b for b in range(S) if b not in J]
        rows_in = np.concatenate([blocks[b] for b in J])
        rows_out = np.concatenate([blocks[b] for b in Jbar])
        R = metric_of(M[rows_in], metric)
        Rbar = metric_of(M[rows_out], metric)
        n_star = int(np.argmax(R))
        omega = stats.rankdata(Rbar)[n_star] / (N + 1)
        logits.append(math.log(omega / (1 - omega)))
        ranks.append(omega)
        best.append(n_star)
        is_perf.append(R[n_star])
        oos_perf.append(Rbar[n_star])
    logits = np.array(logits)
    reg = stats.linregress(is_perf, oos_perf)
    return {
        "pbo": float(np.mean(logits <= 0)),
        "logits": logits.tolist(),
        "relativeRanks": ranks,
        "bestTrial": best,
        "inSample": [float(v) for v in is_perf],
        "outOfSample": [float(v) for v in oos_perf],
        "slope": reg.slope,
        "intercept": reg.intercept,
        "rSquared": reg.rvalue**2,
        "probabilityOfLoss": float(np.mean(np.array(oos_perf) < 0)),
        "combinations": len(logits),
    }


def pbo_cases():
    cases = []
    specs = [
        # name, seed, T, N, S, metric, skilled trial drift (None = pure noise)
        ("noise T=240 N=12 S=8 sharpe", 1, 240, 12, 8, "sharpe", None),
        ("one skilled trial T=400 N=20 S=10 sharpe", 2, 400, 20, 10, "sharpe", 0.004),
        ("noise T=200 N=8 S=16 mean", 3, 200, 8, 16, "mean", None),
        ("uneven blocks T=123 N=15 S=6 sum", 4, 123, 15, 6, "sum", None),
    ]
    for name, seed, T, N, S, metric, drift in specs:
        rng = np.random.default_rng(seed)
        M = rng.normal(0.0002, 0.01, size=(T, N))
        if drift is not None:
            M[:, N // 2] += drift
        r = cscv(M, S, metric)
        # keep the JSON small: per-combination arrays every `step`-th combination for the big case
        step = 1 if r["combinations"] < 1000 else 37
        r["logitSum"] = float(np.sum(r["logits"]))
        for key in ("logits", "relativeRanks", "bestTrial", "inSample", "outOfSample"):
            r[key] = r[key][::step]
        r["step"] = step
        r.update({"name": name, "rows": T, "cols": N, "partitions": S, "metric": metric,
                  "values": [float(v) for v in M.reshape(-1)]})
        cases.append(r)
    return cases


# ---------------------------------------------------------------- CPCV
def cpcv(T, N, k, purge, embargo):
    groups = np.array_split(np.arange(T), N)
    splits = []
    for tg in itertools.combinations(range(N), k):
        test = np.zeros(T, dtype=bool)
        for g in tg:
            test[groups[g]] = True
        train = ~test
        for i in range(T):
            if not train[i]:
                continue
            label_hits_test = test[i + 1: min(T, i + purge + 1)].any()
            embargoed = test[max(0, i - embargo): i].any()
            if label_hits_test or embargoed:
                train[i] = False
        splits.append({"testGroups": list(tg), "test": np.flatnonzero(test).tolist(),
                       "train": np.flatnonzero(train).tolist()})
    phi = math.comb(N, k) * k // N
    paths = [[-1] * N for _ in range(phi)]
    for g in range(N):
        which = [i for i, s in enumerate(splits) if g in s["testGroups"]]
        assert len(which) == phi
        for p, i in enumerate(which):
            paths[p][g] = i
    return {"length": T, "groups": N, "testGroups": k, "purge": purge, "embargo": embargo,
            "groupBounds": [[int(g[0]), int(g[-1]) + 1] for g in groups], "splits": splits, "paths": paths}


# ---------------------------------------------------------------- deflated Sharpe
def dsr_case(seed, T, N):
    rng = np.random.default_rng(seed)
    R = rng.standard_t(5, size=(T, N)) * 0.01 + 0.0003
    srs = R.mean(axis=0) / R.std(axis=0, ddof=1)
    best = int(np.argmax(srs))
    x = R[:, best]
    V = srs.var(ddof=1)
    sr0 = math.sqrt(V) * ((1 - EULER_GAMMA) * stats.norm.ppf(1 - 1 / N)
                          + EULER_GAMMA * stats.norm.ppf(1 - 1 / (N * math.e)))
    sr = x.mean() / x.std(ddof=1)
    g3 = stats.skew(x)
    g4 = stats.kurtosis(x, fisher=False)
    dsr = stats.norm.cdf((sr - sr0) * math.sqrt(T - 1) / math.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr**2))
    return {"returns": x.tolist(), "trialSharpes": srs.tolist(), "trials": N, "trialsVariance": V,
            "sharpe": sr, "expectedMaxSharpe": sr0, "deflatedSharpe": dsr}


# ---------------------------------------------------------------- surface stability
def surface_case(seed, shape, neighbourhood, nan_at=None):
    rng = np.random.default_rng(seed)
    G = rng.normal(size=shape)
    if nan_at is not None:
        G[nan_at] = np.nan
    D = len(shape)
    if neighbourhood == "box":
        offs = [o for o in itertools.product((-1, 0, 1), repeat=D) if any(o)]
    else:
        offs = []
        for d in range(D):
            for s in (-1, 1):
                o = [0] * D
                o[d] = s
                offs.append(tuple(o))
    finite = G[np.isfinite(G)]
    scale = max(finite.max() - finite.min(), np.abs(finite).max())
    out = {k: [] for k in ("mean", "min", "max", "std", "count", "normalizedDrop", "localOptimum")}
    for idx in itertools.product(*[range(s) for s in shape]):
        nb = []
        for o in offs:
            j = tuple(a + b for a, b in zip(idx, o))
            if all(0 <= j[d] < shape[d] for d in range(D)) and np.isfinite(G[j]):
                nb.append(G[j])
        v = G[idx]
        out["count"].append(len(nb))
        if not nb or not np.isfinite(v):
            for k in ("mean", "min", "max", "std", "normalizedDrop"):
                out[k].append(None)
            out["localOptimum"].append(1 if (np.isfinite(v) and not nb) else 0)
            continue
        nb = np.array(nb)
        out["mean"].append(nb.mean())
        out["min"].append(nb.min())
        out["max"].append(nb.max())
        out["std"].append(nb.std())
        out["normalizedDrop"].append((v - nb.mean()) / scale)
        out["localOptimum"].append(1 if v >= nb.max() else 0)
    flat = G.reshape(-1)
    best = int(np.nanargmax(flat))
    return {"shape": list(shape), "neighbourhood": neighbourhood,
            "values": [None if not np.isfinite(v) else float(v) for v in flat],
            "best": best, **{k: [None if v is None else float(v) for v in vs] for k, vs in out.items()}}


def main():
    fixtures = {
        "generator": "packages/studies/test-data/make_fixtures.py (numpy %s, scipy %s)" % (
            np.__version__, __import__("scipy").__version__),
        "pbo": pbo_cases(),
        "cpcv": [cpcv(100, 6, 2, 3, 2), cpcv(57, 5, 1, 0, 4), cpcv(90, 7, 3, 5, 0)],
        "deflatedSharpe": [dsr_case(11, 750, 40), dsr_case(12, 300, 200)],
        "surface": [surface_case(21, (7, 9), "box"), surface_case(22, (4, 5, 3), "axis", (1, 2, 0)),
                    surface_case(23, (4, 5, 3), "box", (2, 2, 1))],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")
    with open(path, "w") as f:
        json.dump(fixtures, f, allow_nan=False)
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
