#!/usr/bin/python3
"""Golden values for @quantkit/risk-mc, computed independently with numpy/scipy/statsmodels.

Run with Debian's python:  /usr/bin/python3 packages/risk-mc/test-data/golden.py
Writes packages/risk-mc/test-data/golden.json (committed). Every number in the TypeScript tests that is not a
closed form or a property comes from here.
"""
import json
import math
import os

import numpy as np
from scipy import optimize, special, stats
from statsmodels.tsa.stattools import acf

HERE = os.path.dirname(os.path.abspath(__file__))
raw = np.genfromtxt(os.path.join(HERE, "orcl-1995-2014.txt"), delimiter=",", skip_header=1, usecols=(5,))
adj = raw.astype(float)
returns = adj[1:] / adj[:-1] - 1.0  # simple daily returns of the adjusted close
n = len(returns)


def tail_count(level, n):
    m = (1 - level) * n
    return max(1, math.ceil(round(m * 1e9) / 1e9))


def hist_ru(x, level):
    # Riskfolio-Lib RiskFunctions.VaR_Hist / CVaR_Hist (Rockafellar-Uryasev), alpha = 1 - level
    alpha = 1 - level
    s = np.sort(x)
    index = tail_count(level, len(s)) - 1
    var = -s[index]
    sum_var = 0.0
    for i in range(0, index + 1):
        sum_var += s[i] - s[index]
    cvar = -s[index] - sum_var / (alpha * len(s))
    return var, cvar


def hist_linear(x, level):
    q = np.percentile(x, 100 * (1 - level))  # numpy default: linear
    q = np.quantile(x, 1 - level, method="linear")
    tail = x[x <= q]
    return -q, -tail.mean()


def gaussian(x, level):
    mu, sd = x.mean(), x.std(ddof=1)
    z = stats.norm.ppf(level)
    return -mu + sd * z, -mu + sd * stats.norm.pdf(z) / (1 - level)


def fit_t_df(x):
    mu, sd = x.mean(), x.std(ddof=1)
    u2 = ((x - mu) / sd) ** 2
    nn = len(x)

    def loglik(nu):
        return nn * (special.gammaln((nu + 1) / 2) - special.gammaln(nu / 2) - 0.5 * np.log(np.pi * (nu - 2)) - np.log(sd)) - (nu + 1) / 2 * np.sum(np.log1p(u2 / (nu - 2)))

    def score(nu):
        d = nu - 2
        q = u2 / d
        return nn * (0.5 * special.digamma((nu + 1) / 2) - 0.5 * special.digamma(nu / 2) - 0.5 / d) - 0.5 * np.sum(np.log1p(q)) + (nu + 1) / 2 * np.sum(q / (d * (1 + q)))

    # locate the maximum coarsely, then solve the score equation
    grid = 2 + 0.05 * (998 / 0.05) ** (np.arange(201) / 200)
    i = int(np.argmax([loglik(g) for g in grid]))
    nu = optimize.brentq(score, grid[max(0, i - 1)], grid[min(200, i + 1)], xtol=1e-15, rtol=8.9e-16, maxiter=500)
    # cross-check against a direct bounded maximization of the likelihood
    alt = optimize.minimize_scalar(lambda v: -loglik(v), bounds=(grid[max(0, i - 1)], grid[min(200, i + 1)]), method="bounded", options={"xatol": 1e-10})
    assert abs(alt.x - nu) < 1e-4, (alt.x, nu)
    return nu


def t_ppf(p, nu):
    """Student-t quantile solved on scipy's t.cdf to full precision: scipy's t.ppf (stdtrit) is itself off by up to
    ~2e-9 relative for non-integer df (e.g. t.cdf(t.ppf(0.001, 4.2), 4.2) = 0.00099999999054)."""
    q0 = stats.t.ppf(p, nu)
    w = 1e-6 * max(1.0, abs(q0))
    return optimize.brentq(lambda v: stats.t.cdf(v, nu) - p, q0 - w, q0 + w, xtol=1e-300, rtol=8.9e-16, maxiter=500)


def student_t(x, level, nu):
    mu, sd = x.mean(), x.std(ddof=1)
    s = sd * math.sqrt((nu - 2) / nu)
    q = t_ppf(level, nu)
    var = -mu + s * q
    es = -mu + s * stats.t.pdf(q, nu) * (nu + q * q) / ((nu - 1) * (1 - level))
    # cross-check ES by numerical integration of the t tail
    from scipy import integrate
    tail = integrate.quad(lambda t: t * stats.t.pdf(t, nu), q, np.inf, epsabs=1e-13, epsrel=1e-13)[0] / (1 - level)
    assert abs(tail - stats.t.pdf(q, nu) * (nu + q * q) / ((nu - 1) * (1 - level))) < 1e-8
    return var, es


