/**
 * Our own streaming .xlsx reader (issue 17): zip parts unpacked in chunks (zip-archive.ts), UTF-8 decoded chunk by
 * chunk with a character split between two chunks joined (utf8-chunks.ts) — never turned into «��» as exceljs
 * 4.4's reader does. Worksheets and shared strings, nearly all the bytes, go through a purpose-built scanner
 * (xml-scanner.ts: positions, no object per tag), about twice as fast as saxes warm and with a fraction of its
 * garbage; the small parts (workbook, relationships, styles) through saxes. Values come out as Apps Script's
 * getValues() gives them: text, numbers, booleans, Dates (by the cell's number format, 1900 or 1904 date system),
 * the cached result of formulas, and error values as their text (#DIV/0!), which the engine reports on their cell.
 * Sheets keep their real names, in the workbook's order. Limits (read-limits.ts) are counted while streaming.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { columnLetter, type CellValue, type ColumnRange, type SheetModel, type WorkbookModel } from '../../../../core/workbook/model';
import { SourceError } from '../sheet-source';
import { isDateFormat, serialToDate, zeroPadded, zeroPadWidth } from './number-format';
import { ReadLimitError, resolveLimits, type ReadLimits } from './read-limits';
import { TextPool } from './text-pool';
import { Utf8Chunks } from './utf8-chunks';
import { decodeText, ownString, XmlScanner, type Attributes, type XmlHandler } from './xml-scanner';
import { ForeignFileError, readDirectory, streamEntry, unpackAhead, UnpackBudget, ZipFormatError, type ByteSource, type ZipEntry } from './zip-archive';
import { foreignFileMessage, ODS_MIMETYPE } from './foreign-file';
import { MAX_LINK_LENGTH } from '../../../../core/workflow/contract';
import { mentionsLink } from '../../../../core/unflatten/link-formula';
import { pastCents } from '../../../../core/unflatten/parse-value';

export interface XlsxReadOptions {
  /** The file's name for messages. */
  label: string;
  limits?: Partial<ReadLimits>;
  onProgress?: (sheet: string, rows: number) => void;
  /** false: count and check everything but keep no cell values (an upload's admission check). */
  keepValues?: boolean;
  /** Bytes per read and per unpacked chunk; tests only. */
  chunkSize?: number;
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

/** `x:row` and `row` alike: some writers put every element in a prefixed namespace. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const attrs = tag.attributes as Record<string, string>;
  const v = attrs[name];
  if (v !== undefined || tag.name.indexOf(':') < 0) return v;
  // Prefixed elements (x:c) may prefix their attributes too; r:id keeps its own prefix either way.
  for (const key in attrs) if (localName(key) === name) return attrs[key];
  return undefined;
}

/** `r:id`, whatever prefix the writer bound to the relationships namespace. */
function relationshipId(tag: SaxesTagPlain): string {
  const attrs = tag.attributes as Record<string, string>;
  if (attrs['r:id'] !== undefined) return attrs['r:id'];
  for (const key in attrs) if (key.endsWith(':id')) return attrs[key];
  return '';
}

