/** @packageDocumentation Research studies at scale: parameter sweeps, walk-forward, CPCV, PBO, robustness, tracked runs, worker pools and NATS JetStream */
export {};
