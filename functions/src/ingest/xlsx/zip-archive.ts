/**
 * The zip layer of the .xlsx reader: the central directory (read first, so parts can be taken in the order the
 * reader needs them — workbook, styles and shared strings before any sheet — whatever order the writer used), and
 * each part handed over in small chunks: a part of a few MiB unpacked in one native call (never past the size it
 * declares), a larger or lying one streamed through zlib's raw inflater. Every unpacked byte is counted against the
 * limits as it comes out, and the reader yields to the event loop between chunks so a server keeps answering while
 * a large upload is read.
 */
import * as fs from 'fs';
import { once } from 'events';
import * as zlib from 'zlib';
import { SourceError } from '../sheet-source';
import { ReadLimitError, type ReadLimits } from './read-limits';
import { foreignKind, type ForeignKind } from './foreign-file';

/** Random access to the bytes of the file: a Buffer in memory or an open file. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function bufferBytes(buffer: Uint8Array): ByteSource {
  return {
    size: buffer.length,
    read: (offset, length) => Promise.resolve(buffer.subarray(offset, Math.min(buffer.length, offset + length))),
    close: () => Promise.resolve(),
  };
}

export async function fileBytes(file: string): Promise<ByteSource> {
  const handle = await fs.promises.open(file, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
    close: () => handle.close(),
  };
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** As declared by the writer: checked before reading, but the counted bytes are what the limits trust. */
  declaredSize: number;
  localHeaderOffset: number;
}

/** A file that is not a zip, or a damaged one. */
export class ZipFormatError extends Error {}