/** OOXML writes characters XML cannot carry as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
function decodeEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** "AB12" → 28 (1-based column); 0 when there are no letters. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return col;
}

function rowOf(ref: string): number {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : 0;
}

/** Resolves a relationship target against the folder of the part that declares it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

class PartReader {
  constructor(private readonly source: ByteSource, private readonly entries: Map<string, ZipEntry>, readonly budget: UnpackBudget) {}

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /** Streams one part's unpacked bytes. */
  async stream(path: string, sink: (chunk: Buffer) => void): Promise<void> {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw new ZipFormatError(`missing part ${path}`);
    await streamEntry(this.source, entry, this.budget, (chunk) => sink(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
  }

  /** Streams one XML part through saxes; handlers throw to stop (limits). */
  async parse(path: string, handlers: {
    open?: (name: string, tag: SaxesTagPlain) => void;
    close?: (name: string) => void;
    text?: (text: string) => void;
  }): Promise<void> {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw new ZipFormatError(`missing part ${path}`);
    const parser = new SaxesParser({ position: false });
    let failure: unknown;
    parser.on('error', (e) => { failure ??= e; });
    if (handlers.open) { const open = handlers.open; parser.on('opentag', (tag) => open(localName(tag.name), tag as SaxesTagPlain)); }
    if (handlers.close) { const close = handlers.close; parser.on('closetag', (tag) => close(localName(tag.name))); }
    if (handlers.text) parser.on('text', handlers.text);
    // fatal: a byte sequence that is not UTF-8 means a damaged file, not text to guess at.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    await streamEntry(this.source, entry, this.budget, (chunk) => {
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) throw failure;
    });
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw failure;
  }

  /** Starts unpacking a part that will be read soon (zip-archive.ts unpackAhead); unknown paths are ignored. */
  unpackAhead(path: string | undefined): void {
    const entry = path === undefined ? undefined : this.entries.get(path.toLowerCase());
    if (entry) unpackAhead(this.source, entry, this.budget);
  }

  /** Streams one large XML part (worksheet, shared strings) through the fast scanner (xml-scanner.ts). */
  async scan(path: string, handler: XmlHandler): Promise<void> {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw new ZipFormatError(`missing part ${path}`);
    const scanner = new XmlScanner(handler);
    const decoder = new Utf8Chunks();
    await streamEntry(this.source, entry, this.budget, (chunk) => scanner.write(decoder.decode(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))));
    decoder.end();
    scanner.end();
  }

  /** The web addresses a part's relationships point at (`TargetMode="External"`: a worksheet's hyperlinks), by id. */
  async externalTargets(part: string): Promise<Map<string, string>> {
    const path = relsPathOf(part);
    const out = new Map<string, string>();
    if (!this.has(path)) return out;
    await this.parse(path, {
      open: (name, tag) => {
        if (name === 'Relationship' && attribute(tag, 'TargetMode') === 'External') out.set(attribute(tag, 'Id') ?? '', attribute(tag, 'Target') ?? '');
      },
    });
    return out;
  }

  async relationships(part: string): Promise<{ id: string; type: string; target: string }[]> {
    const path = relsPathOf(part);
    const out: { id: string; type: string; target: string }[] = [];
    if (!this.has(path)) return out;
    await this.parse(path, {
      open: (name, tag) => {
        if (name !== 'Relationship' || attribute(tag, 'TargetMode') === 'External') return;
        out.push({ id: attribute(tag, 'Id') ?? '', type: attribute(tag, 'Type') ?? '', target: resolveTarget(part, attribute(tag, 'Target') ?? '') });
      },
    });
    return out;
  }
}

interface Styles {
  /** Per cell style index (`s`), whether its number format shows a date. */
  dateStyles: boolean[];
  /** Per cell style index, the width its zeros-only format (`00000`) pads a number to; 0 for other formats. */
  padStyles: number[];
}

async function readStyles(parts: PartReader, path: string | undefined): Promise<Styles> {
  const dateStyles: boolean[] = [];
  const padStyles: number[] = [];
  if (!path || !parts.has(path)) return { dateStyles, padStyles };
  const custom = new Map<number, string>();
  const xfNumFmts: number[] = [];
  let inCellXfs = false;
  await parts.parse(path, {
    open: (name, tag) => {
      if (name === 'numFmt') custom.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfNumFmts.push(Number(attribute(tag, 'numFmtId') ?? 0));
    },
    close: (name) => { if (name === 'cellXfs') inCellXfs = false; },
  });
  for (const id of xfNumFmts) {
    dateStyles.push(isDateFormat(id, custom));
    padStyles.push(zeroPadWidth(id, custom));
  }
  return { dateStyles, padStyles };
}

/** `name` at s[start, end)? (Local names of the hot elements are compared without making strings.) */
function isName(s: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && s.startsWith(name, start);
}

async function readSharedStrings(parts: PartReader, path: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!path || !parts.has(path)) return strings;
  let inPhonetic = false;
  let collecting = false;
  let current = '';
  await parts.scan(path, {
    open: (s, start, end) => {
      if (isName(s, start, end, 't')) collecting = !inPhonetic;
      else if (isName(s, start, end, 'si')) current = '';
      else if (isName(s, start, end, 'rPh')) inPhonetic = true;
    },
    text: (s, start, end, cdata) => { if (collecting) current += decodeText(s, start, end, cdata); },
    close: (s, start, end) => {
      if (isName(s, start, end, 't')) collecting = false;
      else if (isName(s, start, end, 'si')) strings.push(ownString(decodeEscapes(current)));
      else if (isName(s, start, end, 'rPh')) inPhonetic = false;
    },
  });
  return strings;
}

