/**
 * A streaming XML tokenizer for the two large parts of a workbook (worksheets and shared strings), in place of
 * saxes there: saxes builds an attribute object and a name string for every tag and walks every character through
 * its state machine, which made the read about 4 times slower than unpacking. This scanner jumps between `<` with
 * indexOf and hands the handler positions in the decoded text (no object, no string, unless the handler asks),
 * so a worksheet costs little more than the unpacking.
 *
 * What it understands: start, end and empty-element tags (any prefix, attributes in any order, either quote,
 * `>` inside a quoted value), text with the five predefined entities and character references, CDATA sections
 * (text), comments and processing instructions (skipped). A DOCTYPE is refused: OOXML parts never carry one, and
 * a parser that skipped it could read entity declarations it does not honour. It does not check that end tags
 * match their start tags (saxes did); it does check that the part ends with every element closed, so a cut-off
 * part is still a damaged file.
 *
 * Chunks are joined where a construct is split: text is handed over up to the last complete entity (and never
 * ending in a lone CR, so CR LF stays one line break), an unfinished tag is kept and completed by the next chunk.
 * A construct longer than LONG (a hostile file's megabyte-long attribute) is collected piece by piece and searched
 * only in the new piece, so the work stays linear in the bytes read.
 */
import { ZipFormatError } from './zip-archive';

export interface XmlHandler {
  /**
   * An element starts: `s.slice(nameStart, nameEnd)` is its local name (no prefix), `attributes` its attributes
   * (valid only during the call). An empty element (`<c/>`) is followed at once by close().
   */
  open(s: string, nameStart: number, nameEnd: number, attributes: Attributes): void;
  /** An element ends: `s.slice(nameStart, nameEnd)` is its local name. */
  close(s: string, nameStart: number, nameEnd: number): void;
  /**
   * Character data in `s` from start to end: raw (decode it with decodeText: entities and line breaks), or, for
   * `cdata`, literal text whose line breaks are still to normalize. A text may arrive in several pieces.
   */
  text(s: string, start: number, end: number, cdata: boolean): void;
}

/**
 * The attributes of the tag being handed over, as positions in the text: no object or string per attribute. One
 * instance serves a whole part; the handler reads it during open() only.
 */
export class Attributes {
  s = '';
  count = 0;
  /** Per attribute: name start, local name start (after a prefix's colon), name end, value start, value end. */
  ranges = new Int32Array(5 * 16);

  /** Room for more attributes (a tag with more than 16). */
  grow(): void {
    const r = new Int32Array(this.ranges.length * 2);
    r.set(this.ranges);
    this.ranges = r;
  }

  /** Whether attribute i's name is `name` (exact) or its local name is (`exact` false). */
  is(i: number, name: string, exact: boolean): boolean {
    const r = this.ranges;
    const start = exact ? r[i * 5] : r[i * 5 + 1];
    return r[i * 5 + 2] - start === name.length && this.s.startsWith(name, start);
  }

  /** The index of attribute `name`; a prefixed one (`x:r`) counts when no unprefixed one is there. -1 when absent. */
  find(name: string): number {
    let found = -1;
    for (let i = 0; i < this.count; i++) {
      if (this.is(i, name, true)) return i;
      if (found < 0 && this.ranges[i * 5 + 1] > this.ranges[i * 5] && this.is(i, name, false)) found = i;
    }
    return found;
  }

  valueStart(i: number): number { return this.ranges[i * 5 + 3]; }
  valueEnd(i: number): number { return this.ranges[i * 5 + 4]; }

  /** Attribute i's value as XML means it: entities decoded, tabs and line breaks read as spaces. */
  value(i: number): string {
    let raw = this.s.slice(this.ranges[i * 5 + 3], this.ranges[i * 5 + 4]);
    if (/[\t\n\r]/.test(raw)) raw = raw.replace(/\r\n|[\t\n\r]/g, ' ');
    return raw.indexOf('&') < 0 ? raw : decodeText(raw, 0, raw.length);
  }

