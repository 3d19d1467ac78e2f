/**
 * Our own streaming .xlsx reader (issue 17): zip parts unpacked in chunks by fflate (zip-archive.ts), UTF-8
 * decoded with a streaming TextDecoder — so a character split between two chunks is joined, never turned into
 * «��» as exceljs 4.4's reader does — and parsed by saxes. Values come out as Apps Script's getValues() gives
 * them: text, numbers, booleans, Dates (by the cell's number format, 1900 or 1904 date system), the cached result
 * of formulas, and error values as their text (#DIV/0!), which the engine reports on their cell. Sheets keep
 * their real names, in the workbook's order. Limits (read-limits.ts) are counted while streaming.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { CellValue, SheetModel, WorkbookModel } from '../../../../core/workbook/model';
import { SourceError } from '../sheet-source';
import { isDateFormat, serialToDate } from './number-format';
import { ReadLimitError, resolveLimits, type ReadLimits } from './read-limits';
import { readDirectory, streamEntry, UnpackBudget, ZipFormatError, type ByteSource, type ZipEntry } from './zip-archive';

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
}

async function readStyles(parts: PartReader, path: string | undefined): Promise<Styles> {
  const dateStyles: boolean[] = [];
  if (!path || !parts.has(path)) return { dateStyles };
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
  for (const id of xfNumFmts) dateStyles.push(isDateFormat(id, custom));
  return { dateStyles };
}

async function readSharedStrings(parts: PartReader, path: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!path || !parts.has(path)) return strings;
  let inPhonetic = false;
  let collecting = false;
  let current = '';
  await parts.parse(path, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 't') collecting = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text: (text) => { if (collecting) current += text; },
    close: (name) => {
      if (name === 't') collecting = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(decodeEscapes(current));
    },
  });
  return strings;
}

interface Counters { rows: number; cells: number }

const V = 1;
const T = 2;

async function readSheet(
  parts: PartReader, path: string, name: string, shared: string[], styles: Styles, date1904: boolean,
  limits: ReadLimits, counters: Counters, options: XlsxReadOptions,
): Promise<SheetModel> {
  const keep = options.keepValues !== false;
  const label = options.label;
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  let rowNumber = 0;
  let sheetRows = 0;
  let cells: CellValue[] = [];
  let col = 0;
  let type = '';
  let style = 0;
  let text = '';
  let hasValue = false;
  let collecting = 0;
  let inInline = false;
  let inPhonetic = false;

  const value = (): CellValue => {
    switch (type) {
      case 's': {
        if (text.trim() === '') return '';
        const s = shared[Number(text)];
        if (s === undefined) throw new ZipFormatError(`shared string ${text} missing`);
        return s;
      }
      case 'inlineStr': return decodeEscapes(text);
      case 'str': return decodeEscapes(text);
      case 'e': return text; // #DIV/0!, #REF!…: the engine reports them as formula errors on this cell.
      case 'b': return text.trim() !== '0' && text.trim().toLowerCase() !== 'false';
      case 'd': {
        const d = new Date(text);
        return Number.isNaN(d.getTime()) ? text : d;
      }
      default: {
        if (text.trim() === '') return '';
        const n = Number(text);
        if (Number.isNaN(n)) return text;
        return styles.dateStyles[style] ? serialToDate(n, date1904) : n;
      }
    }
  };

  await parts.parse(path, {
    open: (tagName, tag) => {
      switch (tagName) {
        case 'c': {
          const ref = attribute(tag, 'r');
          const c = ref ? columnOf(ref) : 0;
          col = c > 0 ? c : col + 1;
          type = attribute(tag, 't') ?? '';
          const s = attribute(tag, 's');
          style = s ? Number(s) : 0;
          text = '';
          hasValue = false;
          inInline = false;
          return;
        }
        case 'v': collecting = V; hasValue = true; return;
        case 'is': inInline = true; hasValue = true; return;
        case 't': if (inInline && !inPhonetic) collecting = T; return;
        case 'rPh': inPhonetic = true; return;
        case 'row': {
          const r = attribute(tag, 'r');
          rowNumber = r ? Number(r) : rowNumber + 1;
          sheetRows++;
          counters.rows++;
          if (rowNumber > limits.rowsPerSheet || sheetRows > limits.rowsPerSheet) throw new ReadLimitError('rowsPerSheet', limits.rowsPerSheet, label, name);
          if (counters.rows > limits.rows) throw new ReadLimitError('rows', limits.rows, label);
          cells = [];
          col = 0;
          return;
        }
        case 'dimension': {
          // Free early refusal: the writer's own statement of the sheet's extent (the counters still apply).
          const ref = attribute(tag, 'ref') ?? '';
          const last = rowOf(ref.slice(ref.indexOf(':') + 1));
          if (last > limits.rowsPerSheet) throw new ReadLimitError('rowsPerSheet', limits.rowsPerSheet, label, name);
          return;
        }
        case 'mergeCell': { const ref = attribute(tag, 'ref'); if (ref) merges.push(ref); return; }
        default:
      }
    },
    text: (t) => { if (collecting) text += t; },
    close: (tagName) => {
      switch (tagName) {
        case 'v': case 't': collecting = 0; return;
        case 'rPh': inPhonetic = false; return;
        case 'c': {
          if (!hasValue) return;
          const v = value();
          if (v === '') return;
          if (++counters.cells > limits.cells) throw new ReadLimitError('cells', limits.cells, label);
          if (!keep) return;
          while (cells.length < col - 1) cells.push('');
          cells[col - 1] = v;
          return;
        }
        case 'row':
          if (keep) rows[rowNumber - 1] = cells;
          if (options.onProgress && rowNumber % 5000 === 0) options.onProgress(name, rowNumber);
          return;
        default:
      }
    },
  });
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return merges.length ? { name, rows, merges } : { name, rows };
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
  if (!parts.has(workbookPath)) throw new ZipFormatError('no workbook part');

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
  const styles = await readStyles(parts, rels.find((r) => REL_STYLES.test(r.type))?.target);
  const shared = await readSharedStrings(parts, rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target);

  const counters: Counters = { rows: 0, cells: 0 };
  const sheets: SheetModel[] = [];
  for (const sheet of worksheets(book)) sheets.push(await readSheet(parts, sheet.path, sheet.name, shared, styles, date1904, limits, counters, options));
  return { sheets };
}

/** Counts tokens in a stream of chunks, including tokens split between two chunks, each counted once. */
class TokenCounter {
  readonly counts: number[];
  private carry = Buffer.alloc(0);
  private readonly keep: number;
  constructor(private readonly needles: Buffer[]) {
    this.counts = needles.map(() => 0);
    this.keep = Math.max(...needles.map((n) => n.length)) - 1;
  }
  push(chunk: Buffer): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const carried = this.carry.length;
    this.needles.forEach((needle, k) => {
      // Only tokens that end in the new chunk: those wholly inside the carry were counted last time.
      for (let i = data.indexOf(needle, Math.max(0, carried - needle.length + 1)); i >= 0; i = data.indexOf(needle, i + needle.length)) this.counts[k]++;
    });
    this.carry = Buffer.from(data.subarray(Math.max(0, data.length - this.keep)));
  }
}

