/**
 * The characters an `http(s)://` address cannot hold as they are (RFC 3986: spaces, accents and other non-ASCII
 * letters, quotes, `<>{}|\^` and backquotes must be percent-encoded). One definition serves validation, which names
 * them (schema-findings.ts), and import, which encodes them (core/import/template-upgrade.ts).
 */
const UNSAFE = /[\s"<>{}|\\^`]|[^\x00-\x7e]/gu;

const isWebAddress = (value: string): boolean => /^https?:\/\/[^\s/]/i.test(value.trim());

/**
 * Each unsafe character of an address once, visibly («espacio» for a space), at most 8. Empty for anything that is
 * not an `http(s)://` address, which gets the general advice.
 */
export function unsafeInAddress(value: unknown): string[] {
  if (typeof value !== 'string' || !isWebAddress(value)) return [];
  const found = new Set<string>();
  for (const [ch] of value.trim().matchAll(UNSAFE)) found.add(/\s/.test(ch) ? '«espacio»' : `«${ch}»`);
  return [...found].slice(0, 8);
}

/** The unsafe characters percent-encoded (UTF-8); everything else, `%` escapes included, left as it is. */
export function encodeUnsafeInAddress(address: string): string {
  // A lone surrogate (broken text) cannot be encoded: it becomes U+FFFD, as a browser would show it.
  return address.replace(UNSAFE, (ch) => (/[\ud800-\udfff]/u.test(ch) ? '%EF%BF%BD' : encodeURIComponent(ch)));
}

/**
 * Where a file sits on a computer or an office network (`C:\Obras\contrato.pdf`, `Z:/…`, `\\servidor\…`,
 * `file:///…`), pasted where the public needs a web address: nobody outside that office can open it. Said as what it
 * is (url.localFile) rather than «no es una dirección web» or «no es un enlace web», which named no way out.
 */
export function isLocalFilePath(value: unknown): boolean {
  return typeof value === 'string' && /^\s*(?:[a-z]:[\\/]|\\\\[^\\\s]|file:)/i.test(value);
}
