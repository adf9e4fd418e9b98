import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of a file under packages/live/test-data (used by tests and benchmarks). */
export function testDataPath(rel: string): string {
  return fileURLToPath(new URL(`../../test-data/${rel}`, import.meta.url));
}

/** The 67 valid FIX.4.2 vectors as raw bytes (one per line of the .soh file), for tests and benchmarks. */
export function validFix42Vectors(): Buffer[] {
  const raw = readFileSync(testDataPath("fix/fix42_valid_messages.soh"));
  const out: Buffer[] = [];
  let start = 0;
  // Lines end with "10=xxx\x01\n"; a raw-data field may contain SOH but never "\x01\n8=" inside a message.
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 10 && raw[i - 1] === 1 && (i + 1 >= raw.length || raw[i + 1] === 56)) {
      out.push(raw.subarray(start, i));
      start = i + 1;
    }
  }
  return out;
}
