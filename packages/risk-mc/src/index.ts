/** @packageDocumentation VaR/CVaR, Monte Carlo paths, Sharpe uncertainty and VaR backtests */
export {};