interface Counters { rows: number; cells: number; gridCells: number; textCharacters: number }

/** The cell's `t`: how its text reads. Anything else (`n`, absent, unknown) is a number. */
const enum CellType { Number, Shared, Inline, Str, Error, Bool, Date }

function cellTypeOf(s: string, start: number, end: number): CellType {
  const length = end - start;
  if (length === 1) {
    switch (s.charCodeAt(start)) {
      case 115: return CellType.Shared; // s
      case 98: return CellType.Bool; // b
      case 101: return CellType.Error; // e
      case 100: return CellType.Date; // d
      default: return CellType.Number;
    }
  }
  if (length === 3 && s.startsWith('str', start)) return CellType.Str;
  if (length === 9 && s.startsWith('inlineStr', start)) return CellType.Inline;
  if (hasEntity(s, start, end)) {
    const decoded = decodeText(s, start, end);
    return decoded.indexOf('&') < 0 ? cellTypeOf(decoded, 0, decoded.length) : CellType.Number;
  }
  return CellType.Number;
}

function hasEntity(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 38) return true;
  return false;
}

/** A whole number written in digits, without making a string; NaN when it is anything else (the caller then asks Number()). */
function digitsAt(s: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** An attribute's number (`r` of a row, `s` of a cell); undefined when absent or empty, as the old reader read them. */
function numberAt(s: string, start: number, end: number): number | undefined {
  if (start < 0 || end === start) return undefined;
  const n = digitsAt(s, start, end);
  if (!Number.isNaN(n)) return n;
  const text = hasEntity(s, start, end) ? decodeText(s, start, end) : s.slice(start, end);
  return text === '' ? undefined : Number(text);
}

/** "AB12" at s[start, end) → 28 (1-based column); 0 when there are no letters. */
function columnAt(s: string, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else if (c === 38) return columnOf(decodeText(s, start, end));
    else break;
  }
  return col;
}

const V = 1;
const T = 2;
const F = 3;
/**
 * Link formulas kept per sheet, and the longest kept: Excel's own limit for a formula's text (longer is no formula
 * Excel wrote, and is not read for a link).
 */
const MAX_LINK_FORMULAS = 100_000;
const MAX_FORMULA_LENGTH = 8192;
/** Hidden column ranges kept per sheet (Excel writes one per run of columns of the same width and state). */
const MAX_HIDDEN_COLUMN_RANGES = 1_000;
/** Cells with a web link kept per sheet (a hostile file could declare a link over a whole sheet). */
const MAX_LINKS = 100_000;
/**
 * Merged ranges kept per sheet: the engine names a few (sheet.merged-cells) and counts the rest, and a hostile file
 * can declare millions (2 million took 1.5 GB): past this many only their count is kept (SheetModel.mergeCount).
 */
const MAX_MERGES = 1_000;
/** Formula cells without a result named in the sheet's warning; the rest are counted. */
const NO_RESULT_NAMED = 3;
/**
 * Hidden rows with values whose numbers are kept (the rest are counted): the engine names a few, after leaving out
 * hidden heading rows, which come first and are never more than a handful (SheetModel.hiddenRows).
 */
const HIDDEN_ROWS_KEPT = 8;

/**
 * One worksheet, streamed through the scanner: rows and cells as the old saxes handlers read them (the same
 * values, the same limits at the same places), with the hot elements (`row`, `c`, `v`, `is`, `t`) recognised by
 * their local name's length and characters and their attributes read in place.
 */
