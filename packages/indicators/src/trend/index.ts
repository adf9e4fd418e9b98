// Public exports of the trend family (explicit names, one line per indicator).
export {};
