// Public exports of the momentum family (explicit names, one line per indicator).
export {};
