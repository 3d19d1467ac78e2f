/**
 * Writes a package as `JSON.stringify(pkg, null, 2) + '\n'` would, byte for byte, without ever holding that text:
 * the envelope once, then each release, record or project stringified and written on its own. One string of
 * the whole output (28 MB for 1,000 records with their releases) cost `compile` about 0.2 s to stringify and
 * another 0.2 s to encode as UTF-8 at once, plus the garbage collector's time for both (issue 17); pieces of
 * about a megabyte stay in cache and are freed as they go.
 */
import * as fs from 'fs';

/** Stands in for the list while the envelope is stringified; a NUL never survives JSON.stringify unescaped. */
const MARKER = '\u0000lista\u0000';
const NESTED_OPEN = '[\n  [\n'.length;
const NESTED_CLOSE = '\n  ]\n]'.length;

/**
 * Text is encoded into one reused buffer and written when it fills: a fresh buffer per piece was most of the writing
 * time. A megabyte holds a hundred releases; 4 MiB cost 768 more first-touch page faults (~13 ms on this VM,
 * issue 17) for the same number of bytes written.
 */
class FileWriter {
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: checked before writing, so nothing is cut.
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(text.length * 3);
    }
    this.used += this.buf.write(text, this.used);
  }

  flush(): void {
    let done = 0;
    while (done < this.used) done += fs.writeSync(this.fd, this.buf, done, this.used - done);
    this.used = 0;
  }
}

/** `items` replaces `pkg[listKey]` (pretty-printed at depth 2, as in the whole text); it may be a lazy generator. */
export function writePackageFile(file: string, pkg: Record<string, unknown>, listKey: string, items: Iterable<unknown>): void {
  const envelope = JSON.stringify({ ...pkg, [listKey]: MARKER }, null, 2);
  const at = envelope.indexOf(JSON.stringify(MARKER));
  const fd = fs.openSync(file, 'w');
  try {
    const out = new FileWriter(fd);
    out.write(envelope.slice(0, at));
    let first = true;
    for (const item of items) {
      out.write(first ? '[\n' : ',\n');
      // Inside the list an item sits two levels deep: stringified inside two arrays, it comes out indented as in
      // the whole text, between the arrays' own `[\n  [\n` and `\n  ]\n]` (cheaper than re-indenting each line).
      out.write(JSON.stringify([[item]], null, 2).slice(NESTED_OPEN, -NESTED_CLOSE));
      first = false;
    }
    out.write(`${first ? '[]' : '\n  ]'}${envelope.slice(at + JSON.stringify(MARKER).length)}\n`);
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
}