  /** The value of attribute `name`, or undefined. */
  get(name: string): string | undefined {
    const i = this.find(name);
    return i < 0 ? undefined : this.value(i);
  }
}

/** Constructs longer than this are collected piece by piece rather than re-joined with every chunk. */
const LONG = 64 * 1024;
/** How much of the next chunk an unfinished construct is joined with first (most tags end well within it). */
const BRIDGE = 1024;
/** The longest entity we decode (`&#x10FFFF;`): a `&` followed by no `;` within this is an error, not a split. */
const ENTITY_MAX = 10;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const AMP = 38;
const CR = 13;
const COLON = 58;
const QUOT = 34;
const APOS = 39;
const EQ = 61;

const enum Kind { Tag, EndTag, Comment, Cdata, Pi }

const TERMINATORS: Record<Kind, string> = { [Kind.Tag]: '>', [Kind.EndTag]: '>', [Kind.Comment]: '-->', [Kind.Cdata]: ']]>', [Kind.Pi]: '?>' };

function damaged(what: string): ZipFormatError {
  return new ZipFormatError(`xml: ${what}`);
}

export class XmlScanner {
  /** Unprocessed text from the last chunk: an unfinished tag, entity or CR. */
  private pending = '';
  /** A construct longer than LONG, in pieces, with what is needed to find its end in the next chunk. */
  private long: { kind: Kind; pieces: string[]; quote: number; tail: string } | undefined;
  private depth = 0;
  private readonly attributes = new Attributes();
  private sawRoot = false;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    if (this.long) {
      const end = this.longEnd(chunk);
      if (end < 0) { this.long.pieces.push(chunk); return; }
      // The construct ends in this chunk: scan it once, whole, with the rest of the chunk.
      const joined = this.long.pieces.join('') + chunk;
      this.long = undefined;
      this.consume(joined, 0);
      return;
    }
    const pending = this.pending;
    if (!pending.length) { this.consume(chunk, 0); return; }
    // Join the unfinished construct with the start of the chunk only, so the chunk stays the flat string it was
    // decoded as (a joined string is slower to read for the rest of the chunk, and one more copy).
    this.pending = '';
    const head = pending + chunk.slice(0, BRIDGE);
    const at = this.scan(head, 0, pending.length);
    if (at >= pending.length) this.consume(chunk, at - pending.length);
    else this.consume(pending.slice(at) + chunk, 0); // it did not end within the bridge
  }

  private consume(s: string, from: number): void {
    const at = this.scan(s, from, s.length);
    if (at < s.length) this.keep(s.slice(at));
  }

  /** The part has ended: anything left unfinished means a damaged file. */
  end(): void {
    if (this.long) throw damaged('unterminated markup');
    const rest = this.pending;
    this.pending = '';
    if (rest.length) {
      if (rest.charCodeAt(0) === LT || rest.charCodeAt(0) === AMP) throw damaged('unterminated markup');
      this.handler.text(rest, 0, rest.length, false); // a final CR
    }
    if (!this.sawRoot || this.depth !== 0) throw damaged('unclosed element');
  }

  /**
   * Hands over every construct that starts before `stopAt` and is complete in `s`; returns where it stopped: at
   * or after stopAt, or the start of an unfinished construct (or of text held back: a partial entity, a final CR).
   */
  private scan(s: string, from: number, stopAt: number): number {
    const n = s.length;
    const h = this.handler;
    let p = from;
    while (p < stopAt) {
      const lt = s.indexOf('<', p);
      if (lt < 0) return this.tailText(s, p);
      if (lt > p) h.text(s, p, lt, false);
      p = lt;
      if (lt + 1 >= n) break;
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) return lt;
        let nameStart = lt + 2;
        let nameEnd = nameStart;
        let ch = 0;
        while (nameEnd < gt && (ch = s.charCodeAt(nameEnd)) > 32) {
          if (ch === COLON) nameStart = nameEnd + 1;
          nameEnd++;
        }
        if (--this.depth < 0) throw damaged('end tag without start');
        h.close(s, nameStart, nameEnd);
        p = gt + 1;
      } else if (c === BANG) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) return lt;
          p = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) return lt;
          h.text(s, lt + 9, end, true);
          p = end + 3;
        } else if (n - lt < 9 && ('<![CDATA['.startsWith(s.slice(lt)) || '<!--'.startsWith(s.slice(lt)))) {
          break; // too few characters yet to tell which
        } else {
          throw damaged('declaration not allowed');
        }
      } else if (c === QUESTION) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        p = end + 2;
      } else {
        // A start tag, read in one pass: name, then each attribute's name and quoted value (which may hold `>`).
        // (Characters up to 32 are the spaces XML allows there; the tests are written out because this runs before
        // the JIT has compiled anything, where each call costs.)
        let i = lt + 1;
        let nameStart = i;
        let ch = 0;
        while (i < n && (ch = s.charCodeAt(i)) > 32 && ch !== SLASH && ch !== GT) {
          if (ch === COLON) nameStart = i + 1;
          i++;
        }
        if (i >= n) return lt;
        const nameEnd = i;
        if (nameEnd === lt + 1) throw damaged('tag without a name');
        const attrs = this.attributes;
        attrs.s = s;
        attrs.count = 0;
        let empty = false;
        for (;;) {
          while (i < n && (ch = s.charCodeAt(i)) <= 32) i++;
          if (i >= n) return lt;
          if (ch === GT) break;
          if (ch === SLASH) {
            if (i + 1 >= n) return lt;
            if (s.charCodeAt(i + 1) !== GT) throw damaged('bad tag');
            empty = true;
            i++;
            break;
          }
          const attrStart = i;
          let localStart = i;
          while (i < n && (ch = s.charCodeAt(i)) > 32 && ch !== EQ && ch !== SLASH && ch !== GT) {
            if (ch === COLON) localStart = i + 1;
            i++;
          }
          const attrEnd = i;
          while (i < n && (ch = s.charCodeAt(i)) <= 32) i++;
          if (i >= n) return lt;
          if (ch !== EQ || attrEnd === attrStart) throw damaged('bad attribute');
          i++;
          while (i < n && (ch = s.charCodeAt(i)) <= 32) i++;
          if (i >= n) return lt;
          if (ch !== QUOT && ch !== APOS) throw damaged('bad attribute');
          const valueEnd = s.indexOf(ch === QUOT ? '"' : "'", i + 1);
          if (valueEnd < 0) return lt;
          // Attributes.add() written out: this runs for every attribute, before the JIT has inlined anything.
          const k = attrs.count * 5;
          if (k + 5 > attrs.ranges.length) attrs.grow();
          const r = attrs.ranges;
          r[k] = attrStart; r[k + 1] = localStart; r[k + 2] = attrEnd; r[k + 3] = i + 1; r[k + 4] = valueEnd;
          attrs.count++;
          i = valueEnd + 1;
        }
        const gt = i;
        if (this.depth === 0 && this.sawRoot) throw damaged('second root element');
        this.sawRoot = true;
        h.open(s, nameStart, nameEnd, attrs);
        if (empty) h.close(s, nameStart, nameEnd);
        else this.depth++;
        p = gt + 1;
      }
    }
    return p;
  }

  /** Text running to the end of the chunk: hand it over except an unfinished entity or a final CR. Returns where the kept part starts. */
  private tailText(s: string, from: number): number {
    const n = s.length;
    let keep = n;
    const amp = s.lastIndexOf('&', n - 1);
    if (amp >= from && amp > n - ENTITY_MAX - 2 && s.indexOf(';', amp) < 0) keep = amp;
    else if (s.charCodeAt(n - 1) === CR) keep = n - 1;
    if (keep > from) this.handler.text(s, from, keep, false);
    return keep;
  }

  /** An unfinished construct (or held-back text) at the end of a chunk: keep it, in pieces when it is long. */
  private keep(rest: string): void {
    if (rest.length < LONG) { this.pending = rest; return; }
    const kind = rest.startsWith('</') ? Kind.EndTag : rest.startsWith('<!--') ? Kind.Comment : rest.startsWith('<![CDATA[') ? Kind.Cdata : rest.startsWith('<?') ? Kind.Pi : Kind.Tag;
    let quote = 0;
    if (kind === Kind.Tag) {
      for (let i = 1; i < rest.length; i++) {
        const ch = rest.charCodeAt(i);
        if (quote) { if (ch === quote) quote = 0; } else if (ch === QUOT || ch === APOS) quote = ch;
      }
    }
    this.long = { kind, pieces: [rest], quote, tail: rest.slice(-2) };
  }

  /** Where the long construct ends in `chunk` (index after its terminator), or -1, updating the search state. */
  private longEnd(chunk: string): number {
    const long = this.long as NonNullable<XmlScanner['long']>;
    if (long.kind === Kind.Tag) {
      let quote = long.quote;
      for (let i = 0; i < chunk.length; i++) {
        const ch = chunk.charCodeAt(i);
        if (quote) { if (ch === quote) quote = 0; } else if (ch === GT) return i + 1; else if (ch === QUOT || ch === APOS) quote = ch;
      }
      long.quote = quote;
      return -1;
    }
    const terminator = TERMINATORS[long.kind];
    const at = (long.tail + chunk).indexOf(terminator);
    long.tail = (long.tail + chunk).slice(-2);
    return at < 0 ? -1 : at - 2 + terminator.length;
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Text as XML means it: entities and character references replaced, CR LF and lone CR read as LF (`cdata`: only
 * the line breaks). Plain text, the common case, is one slice.
 */
export function decodeText(s: string, start: number, end: number, cdata = false): string {
  // The common case, no entity and no CR, is checked by native searches in the slice (no loop to warm up).
  const plain = s.slice(start, end);
  if ((cdata || plain.indexOf('&') < 0) && plain.indexOf('\r') < 0) return plain;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === CR || (c === AMP && !cdata)) break;
  }
  let out = s.slice(start, i);
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === CR) {
      out += '\n';
      i += s.charCodeAt(i + 1) === 10 && i + 1 < end ? 2 : 1;
    } else if (c === AMP && !cdata) {
      const semi = s.indexOf(';', i + 1);
      if (semi < 0 || semi >= end || semi - i > ENTITY_MAX) throw damaged('bad entity');
      out += entity(s.slice(i + 1, semi));
      i = semi + 1;
    } else {
      let j = i + 1;
      while (j < end) { const d = s.charCodeAt(j); if (d === CR || (d === AMP && !cdata)) break; j++; }
      out += s.slice(i, j);
      i = j;
    }
  }
  return out;
}

function entity(name: string): string {
  const named = NAMED[name];
  if (named !== undefined) return named;
  if (name.charCodeAt(0) === 35) { // '#'
    const hex = name.charCodeAt(1) === 120; // 'x'
    const digits = name.slice(hex ? 2 : 1);
    if (digits.length && (hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) {
      const code = parseInt(digits, hex ? 16 : 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    }
  }
  throw damaged(`unknown entity &${name};`);
}


/**
 * `s` with characters of its own. V8 makes a slice of 13 or more characters a view into the string it was cut from,
 * so a cell value sliced from a decoded 64 KiB chunk would keep the whole chunk alive as long as the workbook model
 * lives (about 35 MiB of XML text at N = 10,000, and more for the collector to copy). Joining two pieces makes V8
 * write the characters into one new flat string (a concatenation would give a rope, or a view of one).
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
}