class SheetScan implements XmlHandler {
  readonly rows: CellValue[][] = [];
  readonly merges: string[] = [];
  mergeCount = 0;
  /** `<hyperlink ref= r:id=>`: a cell's link, its address in the sheet's relationships (readSheet resolves it). */
  readonly hyperlinks: { ref: string; id: string }[] = [];
  /** Formula cells with no stored result (`<f>` without `<v>`), by A1 reference; the first few are named. */
  readonly noResult = { count: 0, cells: [] as string[] };
  /** Rows with values that the file marks hidden (`<row hidden="1">`: hidden by hand or by a filter). */
  readonly hiddenRows = { count: 0, rows: [] as number[] };
  /**
   * The formulas the engine needs, by A1: those naming a link function on a cell showing a text
   * (`HYPERLINK("https://…","Ver contrato")`), whose address a link column reads (core/unflatten/link-formula.ts),
   * and those of numbers with more decimals than cents (`=H4/1.16`), which a money column publishes in cents
   * (parse-value.ts moneyAmount). Only these are kept: most formulas are sums.
   */
  readonly formulas: Record<string, string> = {};
  /** `<col hidden="1">` ranges: columns hidden by the official. */
  readonly hiddenColumns: ColumnRange[] = [];
  formulaCount = 0;
  /**
   * A formula filled down is written once (`<f t="shared" si="0" ref="F3:F40">HYPERLINK(…)</f>`) and the other cells
   * name it by its index only (`<f t="shared" si="0"/>`): the written ones, by index. Its quoted strings are the same
   * in every cell; only its cell references move, which makes no address readable.
   */
  private readonly sharedFormulas = new Map<string, string>();
  private formulaText = '';
  private sharedIndex: string | undefined;
  private rowHidden = false;
  private readonly keep: boolean;
  private rowNumber = 0;
  private sheetRows = 0;
  private cells: CellValue[] = [];
  /** The highest row number of the sheet so far: the model holds every row up to it (readSheet). */
  private lastRow = 0;
  /** The current row's length in the model: up to its last value so far. */
  private rowWidth = 0;
  private col = 0;
  private type = CellType.Number;
  private style = 0;
  private cellText = '';
  private hasValue = false;
  private hasFormula = false;
  private collecting = 0;
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly name: string, private readonly shared: string[], private readonly styles: Styles, private readonly date1904: boolean,
    private readonly limits: ReadLimits, private readonly counters: Counters, private readonly options: XlsxReadOptions,
    private readonly pool: TextPool,
  ) {
    this.keep = options.keepValues !== false;
  }

  open(s: string, nameStart: number, nameEnd: number, attributes: Attributes): void {
    const length = nameEnd - nameStart;
    const c0 = s.charCodeAt(nameStart);
    if (length === 1) {
      if (c0 === 99) this.openCell(s, attributes); // c
      else if (c0 === 118) { this.collecting = V; this.hasValue = true; } // v
      else if (c0 === 116) { if (this.inInline && !this.inPhonetic) this.collecting = T; } // t
      else if (c0 === 102) this.openFormula(attributes); // f
    } else if (length === 2) {
      if (c0 === 105 && s.charCodeAt(nameStart + 1) === 115) { this.inInline = true; this.hasValue = true; } // is
    } else if (length === 3) {
      if (s.startsWith('row', nameStart)) this.openRow(s, attributes);
      else if (s.startsWith('rPh', nameStart)) this.inPhonetic = true;
      else if (s.startsWith('col', nameStart)) this.openColumn(s, attributes);
    } else if (length === 9) {
      if (s.startsWith('hyperlink', nameStart)) {
        const ref = attributes.get('ref');
        const id = attributes.get('id');
        if (ref && id && this.hyperlinks.length < MAX_LINKS) this.hyperlinks.push({ ref, id });
      } else if (s.startsWith('dimension', nameStart)) {
        // Free early refusal: the writer's own statement of the sheet's extent (the counters still apply).
        const ref = attributes.get('ref') ?? '';
        const last = rowOf(ref.slice(ref.indexOf(':') + 1));
        if (last > this.limits.rowsPerSheet) throw new ReadLimitError('rowsPerSheet', this.limits.rowsPerSheet, this.options.label, this.name);
      } else if (s.startsWith('mergeCell', nameStart)) {
        const ref = attributes.get('ref');
        if (ref && this.mergeCount++ < MAX_MERGES) this.merges.push(ref);
      }
    }
  }

  close(s: string, nameStart: number, nameEnd: number): void {
    const length = nameEnd - nameStart;
    if (length === 1) {
      const c0 = s.charCodeAt(nameStart);
      if (c0 === 118 || c0 === 116 || c0 === 102) this.collecting = 0; // v, t, f
      else if (c0 === 99) this.closeCell(); // c
    } else if (length === 3) {
      if (s.startsWith('row', nameStart)) this.closeRow();
      else if (s.startsWith('rPh', nameStart)) this.inPhonetic = false;
    }
  }

  text(s: string, start: number, end: number, cdata: boolean): void {
    if (this.collecting === F) {
      if (this.formulaText.length <= MAX_FORMULA_LENGTH) this.formulaText += decodeText(s, start, end, cdata);
    } else if (this.collecting) this.cellText += decodeText(s, start, end, cdata);
  }

  /** `<c r= t= s=>`: one pass over the attributes; an unprefixed attribute wins over a prefixed one (x:r). */
  private openCell(s: string, attributes: Attributes): void {
    const { ranges, count } = attributes;
    let rStart = -1; let rEnd = -1; let tStart = -1; let tEnd = -1; let sStart = -1; let sEnd = -1;
    let exact = 0; // bits: r 1, t 2, s 4 — found without a prefix
    for (let k = 0; k < count * 5; k += 5) {
      const localStart = ranges[k + 1];
      if (ranges[k + 2] - localStart !== 1) continue;
      const unprefixed = localStart === ranges[k];
      switch (s.charCodeAt(localStart)) {
        case 114: if (unprefixed || !(exact & 1)) { rStart = ranges[k + 3]; rEnd = ranges[k + 4]; if (unprefixed) exact |= 1; } break; // r
        case 116: if (unprefixed || !(exact & 2)) { tStart = ranges[k + 3]; tEnd = ranges[k + 4]; if (unprefixed) exact |= 2; } break; // t
        case 115: if (unprefixed || !(exact & 4)) { sStart = ranges[k + 3]; sEnd = ranges[k + 4]; if (unprefixed) exact |= 4; } break; // s
        default:
      }
    }
    const c = rStart >= 0 ? columnAt(s, rStart, rEnd) : 0;
    this.col = c > 0 ? c : this.col + 1;
    this.type = tStart >= 0 ? cellTypeOf(s, tStart, tEnd) : CellType.Number;
    this.style = numberAt(s, sStart, sEnd) ?? 0;
    this.cellText = '';
    this.hasValue = false;
    this.hasFormula = false;
    this.formulaText = '';
    this.sharedIndex = undefined;
    this.inInline = false;
  }

  /** `<col min= max= hidden=>`: a range of columns the official hid (the engine warns when they hold data). */
  private openColumn(s: string, attributes: Attributes): void {
    const hidden = attributes.find('hidden');
    if (hidden < 0 || !/^\s*(?:1|true)\s*$/.test(s.slice(attributes.valueStart(hidden), attributes.valueEnd(hidden)))) return;
    const [min, max] = [attributes.find('min'), attributes.find('max')];
    const from = min < 0 ? undefined : numberAt(s, attributes.valueStart(min), attributes.valueEnd(min));
    const to = max < 0 ? from : numberAt(s, attributes.valueStart(max), attributes.valueEnd(max));
    if (from === undefined || to === undefined || from < 1 || to < from || this.hiddenColumns.length >= MAX_HIDDEN_COLUMN_RANGES) return;
    this.hiddenColumns.push({ from, to: Math.min(to, this.limits.columns) });
  }

  /** `<f t= si=>`: its text is collected (only a cell's value needs it, and only to keep link formulas). */
  private openFormula(attributes: Attributes): void {
    this.hasFormula = true;
    if (!this.keep) return;
    this.collecting = F;
    this.sharedIndex = attributes.get('t') === 'shared' ? attributes.get('si') : undefined;
  }

  /** A cell's formula, kept by A1 when the engine needs it: its own text, or the text of the shared formula it names. */
  private keepFormula(v: CellValue): void {
    let text = this.formulaText;
    if (this.sharedIndex !== undefined) {
      if (text.trim() !== '') {
        if (this.sharedFormulas.size < MAX_LINK_FORMULAS) this.sharedFormulas.set(this.sharedIndex, text);
      } else text = this.sharedFormulas.get(this.sharedIndex) ?? '';
    }
    if (text === '' || text.length > MAX_FORMULA_LENGTH || this.formulaCount >= MAX_LINK_FORMULAS) return;
    if (typeof v === 'string' ? !mentionsLink(text) : !pastCents(v)) return;
    this.formulaCount++;
    this.formulas[`${columnLetter(this.col)}${this.rowNumber}`] = text;
  }

  private openRow(s: string, attributes: Attributes): void {
    const r = attributes.find('r');
    const n = r < 0 ? undefined : numberAt(s, attributes.valueStart(r), attributes.valueEnd(r));
    this.rowNumber = n ?? this.rowNumber + 1;
    this.sheetRows++;
    // The rows skipped on the way to this one are rows of the model too (empty ones): counted, not just `<row>`s.
    this.counters.rows += this.rowNumber > this.lastRow ? this.rowNumber - this.lastRow : 1;
    this.lastRow = Math.max(this.lastRow, this.rowNumber);
    const { limits, options } = this;
    if (this.rowNumber > limits.rowsPerSheet || this.sheetRows > limits.rowsPerSheet) throw new ReadLimitError('rowsPerSheet', limits.rowsPerSheet, options.label, this.name);
    if (this.counters.rows > limits.rows) throw new ReadLimitError('rows', limits.rows, options.label);
    this.cells = [];
    this.rowWidth = 0;
    this.col = 0;
    const hidden = attributes.find('hidden');
    // ST_Boolean: «1» or «true» (Excel writes «1»).
    this.rowHidden = hidden >= 0 && /^\s*(?:1|true)\s*$/.test(s.slice(attributes.valueStart(hidden), attributes.valueEnd(hidden)));
  }

  private closeCell(): void {
    if (!this.hasValue) {
      // Programs that write .xlsx without calculating (openpyxl, some report generators) leave formulas without a
      // result: the cell reads blank, as Excel would show it before recalculating — the engine says why (unflatten).
      if (this.hasFormula && this.noResult.count++ < NO_RESULT_NAMED) this.noResult.cells.push(`${columnLetter(this.col)}${this.rowNumber}`);
      return;
    }
    const v = this.value();
    if (v === '') return;
    if (this.hasFormula && this.keep) this.keepFormula(v);
    const { limits, counters, col } = this;
    if (++counters.cells > limits.cells) throw new ReadLimitError('cells', limits.cells, this.options.label);
    if (typeof v === 'string' && (counters.textCharacters += v.length) > limits.textCharacters) throw new ReadLimitError('textCharacters', limits.textCharacters, this.options.label, this.name);
    // Checked before the row is padded out to the column: the file names it, and may name any.
    if (col > limits.columns) throw new ReadLimitError('columns', limits.columns, this.options.label, this.name);
    if (col > this.rowWidth) {
      counters.gridCells += col - this.rowWidth;
      this.rowWidth = col;
      if (counters.gridCells > limits.gridCells) throw new ReadLimitError('gridCells', limits.gridCells, this.options.label, this.name);
    }
    if (!this.keep) return;
    const { cells } = this;
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = v;
  }

  private closeRow(): void {
    if (this.keep) this.rows[this.rowNumber - 1] = this.cells;
    if (this.rowHidden && this.keep && this.cells.some((v) => v !== '' && v !== null && v !== undefined) && this.hiddenRows.count++ < HIDDEN_ROWS_KEPT) this.hiddenRows.rows.push(this.rowNumber);
    if (this.options.onProgress && this.rowNumber % 5000 === 0) this.options.onProgress(this.name, this.rowNumber);
  }

  private value(): CellValue {
    const text = this.cellText;
    switch (this.type) {
      case CellType.Shared: {
        if (text.trim() === '') return '';
        const s = this.shared[Number(text)];
        if (s === undefined) throw new ZipFormatError(`shared string ${text} missing`);
        return s;
      }
      case CellType.Inline: return this.pool.own(decodeEscapes(text));
      case CellType.Str: return this.pool.own(decodeEscapes(text));
      case CellType.Error: return ownString(text); // #DIV/0!, #REF!…: the engine reports them as formula errors on this cell.
      case CellType.Bool: return text.trim() !== '0' && text.trim().toLowerCase() !== 'false';
      case CellType.Date: {
        // An ISO 8601 cell (t="d", as openpyxl and Excel's ISO mode write) states its clock time, without offset: read
        // as that clock time in UTC, as the engine takes every date cell. Date() read it in the server's own zone, so
        // 31/03/2024 00:00 became 30/03/2024 15:00 on a server set to Asia/Tokyo and 06:00 on one in Mexico City.
        const d = new Date(/T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(text.trim()) ? `${text.trim()}Z` : text);
        return Number.isNaN(d.getTime()) ? ownString(text) : d;
      }
      default: {
        if (text.trim() === '') return '';
        const n = Number(text);
        if (Number.isNaN(n)) return ownString(text);
        // Serial 60 of the 1900 system is Excel's 29/02/1900, a day the calendar has not: the number, which the engine
        // refuses with that reason (core/unflatten/parse-value.ts), rather than a Date of 28/02/1900 published unsaid.
        if (this.styles.dateStyles[this.style]) return !this.date1904 && n >= 60 && n < 61 ? n : serialToDate(n, this.date1904);
        const width = this.styles.padStyles[this.style];
        return width ? zeroPadded(n, width) : n;
      }
    }
  }
}

