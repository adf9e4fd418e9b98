/**
 * @packageDocumentation
 * The event-driven backtester: one kernel for simulation and live (event queue, clock, order manager, risk engine,
 * portfolio), an execution emulator, L2/L3 order books, analytics, an event log with replay, and a vectorized
 * fast path for sweeps.
 */

// --- engine, orders, risk, emulator, portfolio, strategies, event log (owned by the engine work) ---

// --- order book, analytics, metrics (owned by the book/analytics work) ---
