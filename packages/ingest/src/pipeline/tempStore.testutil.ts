import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store, type StoreOptions } from "@quantkit/data";

/** A test's cleanup list: run in reverse order after each test. */
export type Cleanup = (() => Promise<void> | void)[];

/**
 * Test helper: a fresh temporary directory, removed by the test's cleanup.
 * @param cleanup - the test's cleanup list.
 * @param prefix - directory name prefix. @default "qk-ingest-store-"
 * @example
 * tempDir(cleanup, "qk-ingest-kill-") // → "/tmp/qk-ingest-kill-a1B2c3"
 */
export function tempDir(cleanup: Cleanup, prefix = "qk-ingest-store-"): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/**
 * Test helper: a store (not bundled) in a fresh temporary directory; the test's cleanup closes it, then removes
 * the directory.
 * @param cleanup - the test's cleanup list.
 * @param prefix - directory name prefix. @default "qk-ingest-store-"
 * @param options - more store options (e.g. `compactAfterParts`). @default {}
 * @example
 * const { store } = await openTempStore(cleanup); // store.getTrades(…) → empty columns
 */
export async function openTempStore(
  cleanup: Cleanup,
  prefix = "qk-ingest-store-",
  options: Omit<StoreOptions, "root" | "bundled"> = {},
): Promise<{ root: string; store: Store }> {
  const root = tempDir(cleanup, prefix);
  const store = await openStore({ root, bundled: false, ...options });
  cleanup.push(() => store.close());
  return { root, store };
}
