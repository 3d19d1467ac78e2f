/**
 * Writes a package as `JSON.stringify(pkg, null, 2) + '\n'` would, byte for byte, without ever holding that text:
 * the envelope once, then each release, record or project stringified and encoded into one small buffer that is
 * written whenever it fills. One string of the whole output (28 MB for 1,000 records with their releases) cost
 * `compile` about 0.2 s to stringify and another 0.2 s to encode as UTF-8 at once, plus the garbage collector's
 * time for both (issue 17). `convert` writes its release and project packages and `compile` its record package here.
 */
import * as fs from 'fs';

/** Stands in for the list while the envelope is stringified; a NUL never survives JSON.stringify unescaped. */
const MARKER = '\u0000lista\u0000';
/** An item sits two levels deep: stringified inside two arrays it comes out indented as in the whole text. */
const NESTED_OPEN = '[\n  [\n'.length;
const NESTED_CLOSE = '\n  ]\n]'.length;
/**
 * On the target machine the first touch of new memory is what costs (issue 17: ~17 µs per 4 KB page): a
 * quarter-megabyte buffer stays in cache and is reused for the whole output, where 4 MB were 1,000 page faults.
 */
const BUFFER_BYTES = 1 << 18;

/** Text encoded into one reused buffer, written to `fd` as it fills. */
class OutputBuffer {
  private readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: checked before writing, so nothing is cut.
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush();
      // A piece larger than the buffer (a record with very large releases) is written on its own.
      if (text.length * 3 > this.buf.length) {
        writeAll(this.fd, Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(text, this.used);
  }

  flush(): void {
    writeAll(this.fd, this.buf.subarray(0, this.used));
    this.used = 0;
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** The package `pkg` with `items` (possibly a lazy generator) as its `listKey` list, written to the open file `fd`. */
export function writePackage(fd: number, pkg: Record<string, unknown>, listKey: string, items: Iterable<unknown>): void {
  const envelope = JSON.stringify({ ...pkg, [listKey]: MARKER }, null, 2);
  const marker = JSON.stringify(MARKER);
  const at = envelope.indexOf(marker);
  const out = new OutputBuffer(fd);
  out.write(envelope.slice(0, at));
  let first = true;
  for (const item of items) {
    out.write(first ? '[\n' : ',\n');
    // Cheaper than re-indenting each line of the item's own text.
    out.write(JSON.stringify([[item]], null, 2).slice(NESTED_OPEN, -NESTED_CLOSE));
    first = false;
  }
  out.write(`${first ? '[]' : '\n  ]'}${envelope.slice(at + marker.length)}\n`);
  out.flush();
}

/** `writePackage` to `file` (created or replaced). */
export function writePackageFile(file: string, pkg: Record<string, unknown>, listKey: string, items: Iterable<unknown>): void {
  const fd = fs.openSync(file, 'w');
  try {
    writePackage(fd, pkg, listKey, items);
  } finally {
    fs.closeSync(fd);
  }
}