async function readSheet(
  parts: PartReader, path: string, name: string, shared: string[], styles: Styles, date1904: boolean,
  limits: ReadLimits, counters: Counters, options: XlsxReadOptions, pool: TextPool,
): Promise<SheetModel> {
  const sheet = new SheetScan(name, shared, styles, date1904, limits, counters, options, pool);
  await parts.scan(path, sheet);
  const { rows, merges, mergeCount, noResult, hiddenRows, formulas, formulaCount, hiddenColumns } = sheet;
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  const links = sheet.hyperlinks.length && options.keepValues !== false ? webLinks(sheet.hyperlinks, await parts.externalTargets(path)) : undefined;
  // A link's address is the text of its cell when the engine reads it: counted as the cells' text is (a link of
  // 4,096 characters over 100,000 cells of each sheet is 400 million).
  if (links || formulaCount) {
    for (const url of Object.values(links ?? {})) counters.textCharacters += url.length;
    for (const text of Object.values(formulas)) counters.textCharacters += text.length;
    if (counters.textCharacters > limits.textCharacters) throw new ReadLimitError('textCharacters', limits.textCharacters, options.label, name);
  }
  return { name, rows, ...(merges.length ? { merges } : {}), ...(mergeCount > merges.length ? { mergeCount } : {}), ...(noResult.count ? { formulasWithoutResult: noResult } : {}), ...(hiddenRows.count ? { hiddenRows } : {}), ...(links ? { links } : {}), ...(formulaCount ? { formulas } : {}), ...(hiddenColumns.length && options.keepValues !== false ? { hiddenColumns } : {}) };
}

