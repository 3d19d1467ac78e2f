/**
 * exceljs (through JSZip, or archiver when streaming) stamps every zip entry with the current time, so two runs of
 * the generator give different bytes. Committed templates must regenerate byte for byte, and an import of the same
 * packages should give the same workbook, so we overwrite the DOS time/date of every entry (central directory and
 * local headers; PKWARE APPNOTE 4.3.7 and 4.3.12) with a fixed value.
 */
import * as fs from 'fs';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** End of central directory record without its comment, and the longest comment it may have. */
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;

/** 2024-01-01 00:00:00 in MS-DOS format. */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

/** A zip's bytes read and written at absolute offsets: a buffer, or a file on disk. */
interface ZipBytes { size: number; read(offset: number, length: number): Buffer; write(offset: number, bytes: Buffer): void }

function stampEntries(zip: ZipBytes): void {
  const tailStart = Math.max(0, zip.size - EOCD_BYTES - MAX_COMMENT);
  const tail = zip.read(tailStart, zip.size - tailStart);
  let eocd = -1;
  for (let i = tail.length - EOCD_BYTES; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('zip without end of central directory');
  const entries = tail.readUInt16LE(eocd + 10);
  const centralSize = tail.readUInt32LE(eocd + 12);
  const centralStart = tail.readUInt32LE(eocd + 16);
  const central = zip.read(centralStart, centralSize);
  const stamp = Buffer.alloc(4);
  stamp.writeUInt16LE(DOS_TIME, 0);
  stamp.writeUInt16LE(DOS_DATE, 2);
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (central.readUInt32LE(p) !== CENTRAL) throw new Error('malformed zip central directory');
    stamp.copy(central, p + 12);
    const local = central.readUInt32LE(p + 42);
    if (zip.read(local, 4).readUInt32LE(0) === LOCAL) zip.write(local + 10, stamp);
    p += 46 + central.readUInt16LE(p + 28) + central.readUInt16LE(p + 30) + central.readUInt16LE(p + 32);
  }
  zip.write(centralStart, central);
}

export function fixZipTimestamps(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  stampEntries({
    size: out.length,
    read: (offset, length) => out.subarray(offset, offset + length),
    // A view read from `out` is copied onto itself (Buffer#copy allows the overlap).
    write: (offset, bytes) => { bytes.copy(out, offset); },
  });
  return out;
}

/** The same, in place in the file `file`: only its central directory and each entry's local header are read and rewritten. */
export function fixZipTimestampsInFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    stampEntries({
      size: fs.fstatSync(fd).size,
      read: (offset, length) => {
        const bytes = Buffer.alloc(length);
        for (let done = 0; done < length;) {
          const n = fs.readSync(fd, bytes, done, length - done, offset + done);
          if (n === 0) throw new Error('zip shorter than its central directory says');
          done += n;
        }
        return bytes;
      },
      write: (offset, bytes) => {
        for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done, offset + done);
      },
    });
  } finally {
    fs.closeSync(fd);
  }
}
