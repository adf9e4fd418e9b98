import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";

/**
 * Streams the lines of a text file (gzip when the name ends in `.gz`) without loading it whole, with 1-based line
 * numbers; a trailing `\r` is removed. Memory stays bounded by one read buffer however large the file is.
 *
 * @param path - file path.
 * @example
 * for await (const { line, lineNo } of readLines("bars.csv")) console.log(lineNo, line); // 1 'date,open,…'
 */
export async function* readLines(path: string): AsyncGenerator<{ line: string; lineNo: number }> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const input = path.endsWith(".gz") ? file.pipe(createGunzip()) : file;
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  try {
    for await (const raw of rl) {
      lineNo++;
      yield { line: raw.endsWith("\r") ? raw.slice(0, -1) : raw, lineNo };
    }
  } finally {
    rl.close();
    file.destroy();
  }
}

/**
 * Splits one CSV line into fields (RFC 4180 quotes: `"a,b"` is one field, `""` is a quote), trimming spaces
 * around unquoted fields.
 *
 * @param line - the line without its end-of-line.
 * @param delimiter - field separator, default `,`.
 * @example
 * splitCsvLine('a,"b,c",d') // → ["a", "b,c", "d"]
 * @see https://www.rfc-editor.org/rfc/rfc4180
 */
export function splitCsvLine(line: string, delimiter = ","): string[] {
  if (!line.includes('"')) {
    const parts = line.split(delimiter);
    for (let i = 0; i < parts.length; i++) parts[i] = parts[i]!.trim();
    return parts;
  }
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}
