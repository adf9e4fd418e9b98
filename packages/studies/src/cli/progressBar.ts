import type { SweepProgress } from "../sweep/runSweep.js";

const seconds = (ms: number) =>
  !Number.isFinite(ms)
    ? "?"
    : ms >= 3_600_000
      ? `${(ms / 3_600_000).toFixed(1)} h`
      : ms >= 60_000
        ? `${(ms / 60_000).toFixed(1)} min`
        : `${(ms / 1000).toFixed(0)} s`;

/**
 * One line describing a sweep's progress: a 30-character bar, done/total, percent, runs per second and ETA.
 *
 * @example
 * formatProgress({ done: 500, total: 1000, skipped: 0, executed: 500, failed: 0, elapsedMs: 5000, etaMs: 5000 })
 * // → "[###############...............] 500/1000  50%  100 runs/s  ETA 5 s"
 */
export function formatProgress(p: SweepProgress): string {
  const width = 30;
  const frac = p.total > 0 ? p.done / p.total : 1;
  const filled = Math.round(frac * width);
  const rate = p.elapsedMs > 0 ? (p.executed / p.elapsedMs) * 1000 : Number.NaN;
  const extra = [p.skipped > 0 ? `${p.skipped} already done` : "", p.failed > 0 ? `${p.failed} failed` : ""]
    .filter((s) => s !== "")
    .join(", ");
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.done}/${p.total}  ${Math.floor(frac * 100)}%  ${
    Number.isFinite(rate) ? rate.toFixed(rate >= 10 ? 0 : 1) : "?"
  } runs/s  ETA ${seconds(p.etaMs)}${extra !== "" ? `  (${extra})` : ""}`;
}

/**
 * A progress callback for a sweep: redraws one line in a terminal (`\r`), or prints a line every 10% otherwise
 * (CI logs, notebooks).
 *
 * @param write - where text goes (default `process.stdout.write`).
 * @param tty - redraw in place (default: stdout is a TTY).
 * @example
 * await runSweep(config, { onProgress: progressPrinter() });
 */
export function progressPrinter(
  write: (s: string) => void = (s) => process.stdout.write(s),
  tty: boolean = process.stdout.isTTY === true,
): (p: SweepProgress) => void {
  let lastDecile = -1;
  return (p) => {
    if (tty) {
      write(`\r${formatProgress(p)}${p.done >= p.total ? "\n" : ""}`);
      return;
    }
    const decile = p.total > 0 ? Math.floor((p.done / p.total) * 10) : 10;
    if (decile > lastDecile) {
      lastDecile = decile;
      write(`${formatProgress(p)}\n`);
    }
  };
}