/**
 * An upload's admission check, at the speed of unpacking: the zip directory and declared sizes, the sheet count,
 * then each sheet unpacked once with its rows (`<row`) and value cells (`<v>`, `<is>`) counted by a byte search —
 * no XML parse, no values kept, constant memory. Stops at the first limit crossed. The full read applies the
 * same limits exactly; this only has to be cheap and never let a hostile file through unbounded.
 */
export async function scanXlsx(source: ByteSource, options: XlsxReadOptions): Promise<{ sheets: number; rows: number; cells: number }> {
  const book = await openWorkbook(source, options);
  const { parts, limits } = book;
  const { label } = options;
  let rows = 0;
  let cells = 0;
  const sheets = worksheets(book);
  for (const sheet of sheets) {
    let counter: TokenCounter | undefined;
    let sheetRows = 0;
    await parts.stream(sheet.path, (chunk) => {
      if (!counter) {
        // Writers that prefix every element (x:row) are rare; the prefix is the root element's.
        const prefix = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(chunk.subarray(0, 4096).toString('latin1'))?.[1] ?? '';
        counter = new TokenCounter([`<${prefix}row `, `<${prefix}row>`, `<${prefix}v>`, `<${prefix}is>`].map((t) => Buffer.from(t)));
      }
      const [r0, r1, c0, c1] = counter.counts;
      counter.push(chunk);
      const [r2, r3, c2, c3] = counter.counts;
      const newRows = r2 + r3 - r0 - r1;
      sheetRows += newRows;
      rows += newRows;
      cells += c2 + c3 - c0 - c1;
      if (sheetRows > limits.rowsPerSheet) throw new ReadLimitError('rowsPerSheet', limits.rowsPerSheet, label, sheet.name);
      if (rows > limits.rows) throw new ReadLimitError('rows', limits.rows, label);
      if (cells > limits.cells) throw new ReadLimitError('cells', limits.cells, label);
    });
  }
  return { sheets: sheets.length, rows, cells };
}

/** Errors of a damaged or foreign file become one Spanish message; limits and our own messages pass through. */
export function asSourceError(e: unknown, label: string): SourceError {
  if (e instanceof SourceError) return e;
  return new SourceError(`El archivo «${label}» no es un libro de Excel (.xlsx) válido o está dañado.`, 'source.invalid-xlsx');
}