/**
 * The sheet's web links by cell (A1), for the engine to read a link column's «Ver contrato» as its address. A link
 * may cover a range (`B2:B40`); links inside the workbook (`location`) and other schemes are not addresses.
 */
function webLinks(hyperlinks: readonly { ref: string; id: string }[], targets: Map<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let n = 0;
  for (const { ref, id } of hyperlinks) {
    const target = targets.get(id);
    // No longer than the add-on may send (MAX_LINK_LENGTH): a 2 MB address over 20,000 cells kept the
    // engine busy for minutes.
    if (!target || !/^https?:\/\//i.test(target) || target.length > MAX_LINK_LENGTH) continue;
    const [from, to = from] = ref.toUpperCase().split(':');
    const a = /^([A-Z]{1,3})(\d+)$/.exec(from);
    const b = /^([A-Z]{1,3})(\d+)$/.exec(to);
    if (!a || !b) continue;
    const [c1, c2, r1, r2] = [columnOf(a[1]), columnOf(b[1]), Number(a[2]), Number(b[2])];
    for (let r = r1; r <= r2 && n < MAX_LINKS; r++) for (let c = c1; c <= c2 && n < MAX_LINKS; c++, n++) out[`${columnLetter(c)}${r}`] = target;
  }
  return n ? out : undefined;
}

/**
 * A zip without a workbook part that is an OpenDocument spreadsheet (.ods, saved by LibreOffice): said as what it
 * is, with the way to save it as .xlsx, where «dañado… se copió incompleto» sent the official looking for damage.
 */
async function isOpenDocumentSpreadsheet(parts: PartReader): Promise<boolean> {
  if (!parts.has('mimetype')) return false;
  let head = '';
  // The part is a few dozen bytes; a hostile one is cut at the first chunk's worth (the budget bounds its unpacking).
  await parts.stream('mimetype', (chunk) => { if (head.length < 100) head += chunk.toString('latin1'); });
  return head.trim().startsWith(ODS_MIMETYPE);
}

interface WorkbookParts {
  parts: PartReader;
  limits: ReadLimits;
  declared: { name: string; id: string }[];
  date1904: boolean;
  rels: { id: string; type: string; target: string }[];
}

/** The zip directory, the workbook part (sheet names and order, date system) and its relationships. */
async function openWorkbook(source: ByteSource, options: XlsxReadOptions): Promise<WorkbookParts> {
  const limits = resolveLimits(options.limits);
  const { label } = options;
  if (source.size > limits.compressedBytes) throw new ReadLimitError('compressedBytes', limits.compressedBytes, label);
  const parts = new PartReader(source, await readDirectory(source), new UnpackBudget(limits, label, options.chunkSize));

  const root = await parts.relationships('');
  const workbookPath = root.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!parts.has(workbookPath)) throw await isOpenDocumentSpreadsheet(parts) ? new ForeignFileError('ods') : new ZipFormatError('no workbook part');

  const declared: { name: string; id: string }[] = [];
  let date1904 = false;
  await parts.parse(workbookPath, {
    open: (name, tag) => {
      if (name === 'sheet') {
        declared.push({ name: attribute(tag, 'name') ?? `Hoja${declared.length + 1}`, id: relationshipId(tag) });
        if (declared.length > limits.sheets) throw new ReadLimitError('sheets', limits.sheets, label);
      } else if (name === 'workbookPr') {
        const d = attribute(tag, 'date1904');
        date1904 = d === '1' || d === 'true';
      }
    },
  });
  const rels = await parts.relationships(workbookPath);
  return { parts, limits, declared, date1904, rels };
}

