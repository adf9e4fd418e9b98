import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

/**
 * Streams the lines of a text file (gzip when the name ends in `.gz`) in batches, one per read buffer (1 MiB),
 * without loading the file whole; `firstLineNo` is the 1-based number of the batch's first line and a trailing
 * `\r` is removed from each line. Memory stays bounded by one buffer however large the file is.
 *
 * @param path - file path.
 * @example
 * for await (const { lines, firstLineNo } of readLineBatches("bars.csv")) console.log(firstLineNo, lines[0]); // 1 'date,open,…'
 */
export async function* readLineBatches(
  path: string,
): AsyncGenerator<{ lines: string[]; firstLineNo: number }> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const input = path.endsWith(".gz") ? file.pipe(createGunzip()) : file;
  input.setEncoding("utf8");
  let carry = "";
  let lineNo = 1;
  const strip = (lines: string[]) => {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.endsWith("\r")) lines[i] = l.slice(0, -1);
    }
    return lines;
  };
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      const text = carry + chunk;
      const cut = text.lastIndexOf("\n");
      if (cut < 0) {
        carry = text;
        continue;
      }
      carry = text.slice(cut + 1);
      const lines = strip(text.slice(0, cut).split("\n"));
      yield { lines, firstLineNo: lineNo };
      lineNo += lines.length;
    }
    if (carry !== "") yield { lines: strip([carry]), firstLineNo: lineNo };
  } finally {
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
