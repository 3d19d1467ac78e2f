/**
 * Byte ranges of a stored file (RFC 9110 §14), so that an interrupted bulk download resumes where it stopped
 * (curl -C -, wget -c, a browser's download manager) instead of starting over. Only what resuming needs: one
 * range of bytes, and `If-Range` so that the rest of a file is never joined to the start of another. curl -C - and
 * wget -c send no If-Range (only the size they hold): nothing here can tell which file they hold, so docs/api.md
 * offers them only to finish a cut download, checked with huellas.json, and `wget -N`/`curl -z` to keep a copy.
 */

/** What to send of a file: all of it (200), one part of it (206, `end` included as in Content-Range), or 416. */
export type RangeAnswer = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const WHOLE: RangeAnswer = { kind: 'whole' };

/** `first-[last]` or `-suffix` (RFC 9110 §14.1.1). */
const RANGE_SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;

/**
 * The answer to a `Range` header for a file of `size` bytes. A header that is not a valid set of byte ranges is
 * ignored (the whole file), as RFC 9110 §14.2 allows. So are several ranges: §14.2 lets a server ignore Range, and
 * no resuming client asks for more than one — a multipart/byteranges answer would serve nobody here.
 */
export function byteRange(header: string | undefined, size: number): RangeAnswer {
  const set = header === undefined ? undefined : /^bytes=(.*)$/i.exec(header.trim())?.[1];
  if (set === undefined) return WHOLE;
  // A list may carry empty elements and spaces around its commas (RFC 9110 §5.6.1).
  const specs = set.split(',').map((s) => s.trim()).filter(Boolean);
  if (specs.length !== 1) return WHOLE;
  const m = RANGE_SPEC.exec(specs[0]);
  if (!m) return WHOLE;
  if (m[3] !== undefined) {
    // The last N bytes; all of a shorter file. A suffix of zero bytes is nothing to send.
    const suffix = Number(m[3]);
    return suffix === 0 || size === 0 ? { kind: 'unsatisfiable' } : { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const first = Number(m[1]);
  const last = m[2] === '' ? undefined : Number(m[2]);
  // A last position before the first is an invalid range, not an unsatisfiable one (§14.1.1): ignored.
  if (last !== undefined && last < first) return WHOLE;
  if (first >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start: first, end: Math.min(last ?? size - 1, size - 1) };
}

/**
 * Whether `If-Range` lets the range be sent (RFC 9110 §13.1.5): absent, or the file's current ETag compared
 * strongly. A date never matches — a Last-Modified has a resolution of one second, too coarse to tell two files
 * apart — and neither does a weak tag: the client then gets the whole file, since what it holds may be part of
 * another one (the file of an earlier publication).
 */
export function ifRangeHolds(ifRange: string | undefined, etag: string): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  return !value.startsWith('W/') && value === etag;
}