/** Not a zip at all, but a file we can name (foreign-file.ts): an encrypted workbook, an .xls, a .csv… */
export class ForeignFileError extends ZipFormatError {
  constructor(readonly kind: ForeignKind) {
    super(`not a zip: ${kind}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x100000000;

/** Reads the central directory: the list of parts, their sizes and where each one starts. */
export async function readDirectory(source: ByteSource): Promise<Map<string, ZipEntry>> {
  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes.
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) { end = i; break; }
  }
  if (end < 0) {
    const kind = await foreignKind(source);
    throw kind ? new ForeignFileError(kind) : new ZipFormatError('no end of central directory');
  }
  let count = u16(tail, end + 10);
  let size = u32(tail, end + 12);
  let offset = u32(tail, end + 16);
  if (offset === 0xffffffff || size === 0xffffffff || count === 0xffff) {
    const locator = end - 20;
    if (locator < 0 || u32(tail, locator) !== ZIP64_LOCATOR) throw new ZipFormatError('zip64 locator missing');
    const record = await source.read(u64(tail, locator + 8), 56);
    if (u32(record, 0) !== ZIP64_EOCD) throw new ZipFormatError('zip64 end record missing');
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (offset + size > source.size) throw new ZipFormatError('central directory outside the file');
  const dir = await source.read(offset, size);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || u32(dir, p) !== CENTRAL) throw new ZipFormatError('bad central directory entry');
    const nameLength = u16(dir, p + 28);
    const extraLength = u16(dir, p + 30);
    const commentLength = u16(dir, p + 32);
    const entry: ZipEntry = {
      flags: u16(dir, p + 8),
      method: u16(dir, p + 10),
      compressedSize: u32(dir, p + 20),
      declaredSize: u32(dir, p + 24),
      localHeaderOffset: u32(dir, p + 42),
      name: Buffer.from(dir.subarray(p + 46, p + 46 + nameLength)).toString('utf8'),
    };
    // ZIP64: the real figures are in extra field 0x0001, in this order, only for the fields marked 0xffffffff.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
      const id = u16(dir, e);
      const length = u16(dir, e + 2);
      if (id === 1) {
        let f = e + 4;
        if (entry.declaredSize === 0xffffffff) { entry.declaredSize = u64(dir, f); f += 8; }
        if (entry.compressedSize === 0xffffffff) { entry.compressedSize = u64(dir, f); f += 8; }
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = u64(dir, f);
      }
      e += 4 + length;
    }
    // Part names are case-insensitive in OPC; a leading slash is sometimes written.
    entries.set(entry.name.replace(/^\//, '').toLowerCase(), entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** How much unpacking the whole read has done, shared by all parts of one workbook. */
export class UnpackBudget {
  used = 0;
  /** Parts being unpacked ahead of their turn (unpackAhead), taken by streamEntry when their turn comes. */
  readonly ahead = new Map<ZipEntry, Promise<Buffer | undefined>>();
  private lastYield = Date.now();
  /** `chunkSize`: bytes per read and per inflated chunk (tests vary it to put characters across every boundary). */
  constructor(readonly limits: ReadLimits, readonly label: string, readonly chunkSize = DEFAULT_CHUNK) {}

  /** Gives the event loop a turn when this read has held it for a while (a few ms, not per chunk). */
  async breathe(): Promise<void> {
    if (Date.now() - this.lastYield < 8) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = Date.now();
  }
}

const DEFAULT_CHUNK = 64 * 1024;
/**
 * Parts that declare at most this many bytes (packed and unpacked) are unpacked in one call: at most a few ms of
 * work without yielding to the event loop, and never more memory than the part declares.
 */
const SYNC_MAX = 4 * 2 ** 20;
/** Below this many unpacked bytes a part is never called a bomb, whatever its ratio (tiny, repetitive parts). */
const RATIO_FLOOR = 4 * 2 ** 20;

/**
 * Streams one part's unpacked bytes to `sink`, chunk by chunk. Stops with a ReadLimitError as soon as the
 * workbook's unpacked total or this part's ratio passes its limit (declared sizes are checked before starting).
 */
export async function streamEntry(source: ByteSource, entry: ZipEntry, budget: UnpackBudget, sink: (chunk: Uint8Array) => void): Promise<void> {
  const { limits, label } = budget;
  if (entry.flags & 1) throw new SourceError(`El archivo «${label}» está protegido con contraseña. Guárdelo sin contraseña y envíelo de nuevo.`, 'source.encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`compression method ${entry.method}`);
  if (budget.used + entry.declaredSize > limits.uncompressedBytes) throw new ReadLimitError('uncompressedBytes', limits.uncompressedBytes, label);
  if (entry.declaredSize > RATIO_FLOOR && entry.declaredSize > limits.compressionRatio * entry.compressedSize) throw new ReadLimitError('compressionRatio', limits.compressionRatio, label);

  const { start, end } = await dataRange(source, entry);
  try {
    await inflateEntry(source, entry, start, end, budget, sink);
  } catch (e) {
    if (e instanceof ReadLimitError) e.unpackedBytes = budget.used;
    throw e;
  }
}

/** Where the part's packed bytes are in the file (after its local header). */
async function dataRange(source: ByteSource, entry: ZipEntry): Promise<{ start: number; end: number }> {
  const header = await source.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || u32(header, 0) !== LOCAL) throw new ZipFormatError('bad local header');
  const start = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
  const end = start + entry.compressedSize;
  if (end > source.size) throw new ZipFormatError('part outside the file');
  return { start, end };
}

/**
 * Starts unpacking a part on libuv's thread pool (zlib's callback API) while the reader is still scanning an
 * earlier one, so its bytes are ready when its turn comes: the other core unpacks while this one parses (issue 17;
 * unpacking was ~25 ms of converting 1,000 processes). Only a part streamEntry would unpack in one call (SYNC_MAX:
 * at most 4 MiB, never past its declared size); nothing is counted against the limits until streamEntry hands the
 * bytes over, after its own checks. Any failure here is left for streamEntry to meet and report as it does.
 */
export function unpackAhead(source: ByteSource, entry: ZipEntry, budget: UnpackBudget): void {
  if (budget.ahead.has(entry) || entry.method !== 8 || entry.flags & 1 || entry.declaredSize > SYNC_MAX || entry.compressedSize > SYNC_MAX) return;
  const unpacked = (async () => {
    const { start, end } = await dataRange(source, entry);
    const input = await source.read(start, end - start);
    if (input.length < end - start) return undefined;
    return new Promise<Buffer | undefined>((resolve) => {
      zlib.inflateRaw(input, inflateWholeOptions(entry), (e, out) => resolve(e ? undefined : out));
    });
  })().catch(() => undefined);
  budget.ahead.set(entry, unpacked);
}

async function inflateEntry(source: ByteSource, entry: ZipEntry, start: number, end: number, budget: UnpackBudget, sink: (chunk: Uint8Array) => void): Promise<void> {
  const { limits, label } = budget;
  const CHUNK = budget.chunkSize;
  let produced = 0;
  let consumed = 0;
  const count = (chunk: Uint8Array): void => {
    produced += chunk.length;
    budget.used += chunk.length;
    if (budget.used > limits.uncompressedBytes) throw new ReadLimitError('uncompressedBytes', limits.uncompressedBytes, label);
    if (produced > RATIO_FLOOR && produced > limits.compressionRatio * Math.max(consumed, 1)) throw new ReadLimitError('compressionRatio', limits.compressionRatio, label);
    sink(chunk);
  };
  if (entry.method === 0) {
    for (let at = start; at < end; at += CHUNK) {
      const input = await source.read(at, Math.min(CHUNK, end - at));
      if (input.length === 0) throw new ZipFormatError('truncated part');
      consumed += input.length;
      count(input);
      await budget.breathe();
    }
    return;
  }
  if (entry.declaredSize <= SYNC_MAX && entry.compressedSize <= SYNC_MAX) {
    const ahead = budget.ahead.get(entry);
    budget.ahead.delete(entry);
    const whole = (ahead && (await ahead)) ?? (await inflateWhole(source, entry, start, end));
    if (whole) {
      consumed = end - start;
      for (let at = 0; at < whole.length; at += CHUNK) {
        count(whole.subarray(at, Math.min(whole.length, at + CHUNK)));
        await budget.breathe();
      }
      return;
    }
  }
  // Node's zlib (native) rather than fflate's inflater: the same bytes out, 3–6 times faster here (see the
  // closing note of issue 17), and its stream hands each chunk back through the event loop.
  const inflater = zlib.createInflateRaw({ chunkSize: Math.max(CHUNK, zlib.constants.Z_MIN_CHUNK) });
  const pump = (async () => {
    for (let at = start; at < end && !inflater.destroyed; at += CHUNK) {
      const input = await source.read(at, Math.min(CHUNK, end - at));
      if (input.length === 0) throw new ZipFormatError('truncated part');
      consumed += input.length;
      if (!inflater.write(input)) await once(inflater, 'drain');
    }
    inflater.end();
  })();
  let pumpError: unknown;
  pump.catch((e: unknown) => { pumpError = e; inflater.destroy(e instanceof Error ? e : new Error(String(e))); });
  try {
    for await (const chunk of inflater) {
      count(chunk as Buffer);
      await budget.breathe();
    }
  } catch (e) {
    if (pumpError) throw pumpError;
    if (e instanceof SourceError || e instanceof ZipFormatError) throw e;
    throw new ZipFormatError(`inflate: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    inflater.destroy();
  }
  await pump;
}

/**
 * A small part unpacked in one native call, never to more than the size it declares: most parts of a workbook are
 * under a few MiB, and one call costs far less than a stream's round trips through the thread pool (about half the
 * unpacking time at N = 1,000). undefined when the part unpacks to more than it declared (a lying or hostile
 * part): the caller then streams it, counting every byte against the limits as before.
 */
/**
 * A part unpacked in one call: never past its declared size, into one output buffer a byte larger than declared so
 * zlib sees room left and stops (its default is 16 KiB pieces joined by one more copy at the end).
 */
function inflateWholeOptions(entry: ZipEntry): zlib.ZlibOptions {
  return { maxOutputLength: Math.max(entry.declaredSize, 1), chunkSize: Math.max(entry.declaredSize + 1, zlib.constants.Z_MIN_CHUNK) };
}

async function inflateWhole(source: ByteSource, entry: ZipEntry, start: number, end: number): Promise<Buffer | undefined> {
  const input = await source.read(start, end - start);
  if (input.length < end - start) throw new ZipFormatError('truncated part');
  try {
    return zlib.inflateRawSync(input, inflateWholeOptions(entry));
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    throw new ZipFormatError(`inflate: ${e instanceof Error ? e.message : String(e)}`);
  }
}
