// Public exports of the volatility family (explicit names, one line per indicator).
export {};