/** The worksheets in the workbook's order, with their part paths (chart and dialog sheets hold no cells). */
function worksheets({ parts, declared, rels }: WorkbookParts): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  for (const sheet of declared) {
    const rel = rels.find((r) => r.id === sheet.id);
    if (rel && REL_WORKSHEET.test(rel.type) && parts.has(rel.target)) out.push({ name: sheet.name, path: rel.target });
  }
  return out;
}

/** Reads the whole workbook into the model (or only checks it, with keepValues: false). */
export async function readXlsx(source: ByteSource, options: XlsxReadOptions): Promise<WorkbookModel> {
  const book = await openWorkbook(source, options);
  const { parts, limits, date1904, rels } = book;
  const list = worksheets(book);
  const sharedPath = rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target;
  // Each large part unpacks on the thread pool while the one before it is parsed (at most two ahead, each at most
  // SYNC_MAX: bounded memory).
  parts.unpackAhead(sharedPath);
  const styles = await readStyles(parts, rels.find((r) => REL_STYLES.test(r.type))?.target);
  parts.unpackAhead(list[0]?.path);
  const shared = await readSharedStrings(parts, sharedPath);

  const counters: Counters = { rows: 0, cells: 0, gridCells: 0, textCharacters: 0 };
  const sheets: SheetModel[] = [];
  const pool = new TextPool();
  for (let i = 0; i < list.length; i++) {
    parts.unpackAhead(list[i + 1]?.path);
    sheets.push(await readSheet(parts, list[i].path, list[i].name, shared, styles, date1904, limits, counters, options, pool));
  }
  // Said to the engine, which reads a date typed as a plain number in a date column by it (WorkbookModel.date1904).
  return date1904 ? { sheets, date1904: true } : { sheets };
}

/** Errors of a damaged or foreign file become one Spanish message; limits and our own messages pass through. */
export function asSourceError(e: unknown, label: string): SourceError {
  if (e instanceof SourceError) return e;
  if (e instanceof ForeignFileError) return new SourceError(foreignFileMessage(e.kind, `El archivo «${label}»`), e.kind === 'encrypted' ? 'source.encrypted' : 'source.invalid-xlsx');
  // With what to do: a workbook cut short (a copy or download that did not finish, a file saved while Excel wrote it)
  // is what this usually is, and the message left the official without a next step.
  return new SourceError(`El archivo «${label}» no es un libro de Excel (.xlsx) válido o está dañado; suele pasar cuando se copió o descargó incompleto. Ábralo en Excel: si abre, guárdelo de nuevo con Archivo › Guardar como › «Libro de Excel (.xlsx)» y use esa copia; si no abre, use una copia anterior del libro.`, 'source.invalid-xlsx');
}
