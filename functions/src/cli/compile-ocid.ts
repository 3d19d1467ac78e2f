/**
 * The `ocid` of a release read straight from its bytes, when the release is written with an indent (as
 * JSON.stringify, ocdskit and most publishers write packages): the line of a top-level key is indented like the
 * release's first key, so `"ocid": "…"` on such a line is the release's own. Parsing every release only to read
 * its ocid was a tenth of `compile` at N = 1,000 (issue 17); the release is parsed once, for its record.
 *
 * A guess that compile-command.ts checks: the record's parse of the release must give this same ocid (a release
 * indented some other way, or with the key written twice, is caught there and the command starts again the
 * careful way). `undefined`: no plain answer here (no such line, an escape in the value, not a string…), the
 * caller parses the release.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const KEY = Buffer.from('"ocid": "');

/** `\n`, the indentation of a top-level key, `"ocid": "`: one per indentation met. */
const patterns = new Map<number, Buffer>();

function patternFor(indent: number): Buffer {
  let pattern = patterns.get(indent);
  if (!pattern) {
    pattern = Buffer.concat([Buffer.from([NEWLINE]), Buffer.alloc(indent, SPACE), KEY]);
    patterns.set(indent, pattern);
  }
  return pattern;
}

/** The release in `bytes[from, to)`'s ocid when it is a non-empty string written plainly; else `undefined`. */
export function ocidInBytes(bytes: Buffer, from: number, to: number): string | undefined {
  if (bytes[from] !== 0x7b) return undefined;
  // The first key's line: `{`, an optional `\r`, `\n`, its indentation.
  let line = from + 1;
  if (bytes[line] === 0x0d) line++;
  if (bytes[line] !== NEWLINE) return undefined;
  let key = line + 1;
  while (key < to && bytes[key] === SPACE) key++;
  const indent = key - line - 1;
  if (indent === 0) return undefined;
  const pattern = patternFor(indent);
  // Most releases name their ocid first.
  let value: number;
  if (bytes.compare(pattern, 0, pattern.length, line, line + pattern.length) === 0) value = line + pattern.length;
  else {
    // Within the release: past it, a window holds bytes never written (reading them costs page faults).
    const at = bytes.subarray(0, to).indexOf(pattern, line);
    if (at < 0) return undefined;
    value = at + pattern.length;
  }
  // An ocid is short: looked at byte by byte (a search for a backslash could run to the end of the file).
  let close = value;
  for (; close < to; close++) {
    const c = bytes[close];
    if (c === QUOTE) break;
    if (c === BACKSLASH) return undefined;
  }
  if (close === value || close >= to) return undefined;
  return bytes.toString('utf8', value, close);
}
