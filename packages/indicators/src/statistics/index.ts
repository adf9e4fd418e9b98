// Public exports of the statistics family (explicit names, one line per indicator).
export {};
