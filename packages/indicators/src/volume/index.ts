// Public exports of the volume family (explicit names, one line per indicator).
export {};
