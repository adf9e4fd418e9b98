/**
 * A one-line progress reporter for long steps: a spinner-free "[3/6] step…  done in 0.42 s" log that reads well
 * both in a terminal and in CI logs (no carriage-return redraws that CI would print as garbage).
 *
 * @example
 * const p = new Steps(2); await p.run("load data", async () => load()); // prints "[1/2] load data … 0.12 s"
 */
export class Steps {
  private index = 0;
  constructor(
    private readonly total: number,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  /** Runs one step, printing its number, name and elapsed time; rethrows the step's error after saying so. */
  async run<T>(name: string, step: () => Promise<T> | T): Promise<T> {
    this.index++;
    this.write(`[${this.index}/${this.total}] ${name} … `);
    const t0 = performance.now();
    try {
      const result = await step();
      this.write(`${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
      return result;
    } catch (error) {
      this.write("failed\n");
      throw error;
    }
  }
}