def ipower(power, h):
    # PerformanceAnalytics Ipower
    full = 1.0
    if power % 2 == 0:
        pstar = power // 2
        for j in range(1, pstar + 1):
            full *= 2 * j
        I = full * stats.norm.pdf(h)
        for i in range(1, pstar + 1):
            prod = 1.0
            for j in range(1, i + 1):
                prod *= 2 * j
            I += (full / prod) * h ** (2 * i) * stats.norm.pdf(h)
    else:
        pstar = (power - 1) // 2
        for j in range(0, pstar + 1):
            full *= 2 * j + 1
        I = -full * stats.norm.cdf(h)
        for i in range(0, pstar + 1):
            prod = 1.0
            for j in range(0, i + 1):
                prod *= 2 * j + 1
            I += (full / prod) * h ** (2 * i + 1) * stats.norm.pdf(h)
    return I


def cornish_fisher(x, level):
    # PerformanceAnalytics mVaR.MM / mES.MM with sigma = cov (n-1), M3/M4 with n denominators
    mu = x.mean()
    sigma = x.std(ddof=1)
    m3 = np.mean((x - mu) ** 3)
    m4 = np.mean((x - mu) ** 4)
    skew = m3 / sigma ** 3
    exkurt = m4 / sigma ** 4 - 3
    p = 1 - level
    z = stats.norm.ppf(p)
    h = z + (1 / 6) * (z ** 2 - 1) * skew + (1 / 24) * (z ** 3 - 3 * z) * exkurt - (1 / 36) * (2 * z ** 3 - 5 * z) * skew ** 2
    var = -mu - sigma * h
    E = stats.norm.pdf(h)
    E = E + (1 / 24) * (ipower(4, h) - 6 * ipower(2, h) + 3 * stats.norm.pdf(h)) * exkurt
    E = E + (1 / 6) * (ipower(3, h) - 3 * ipower(1, h)) * skew
    E = E + (1 / 72) * (ipower(6, h) - 15 * ipower(4, h) + 45 * ipower(2, h) - 15 * stats.norm.pdf(h)) * skew ** 2
    E = E / p
    es = -mu - sigma * min(-E, h)
    return var, es, skew, exkurt


def kupiec(exc, level):
    exc = np.asarray(exc, dtype=bool)
    T = len(exc)
    x = int(exc.sum())
    p = 1 - level
    def xlogy(a, b):
        return special.xlogy(a, b)
    ll0 = xlogy(T - x, 1 - p) + xlogy(x, p)
    phat = x / T
    ll1 = xlogy(T - x, 1 - phat) + xlogy(x, phat)
    lr = -2 * (ll0 - ll1)
    lr = max(lr, 0.0)
    return {"statistic": lr, "pValue": float(stats.chi2.sf(lr, 1)), "exceptions": x, "observations": T}


def christoffersen(exc, level):
    e = np.asarray(exc, dtype=int)
    prev, cur = e[:-1], e[1:]
    n00 = int(np.sum((prev == 0) & (cur == 0)))
    n01 = int(np.sum((prev == 0) & (cur == 1)))
    n10 = int(np.sum((prev == 1) & (cur == 0)))
    n11 = int(np.sum((prev == 1) & (cur == 1)))
    xl = special.xlogy
    pi0 = n01 / (n00 + n01) if n00 + n01 > 0 else 0.0
    pi1 = n11 / (n10 + n11) if n10 + n11 > 0 else 0.0
    pi = (n01 + n11) / (n00 + n01 + n10 + n11)
    l0 = xl(n00 + n10, 1 - pi) + xl(n01 + n11, pi)
    l1 = xl(n00, 1 - pi0) + xl(n01, pi0) + xl(n10, 1 - pi1) + xl(n11, pi1)
    lr_ind = max(-2 * (l0 - l1), 0.0)
    k = kupiec(exc, level)
    lr_cc = k["statistic"] + lr_ind
    return {
        "n00": n00, "n01": n01, "n10": n10, "n11": n11,
        "independence": {"statistic": lr_ind, "pValue": float(stats.chi2.sf(lr_ind, 1))},
        "conditionalCoverage": {"statistic": lr_cc, "pValue": float(stats.chi2.sf(lr_cc, 2))},
    }


def rolling_hist(x, window, level):
    forecasts = np.full(len(x), np.nan)
    for t in range(window, len(x)):
        forecasts[t] = hist_ru(x[t - window:t], level)[0]
    exc = x[window:] < -forecasts[window:]
    return forecasts, exc


