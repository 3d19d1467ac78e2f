/**
 * Writes compile's record package as `JSON.stringify(pkg, null, 2) + '\n'` would, byte for byte, without ever
 * holding that text: the envelope once, then each record stringified and encoded into one small buffer that is
 * written whenever it fills. On the target machine the first touch of new memory is what costs (issue 17:
 * about 5 ms per MB): write-package.ts's 4 MB buffer alone was 1,000 page faults, a quarter-megabyte one stays
 * in cache and is reused for the whole output.
 */
import * as fs from 'fs';

/** Stands in for the list while the envelope is stringified; a NUL never survives JSON.stringify unescaped. */
const MARKER = JSON.stringify('\u0000registros\u0000');
/** A record sits two levels deep: stringified inside two arrays it comes out indented as in the whole text. */
const NESTED_OPEN = '[\n  [\n'.length;
const NESTED_CLOSE = '\n  ]\n]'.length;
const BUFFER_BYTES = 1 << 18;

/** Text encoded into one reused buffer, written to `fd` as it fills. */
export class OutputBuffer {
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

/** The package `pkg` with `records` (possibly a lazy generator) as its `records` list, written to `fd`. */
export function writeRecordPackage(fd: number, pkg: Record<string, unknown>, records: Iterable<unknown>): void {
  const envelope = JSON.stringify({ ...pkg, records: JSON.parse(MARKER) as string }, null, 2);
  const at = envelope.indexOf(MARKER);
  const out = new OutputBuffer(fd);
  out.write(envelope.slice(0, at));
  let first = true;
  for (const record of records) {
    out.write(first ? '[\n' : ',\n');
    out.write(JSON.stringify([[record]], null, 2).slice(NESTED_OPEN, -NESTED_CLOSE));
    first = false;
  }
  out.write(`${first ? '[]' : '\n  ]'}${envelope.slice(at + MARKER.length)}\n`);
  out.flush();
}