def sharpe_block(x, ppy, benchmark, trials, trials_var, level, lags):
    mu, sd = x.mean(), x.std(ddof=1)
    sr = mu / sd
    g3 = stats.skew(x, bias=True)
    g4 = stats.kurtosis(x, fisher=False, bias=True)
    T = len(x)
    rho = acf(x, nlags=lags, fft=False)[1:]
    q = ppy
    ks = np.arange(1, lags + 1)
    eta = q / math.sqrt(q + 2 * np.sum((q - ks) * rho))
    se_iid = math.sqrt((1 + sr ** 2 / 2) / T)
    se_nn = math.sqrt((1 - g3 * sr + (g4 - 1) / 4 * sr ** 2) / T)
    psr = stats.norm.cdf((sr - benchmark) * math.sqrt(T - 1) / math.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr ** 2))
    gamma = np.euler_gamma
    sr0 = math.sqrt(trials_var) * ((1 - gamma) * stats.norm.ppf(1 - 1 / trials) + gamma * stats.norm.ppf(1 - 1 / (trials * math.e)))
    dsr = stats.norm.cdf((sr - sr0) * math.sqrt(T - 1) / math.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr ** 2))
    mintrl = 1 + (1 - g3 * sr + (g4 - 1) / 4 * sr ** 2) * (stats.norm.ppf(level) / (sr - benchmark)) ** 2
    z = stats.norm.ppf(0.5 + level / 2)
    return {
        "periodsPerYear": ppy, "benchmark": benchmark, "trials": trials, "trialsVariance": trials_var, "level": level, "lags": lags,
        "sharpe": sr, "sharpeAnnualized": sr * math.sqrt(ppy), "sharpeAutocorrelation": eta * sr,
        "skewness": g3, "kurtosis": g4, "eta": eta,
        "seIid": se_iid * math.sqrt(ppy), "seNonNormal": se_nn * math.sqrt(ppy), "seAutocorrelation": eta * se_iid,
        "ciIid": [sr * math.sqrt(ppy) - z * se_iid * math.sqrt(ppy), sr * math.sqrt(ppy) + z * se_iid * math.sqrt(ppy)],
        "psr": psr, "psrAtEstimate": float(stats.norm.cdf(0.0)), "sr0": sr0, "dsr": dsr, "minTrackRecordLength": mintrl,
    }


out = {"source": "orcl-1995-2014.txt Adj Close, simple returns r_t = P_t/P_{t-1} - 1", "n": n,
       "returnsHead": returns[:5].tolist(), "returnsSum": float(returns.sum())}
risk = []
nu = fit_t_df(returns)
out["studentTDf"] = nu
for sample_name, x in [("full", returns), ("first500", returns[:500])]:
    nu_x = fit_t_df(x)
    for level in (0.95, 0.99, 0.975):
        hv, he = hist_ru(x, level)
        lv, le = hist_linear(x, level)
        gv, ge = gaussian(x, level)
        tv, te = student_t(x, level, nu_x)
        cv, ce, sk, ek = cornish_fisher(x, level)
        risk.append({"sample": sample_name, "level": level, "df": nu_x,
                     "historical": [hv, he], "linear": [lv, le], "gaussian": [gv, ge], "studentT": [tv, te],
                     "cornishFisher": [cv, ce], "skewness": sk, "excessKurtosis": ek})
out["risk"] = risk
out["tQuantiles"] = [{"p": p, "df": d, "q": t_ppf(p, d), "scipyPpf": float(stats.t.ppf(p, d))}
                     for p in (0.001, 0.01, 0.025, 0.05, 0.95, 0.99) for d in (2.5, 3.0, 4.2, 5.0, 10.0, 30.0)]

forecasts, exc = rolling_hist(returns, 250, 0.99)
out["rolling"] = {"window": 250, "level": 0.99, "forecastsHead": forecasts[250:260].tolist(),
                  "exceptionCount": int(exc.sum()), "kupiec": kupiec(exc, 0.99), "christoffersen": christoffersen(exc, 0.99)}
forecasts95, exc95 = rolling_hist(returns, 500, 0.95)
out["rolling95"] = {"window": 500, "level": 0.95, "exceptionCount": int(exc95.sum()),
                    "kupiec": kupiec(exc95, 0.95), "christoffersen": christoffersen(exc95, 0.95)}
edge = {
    "none": [0] * 100,
    "all": [1] * 50,
    "noConsecutive": [1 if i % 10 == 3 else 0 for i in range(200)],
    "clustered": [1 if 40 <= i < 46 or i == 150 else 0 for i in range(250)],
    "lastOnly": [0] * 99 + [1],
}
out["edgeCases"] = {k: {"exceptions": v, "kupiec": kupiec(v, 0.99), "christoffersen": christoffersen(v, 0.99)} for k, v in edge.items()}
out["sharpe"] = sharpe_block(returns, 252, 0.0, 100, 0.5 / 252, 0.95, 10)
out["sharpeTail"] = sharpe_block(returns[-750:], 252, 0.01, 20, 0.2 / 252, 0.99, 5)

with open(os.path.join(HERE, "golden.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote golden.json: t df", nu, "hist99", risk[1]["historical"], "rolling exceptions", out["rolling"]["exceptionCount"])
