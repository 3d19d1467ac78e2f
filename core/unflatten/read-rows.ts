/**
 * Turns the data rows of a bound sheet into document values. A child row finds its parents through its key
 * columns (root key, then the `id` of each enclosing item); a row repeating an item's id merges into that item.
 */
import { normalizeLabel } from './normalize-label';
import { finding, type CellRef, type Finding } from '../findings/finding';
import { columnLetter, type CellValue } from '../workbook/model';
import { formatList, formatNumber, ownDecimals } from '../format/es-mx';
import type { BoundColumn, BoundSheet } from './bind-sheet';
import { cleanCell, CellProblem, isBlankCell, safePreview } from './clean-cell';
import type { SourceRow, SourceSheet } from '../findings/source-map';
import { shownValue } from './shown-value';
import { totalsLabel } from './totals-row';
import { noteText } from './note-row';
import { isZeroRow } from './zero-row';
import { rowList } from './row-list';
import { relPath, type DocNode, type DocumentSet, type RelPath } from './document-builder';
import { dateInText, digitsLost, moneyAmount, NEEDS_PARSING, parseValue, plainValue, sheetDateText, type Parsed } from './parse-value';
import { currencyPathOf } from '../workflow/money-path';
import { DEFAULT_CURRENCY } from './fixups';
import { rfcProblem } from '../checks/rfc';
import { linkFormula } from './link-formula';
import { partyReferenceFields } from '../checks/party-references';

/** OCDS/EDCA-MX convention: a party without id is identified by its RFC, `MX-RFC-{RFC}` (scheme MX-RFC). */
export const RFC_SCHEME = 'MX-RFC';

/** A party's own id, in both standards: references to the party must keep matching it. */
const PARTY_ID = 'parties/id';

interface Context { sheet: BoundSheet; docs: DocumentSet; zone: string; findings: Finding[]; date1904: boolean }

/** A parent key cell read last at one level of a sheet (readRows): its value, the item it was read under, its key and item. */
interface KeyRun { raw: CellValue; under: DocNode | undefined; key: string; node: DocNode }

/**
 * The workbook's sheet holding the items of `arrays` (`[]`: the root sheet, «Contrataciones» or «Proyectos»), by the
 * name it has in this workbook: a row whose parent is missing names the sheet to look in.
 */
export type ParentSheets = (standard: BoundSheet['standard'], arrays: readonly string[]) => { name: string; inWorkbook: boolean; unread?: boolean } | undefined;

/**
 * Where a missing parent should be: «la hoja «Adjudicaciones»» (`row.parent-not-found`'s `parent`), or the template's
 * sheet this workbook does not have (`missingSheet`): a workbook without «Proyectos» (left out when sheets were copied
 * to a new book, a .csv not exported) was told each row's project «no existe en la hoja «Proyectos»» and to check its
 * spelling, with no sheet of that name to look in.
 */
interface ParentPlace { parent: string; missingSheet?: string; unreadSheet?: string }
function parentPlace(parents: ParentSheets | undefined, sheet: BoundSheet, level: number): ParentPlace {
  const found = parents?.(sheet.standard, sheet.arrays.slice(0, level));
  if (found === undefined) return { parent: 'su hoja de origen' };
  // The sheet is in the workbook but was not read (its headings were not found): «no existe» there, or «this workbook
  // has no such sheet», sent the official to check rows they could see, in a sheet they could see.
  if (found.unread) return { parent: `la hoja «${found.name}»`, unreadSheet: found.name };
  return found.inWorkbook ? { parent: `la hoja «${found.name}»` } : { parent: `la hoja «${found.name}»`, missingSheet: found.name };
}

/** A parent whose id differs from the one a row names only in capitals: its id as written and where it was read. */
interface NearParent { id: string; sheet: string; row: number }

function nearRoot(docs: DocumentSet, key: string): NearParent | undefined {
  const found = docs.rootInOtherCase(key);
  const at = found === undefined ? undefined : docs.rootRow(found);
  return found === undefined || !at ? undefined : { id: found, sheet: at.sheet.name, row: at.row };
}

function nearChild(docs: DocumentSet, parent: DocNode, arrayField: string, id: string): NearParent | undefined {
  const found = docs.childInOtherCase(parent, arrayField, id);
  const at = found?.id === undefined ? undefined : docs.sourceMap.get(`${found.anchor.pointer}/id`);
  return found?.id === undefined || at?.row === undefined ? undefined : { id: found.id, sheet: at.sheet, row: at.row };
}

/**
 * A row whose parent (its document, or its item one level up) does not exist. When one exists whose id differs only
 * in capitals («OCDS-ABC-0001» typed «ocds-abc-0001»), «no existe» sent the official looking for a row they could see:
 * they are told that row and that ids must be written the same, capitals included (OCDS ids are case-sensitive, so
 * the row is still not joined to it).
 */
function parentNotFound(id: string, col: BoundColumn, place: ParentPlace, near: NearParent | undefined, cell: CellRef, pointer?: string, typed?: string): Finding {
  const where = pointer === undefined ? { cell } : { cell, pointer };
  const value = typed ?? id;
  // Capitals alone, or spaces and line breaks too (foldKey): each said as what differs.
  if (near && near.id.toLowerCase() !== value.toLowerCase()) return finding('row.parent-other-spacing', 'error', { value: safePreview(value), column: col.header, found: safePreview(near.id), foundSheet: near.sheet, foundRow: near.row }, where);
  if (near) return finding('row.parent-other-case', 'error', { value: safePreview(value), column: col.header, found: safePreview(near.id), foundSheet: near.sheet, foundRow: near.row }, where);
  if (place.unreadSheet !== undefined) return finding('row.parent-sheet-unread', 'error', { value: safePreview(value), column: col.header, sheet: place.unreadSheet }, where);
  if (place.missingSheet !== undefined) return finding('row.parent-sheet-missing', 'error', { value: safePreview(value), column: col.header, sheet: place.missingSheet }, where);
  return finding('row.parent-not-found', 'error', { value: safePreview(value), column: col.header, parent: place.parent }, where);
}

/**
 * A key of a column with options as the official typed it («Avance financiero»), for a message that quotes what the
 * column says: the code it was read as («financialProgress») is a word they never wrote. Undefined for other keys.
 */
function shownKey(row: CellValue[], col: BoundColumn): string | undefined {
  const raw = row[col.index];
  return col.value.options && typeof raw === 'string' ? raw.trim() : undefined;
}

function cellRef(ctx: Context, r: number, col: BoundColumn): CellRef {
  return { sheet: ctx.sheet.name, row: r + 1, column: col.index + 1, header: col.header };
}

/** Last row with a value in a bound column: trailing blank rows (even a million) cost one cheap scan. */
function lastDataRow(rows: CellValue[][], start: number, columns: BoundColumn[]): number {
  for (let r = rows.length - 1; r >= start; r--) {
    const row = rows[r];
    if (!row || row.length === 0) continue;
    for (const col of columns) if (!isBlankCell(row[col.index])) return r;
  }
  return start - 1;
}

/** `MX-RFC-…` in any case: a party id or a reference written the way parties without id are named. */
const hasRfcScheme = (typed: string): boolean => typed.slice(0, RFC_SCHEME.length + 1).toUpperCase() === `${RFC_SCHEME}-`;

/**
 * An RFC typed in lowercase, in capitals: SAT writes RFCs so. Published as typed, `mab9307148t4` made the party
 * `MX-RFC-mab9307148t4`, which references in capitals did not match, and so it was refused (rfc.lowercase,
 * core/checks/rfc.ts); in capitals from the start there is nothing left to refuse, and the official is told so at the
 * cell (`cell.rfc-uppercased`, info). `prefixed`: a party id or a reference to one (`mx-rfc-mab9307148t4`), which must
 * stay the same as the party's own. `valid`: only an RFC with no problem at all once in capitals (its check digit
 * too), for a bare one typed where other ids are (a reference). Undefined when nothing changes, or when the text is no
 * RFC in capitals either (left as typed, for the RFC and reference checks to name).
 */
function rfcInCapitals(typed: string, prefixed: boolean, valid = false): string | undefined {
  if (prefixed && !hasRfcScheme(typed)) return undefined;
  const rfc = prefixed ? typed.slice(RFC_SCHEME.length + 1) : typed;
  const upper = rfc.toUpperCase();
  const text = prefixed ? `${RFC_SCHEME}-${upper}` : upper;
  if (text === typed) return undefined;
  const problem = rfcProblem(upper);
  return problem === undefined || (!valid && problem === 'checkDigit') ? text : undefined;
}

/**
 * The row with the RFCs of its party (`rfcColumn`, scheme blank or MX-RFC) and of its party ids and references
 * (`idColumns`: every `…/id` column) in capitals, each said at its cell; the row itself when none changes.
 * `bareColumns`: those of them where a party's bare RFC may be typed too (`mab9307148t4`, without «MX-RFC-»): the
 * references to parties, which name a party by its RFC (reference.partyByIdentifier) only in capitals, as the party's
 * own RFC is read; and the party ids, so that a party and its references typed alike in lowercase still match.
 */
function rowRfcsInCapitals(ctx: Context, row: CellValue[], r: number, rfcColumn: BoundColumn | undefined, schemeColumn: BoundColumn | undefined, idColumns: readonly BoundColumn[], bareColumns: ReadonlySet<BoundColumn>): CellValue[] {
  // No closure over the row here: one per row was ~10 MB of the conversion's allocation at 1,000 processes.
  let copy: CellValue[] | undefined;
  if (rfcColumn) {
    const scheme = schemeColumn ? cleanCell(row[schemeColumn.index]) : undefined;
    if (scheme === undefined || (typeof scheme === 'string' && scheme.toUpperCase() === RFC_SCHEME)) {
      const upper = rfcWithoutSeparators(ctx, row, r, rfcColumn) ?? cellRfcInCapitals(ctx, row, r, rfcColumn, false, false);
      if (upper !== undefined) (copy ??= row.slice())[rfcColumn.index] = upper;
    }
  }
  for (let i = 0; i < idColumns.length; i++) {
    const col = idColumns[i];
    const upper = cellRfcInCapitals(ctx, row, r, col, true, bareColumns.has(col));
    if (upper !== undefined) (copy ??= row.slice())[col.index] = upper;
  }
  return copy ?? row;
}

/** Spaces, hyphens and dots inside an RFC as printed on older SAT documents («PEJ-800101-AB1», «PEJ 800101 AB1»). */
const RFC_SEPARATORS = /[\s.\-_]/g;

/**
 * The party's RFC cell typed with separators, without them (and in capitals), said at the cell (`cell.rfc-joined`,
 * info): an RFC has none, so the one it is is unambiguous, and «PEJ-800101-AB1» was refused with «tiene 14 caracteres»
 * while the official counted 12. Only the RFC column: a party id or a reference keeps what was typed, to match each
 * other. Undefined when the cell has no separator inside, or is no valid RFC without them either.
 */
function rfcWithoutSeparators(ctx: Context, row: CellValue[], r: number, col: BoundColumn): string | undefined {
  const raw = row[col.index];
  if (typeof raw !== 'string') return undefined;
  const typed = raw.trim();
  RFC_SEPARATORS.lastIndex = 0;
  if (!RFC_SEPARATORS.test(typed)) return undefined;
  const joined = typed.replace(RFC_SEPARATORS, '').toUpperCase();
  const problem = rfcProblem(joined);
  if (problem !== undefined && problem !== 'checkDigit') return undefined;
  ctx.findings.push(finding('cell.rfc-joined', 'info', { value: safePreview(typed), joined }, { cell: cellRef(ctx, r, col) }));
  return joined;
}

/** Whether `s` reads the same in capitals; an ASCII text is looked at without making its copy in capitals. */
function inCapitals(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return s.toUpperCase() === s;
  }
  return true;
}

/** One cell of rowRfcsInCapitals: its RFC in capitals (said at the cell), or undefined when it stays as typed. */
function cellRfcInCapitals(ctx: Context, row: CellValue[], r: number, col: BoundColumn, prefixed: boolean, bareToo: boolean): string | undefined {
  const raw = row[col.index];
  if (typeof raw !== 'string') return undefined;
  // Cheap looks first, as this runs on every id cell: a party id starts «MX-RFC-» (or with a space, trimmed below),
  // and one already in capitals has nothing to change.
  const first = raw.charCodeAt(0);
  if (prefixed && !bareToo && first !== 77 && first !== 109 && first > 32) return undefined;
  if (inCapitals(raw)) return undefined;
  const typed = raw.trim();
  const bare = bareToo && !hasRfcScheme(typed);
  const upper = rfcInCapitals(typed, prefixed && !bare, bare);
  if (upper === undefined) return undefined;
  ctx.findings.push(finding('cell.rfc-uppercased', 'info', { value: safePreview(typed), upper }, { cell: cellRef(ctx, r, col) }));
  return upper;
}

/** A key cell as text; undefined when blank, null after reporting a problem. */
function keyText(ctx: Context, row: CellValue[], r: number, col: BoundColumn | undefined): string | undefined | null {
  if (!col) return undefined;
  const v = cleanCell(row[col.index]);
  if (v === undefined) return undefined;
  if (v instanceof CellProblem) {
    ctx.findings.push(finding(v.code, v.severity, v.params, { cell: cellRef(ctx, r, col) }));
    return null;
  }
  if (col.value.options) {
    // A key may be a code (e.g. the budget moment of «Momentos contables»): titles become codes here too.
    const parsed = parseValue(v, col.value, ctx.zone, ctx.date1904);
    if (parsed.problem) ctx.findings.push(finding(parsed.problem.code, parsed.problem.severity, parsed.problem.params, { cell: cellRef(ctx, r, col) }));
    return parsed.value === undefined ? null : String(parsed.value);
  }
  if (v instanceof Date) {
    const { value, problem } = dateInText(v);
    ctx.findings.push(finding(problem.code, problem.severity, problem.params, { cell: cellRef(ctx, r, col) }));
    return value;
  }
  const lost = digitsLost(v)?.problem;
  if (lost) {
    ctx.findings.push(finding(lost.code, lost.severity, lost.params, { cell: cellRef(ctx, r, col) }));
    return null;
  }
  return String(v);
}

function describe(cell: CellRef | undefined): string {
  if (!cell) return 'otra fila';
  // Read after «en»: «en la hoja «Proyectos», celda B3» (it said «en hoja «Proyectos»…»).
  return `la hoja «${cell.sheet}», celda ${cell.column ? columnLetter(cell.column) : ''}${cell.row ?? ''}`;
}

const SCHEME = relPath(['identifier', 'scheme']);

/** What the workbook tells beside the sheet's own rows. */
export interface SheetContext {
  parents?: ParentSheets;
  /** The sheet's cell links by A1 (SheetModel.links), as the source gave them. */
  links?: Record<string, unknown>;
  /** The link formulas of the sheet's cells by A1 (SheetModel.formulas), as the source gave them. */
  formulas?: Record<string, unknown>;
  /** The workbook counts its days from 1904 (WorkbookModel.date1904): how a date typed as a plain number is read. */
  date1904?: boolean;
}

/**
 * A link column's cell that shows a text with a web link behind it («Ver contrato», Insertar vínculo): its address
 * is the value, and an info finding says so. A cell that shows an address keeps it, even if the link differs.
 * Without a link, a link formula (`=HIPERVINCULO("https://…";"Ver contrato")`, link-formula.ts) gives the address
 * written in it; one whose address is not written in it is an error at the cell, since no address can be read.
 */
function linkedCell(ctx: Context, links: Record<string, unknown>, formulas: Record<string, unknown>, r: number, col: BoundColumn, raw: CellValue): CellValue | CellProblem {
  if (typeof raw !== 'string' || /^\s*https?:\/\//i.test(raw)) return raw;
  const a1 = `${columnLetter(col.index + 1)}${r + 1}`;
  const link = links[a1];
  // The address whole (up to a long URL's length): it is what will be published.
  const shownLink = (url: string): string => (url.length > 300 ? `${url.slice(0, 299)}…` : url);
  if (typeof link === 'string') {
    ctx.findings.push(finding('cell.link-used', 'info', { value: safePreview(raw), link: shownLink(link) }, { cell: cellRef(ctx, r, col) }));
    return link;
  }
  const formula = formulas[a1];
  const read = typeof formula === 'string' ? linkFormula(formula) : undefined;
  if (!read) return raw;
  // As the official sees it in the formula bar: a file stores it without its «=».
  if (read.address === undefined) return new CellProblem('cell.link-formula-unread', { value: safePreview(raw), formula: safePreview(/^\s*=/.test(String(formula)) ? formula : `=${String(formula)}`) });
  // An empty address (`HIPERVINCULO("";"Ver")`) is the text shown, refused as it would be without the formula.
  if (read.address === '') return raw;
  ctx.findings.push(finding('cell.link-formula-used', 'info', { value: safePreview(raw), link: shownLink(read.address) }, { cell: cellRef(ctx, r, col) }));
  return read.address;
}

/**
 * A cell of a sheet whose source gave links or formulas: a link column's through its link or link formula; an amount
 * of money computed by a formula (the source gave the cell's formula: one with more decimals than cents) in cents,
 * as its cell shows it (moneyAmount); any other as it is.
 */
function readLinked(ctx: Context, linked: { links: Record<string, unknown>; formulas: Record<string, unknown> }, r: number, col: BoundColumn, raw: CellValue): ReturnType<typeof cleanCell> {
  if (col.value.type === 'url') {
    const v = linkedCell(ctx, linked.links, linked.formulas, r, col, raw);
    return v instanceof CellProblem ? v : cleanCell(v);
  }
  if (col.value.money && typeof raw === 'number') {
    const formula = linked.formulas[`${columnLetter(col.index + 1)}${r + 1}`];
    if (typeof formula === 'string' && formula !== '') return cleanCell(moneyAmount(raw));
  }
  return cleanCell(raw);
}

export function readRows(rows: CellValue[][], sheet: BoundSheet, docs: DocumentSet, zone: string, findings: Finding[], context: SheetContext = {}): void {
  const { parents } = context;
  // Only when the source knows links: the row loop stays as it was for every other sheet.
  const links = context.links && Object.keys(context.links).length ? context.links : undefined;
  const formulas = context.formulas && Object.keys(context.formulas).length ? context.formulas : undefined;
  const linked = links || formulas ? { links: links ?? {}, formulas: formulas ?? {} } : undefined;
  const ctx: Context = { sheet, docs, zone, findings, date1904: context.date1904 === true };
  const extras = sheet.extras;
  const allColumns = extras.length ? [...sheet.columns, ...extras.flatMap((g) => g.columns)] : sheet.columns;
  const source: SourceSheet = docs.sourceMap.addSheet(sheet.name, allColumns);
  const depth = sheet.arrays.length;
  const skip = new Set<BoundColumn>([sheet.rootKey]);
  for (const k of sheet.levelKeys) if (k) skip.add(k);
  const valueColumns = sheet.columns.filter((c) => !skip.has(c));
  const ownColumns = sheet.columns.filter((c) => c.arrays.length === depth && c !== sheet.rootKey);
  const isParties = depth > 0 && sheet.arrays[depth - 1] === 'parties';
  const rfcColumn = isParties ? ownColumns.find((c) => c.rel.join('/') === 'identifier/id') : undefined;
  const schemeColumn = isParties ? ownColumns.find((c) => c.rel.join('/') === 'identifier/scheme') : undefined;
  // Where a blank scheme is written: at its own column, or, without one, just before the RFC.
  const schemeAt = schemeColumn ?? rfcColumn;
  // Where a party id or a reference to one may be typed (`MX-RFC-…`): every `…/id` column but a party's identifier.
  const rfcIdColumns = allColumns.filter((c) => c !== rfcColumn && c.rel[c.rel.length - 1] === 'id');
  // …and where a party's bare RFC may be typed as well: the references to parties, and the party ids they match.
  const references = partyReferenceFields(sheet.standard);
  const bareRfcColumns = new Set(rfcIdColumns.filter((c) => references.has(c.field) || c.field === PARTY_ID));
  const ownRel = depth > 0 ? sheet.arrays[depth - 1].slice(depth > 1 ? sheet.arrays[depth - 2].length + 1 : 0).split('/') : [];
  const ownPath = relPath(ownRel);
  const values = valueColumns.map((col) => ({ col, path: relPath(col.rel) }));
  const extraValues = extras.map((g) => g.columns.map((col) => ({ col, path: relPath(col.rel) })));
  const extraRels = extras.map((g) => relPath(g.rel));
  const made: (DocNode | undefined)[] = new Array(extras.length);
  // Segments from each level's parent item to its array (`awards/suppliers` → `suppliers`).
  const levelRels = sheet.arrays.map((a, i) => relPath((i ? a.slice(sheet.arrays[i - 1].length + 1) : a).split('/')));
  const last = lastDataRow(rows, sheet.dataStart, allColumns);
  // The row's item at each level, from its document down (one array for all the rows, emptied for each).
  const nodes: (DocNode | undefined)[] = [];
  // A child sheet's rows come in runs under one parent (a contract's transactions, one after another): a parent key
  // cell equal to the one the last row found its item by, under the same item, finds that item again without being
  // read (reading and looking up each row's keys was a tenth of the conversion). Sound because nothing this sheet
  // does makes documents or parent items — only a root or flatten-tool sheet does, and extra groups make items
  // elsewhere — and only a key read without a finding is remembered. [0]: the document; [i + 1]: level i's item.
  const runs: (KeyRun | undefined)[] | undefined = !sheet.flat && depth > 0 && extras.length === 0 ? [] : undefined;

  // Rows only a formula copied down filled (zero-row.ts): said once for the sheet, after its rows.
  const zeroRows: number[] = [];
  for (let r = sheet.dataStart; r <= last; r++) {
    let row = rows[r];
    if (!row || row.length === 0) continue;
    if (!anyValue(row, allColumns)) continue;
    if (isZeroRow(row, sheet, allColumns)) { zeroRows.push(r + 1); continue; }
    const totals = totalsLabel(row, sheet, allColumns);
    if (totals !== undefined) {
      const labelColumn = allColumns.find((c) => c.index === totals.index);
      findings.push(finding('row.totals', 'warning', { label: safePreview(totals.text) }, { cell: labelColumn ? cellRef(ctx, r, labelColumn) : { sheet: sheet.name, row: r + 1, column: totals.index + 1 } }));
      continue;
    }
    const note = noteText(row, sheet, allColumns);
    if (note !== undefined) {
      findings.push(finding('row.note', 'warning', { text: safePreview(note), column: sheet.rootKey.header }, { cell: cellRef(ctx, r, sheet.rootKey) }));
      continue;
    }
    if (rfcColumn || rfcIdColumns.length) row = rowRfcsInCapitals(ctx, row, r, rfcColumn, schemeColumn, rfcIdColumns, bareRfcColumns);

    const here: SourceRow = { sheet: source, row: r + 1 };
    const rootRaw = row[sheet.rootKey.index];
    // A key as short as `ocid` / `id` (with a few spaces) is the only one worth trimming and comparing: one test per row.
    if (typeof rootRaw === 'string' && rootRaw.length < sheet.rootKey.field.length + 4 && rootRaw.trim() === sheet.rootKey.field && isPathsRow(row, allColumns, sheet.rootKey)) {
      findings.push(finding('row.paths-row', 'warning', { key: sheet.rootKey.field }, { cell: cellRef(ctx, r, sheet.rootKey) }));
      continue;
    }
    // The titles row sorted in among the data (the whole sheet sorted, row 2 kept on top): it was read as a row whose
    // key is «Identificador de contratación (OCID)», «no existe en la hoja «Contrataciones»». Titles have spaces, keys
    // rarely do: one test per row before any normalizing.
    if (sheet.headingTitles && typeof rootRaw === 'string' && rootRaw.includes(' ') && rootRaw.length < 200 && isTitlesRow(row, allColumns, sheet.headingTitles)) {
      findings.push(finding('row.titles-row', 'warning', {}, { cell: cellRef(ctx, r, sheet.rootKey) }));
      continue;
    }
    const lastRoot = runs?.[0];
    const rootRun = lastRoot && lastRoot.raw === rootRaw ? lastRoot : undefined;
    const keyFindings = findings.length;
    const rootKey = rootRun ? rootRun.key : keyText(ctx, row, r, sheet.rootKey);
    // A key cell with its own error (#N/A of a =BUSCARV that brought the OCID): its item is remembered as unread too,
    // or the rows below it were told it «no existe» where the official could see it.
    if (rootKey === null) { dropOwnItem(ctx, row, r); continue; }
    if (rootKey === undefined) {
      findings.push(finding('row.missing-key', 'error', { column: sheet.rootKey.header, ...rowData(row, allColumns, sheet), ...shiftedRight(row, sheet) }, { cell: cellRef(ctx, r, sheet.rootKey) }));
      dropOwnItem(ctx, row, r);
      continue;
    }
    let node = rootRun ? rootRun.node : docs.root(rootKey);
    if (runs && !rootRun && node && findings.length === keyFindings) runs[0] = { raw: rootRaw, under: undefined, key: rootKey, node };
    // A root-sheet row repeating a document's key continues it (its values merge: fixtures/engine/repeated-parent-merge);
    // if they clash with the first row's, it is more likely another process or project typed under that key.
    const repeated = node !== undefined && depth === 0 && !sheet.flat;
    const mark = findings.length;
    // flatten-tool: any row names its document by ocid/id, and the first row to name it creates it.
    if (depth === 0 || sheet.flat) node ??= docs.createRoot(rootKey, here, sheet.rootKey.index);
    if (!node) {
      findings.push(parentNotFound(rootKey, sheet.rootKey, parentPlace(parents, sheet, 0), nearRoot(docs, rootKey), cellRef(ctx, r, sheet.rootKey)));
      dropOwnItem(ctx, row, r);
      continue;
    }
    nodes.length = 0;
    nodes.push(node);
    let ok = true;
    // flatten-tool walks down only as far as the row has values, making the items it does not find.
    let reach = sheet.flat ? flatReach(row, sheet.columns, depth) : depth;
    // …and as far as the items its other columns hang from (`awards/0/items/2/…` needs the row's award).
    for (let g = 0; g < extras.length && reach < depth; g++) if (extras[g].mainLevel > reach && anyValueAt(row, extras[g].scan)) reach = extras[g].mainLevel;
    for (let i = 0; i < depth - 1 && sheet.flat && ok; i++) {
      if (i >= reach) { ok = false; break; }
      const col = sheet.levelKeys[i];
      const id = keyText(ctx, row, r, col);
      if (id === null) { ok = false; break; }
      const parent: DocNode | undefined = (id === undefined ? undefined : docs.child(node, sheet.arrays[i], id))
        ?? docs.createChild(node, sheet.arrays[i], levelRels[i], id, here, col?.index);
      if (!parent) { ok = false; break; }
      node = parent;
      nodes.push(node);
    }
    if (sheet.flat && nodes.length < depth) ok = false;
    for (let i = 0; i < depth - 1 && !sheet.flat; i++) {
      const col = sheet.levelKeys[i] as BoundColumn;
      const raw = row[col.index];
      const run = runs?.[i + 1];
      if (run && run.under === node && run.raw === raw) {
        node = run.node;
        nodes.push(node);
        continue;
      }
      const before = findings.length;
      const id = keyText(ctx, row, r, col);
      if (id === null) { ok = false; break; }
      if (id === undefined) {
        findings.push(finding('row.missing-key', 'error', { column: col.header, ...rowData(row, allColumns, sheet) }, { cell: cellRef(ctx, r, col), pointer: node.anchor.pointer }));
        ok = false;
        break;
      }
      const parent: DocNode | undefined = docs.child(node, sheet.arrays[i], id);
      if (!parent) {
        const unread = docs.droppedItem(sheet.arrays[i], id, rootKey);
        if (unread) findings.push(finding('row.parent-unread', 'error', { value: safePreview(id), column: col.header, unreadSheet: unread.sheet, unreadRow: unread.row }, { cell: cellRef(ctx, r, col), pointer: node.anchor.pointer }));
        else findings.push(parentNotFound(id, col, parentPlace(parents, sheet, i + 1), nearChild(docs, node, sheet.arrays[i], id), cellRef(ctx, r, col), node.anchor.pointer, shownKey(row, col)));
        ok = false;
        break;
      }
      if (runs && findings.length === before) runs[i + 1] = { raw, under: node, key: id, node: parent };
      node = parent;
      nodes.push(node);
    }
    if (!ok && !sheet.flat) {
      dropOwnItem(ctx, row, r);
      continue;
    }

    // A template child row naming an item an earlier row made (the same id under the same parent): see repeatedId.
    let joined: RepeatedItem | undefined;
    // The party whose blank scheme is made MX-RFC: written where its column is read (below), so the party's fields
    // keep the columns' order. Written before them, `identifier` came ahead of `name` and `roles`, and the same
    // party sent back from datos.xlsx (scheme filled in) had other key order: its project got a new `updated`.
    let schemeFor: DocNode | undefined;
    if (ok && depth > 0 && anyValue(row, ownColumns)) {
      const idCol = sheet.levelKeys[depth - 1];
      let id = keyText(ctx, row, r, idCol);
      let idColumn = idCol?.index;
      let idBound = idCol;
      // The id as its cell shows it: a party named by its RFC shows the RFC, not the `MX-RFC-…` made from it.
      let idShown = id;
      let defaultScheme = false;
      if (id === undefined && rfcColumn) {
        const rfc = keyText(ctx, row, r, rfcColumn);
        if (rfc) {
          const scheme = keyText(ctx, row, r, schemeColumn);
          defaultScheme = !scheme;
          id = `${scheme || RFC_SCHEME}-${rfc}`;
          idColumn = rfcColumn.index;
          idBound = rfcColumn;
          idShown = rfc;
        }
      } else if (rfcColumn) {
        // The scheme is a grey column made from the RFC whatever the party id: with an id typed by hand, a blank
        // scheme beside the RFC got «Falta este dato» on a column whose note says it is filled in automatically.
        // Read without reporting: the RFC and scheme cells' own problems are reported when their values are written.
        const rfc = cleanCell(row[rfcColumn.index]);
        defaultScheme = rfc !== undefined && !(rfc instanceof CellProblem) && (!schemeColumn || cleanCell(row[schemeColumn.index]) === undefined);
      }
      if (id !== null) {
        // An id drawn from a codelist (a budget line's accounting moment, measured again each quarter) names a
        // kind, not an item: rows of the sheet's own level never merge by it.
        const coded = idCol?.value.codelist !== undefined && depth === sheet.arrays.length;
        const existing = id === undefined || coded ? undefined : docs.child(node, sheet.arrays[depth - 1], id);
        const item = existing ?? docs.createChild(node, sheet.arrays[depth - 1], ownPath, id, here, idColumn);
        if (item && defaultScheme && rfcColumn) schemeFor = item;
        nodes.push(item);
        if (existing && !sheet.flat && idBound) joined = { item: existing, column: idBound, shown: idShown ?? existing.id ?? '', mark: findings.length };
      }
    }

    // Indexed loops here and below: this runs for every cell, and for-of over these lists allocated per step.
    for (let v = 0; v < values.length; v++) {
      const { col, path } = values[v];
      if (schemeFor !== undefined && col === schemeAt) { docs.set(schemeFor, SCHEME, RFC_SCHEME, here, (rfcColumn as BoundColumn).index); schemeFor = undefined; }
      const raw = row[col.index];
      if (raw === null || raw === undefined || raw === '') continue;
      const target = nodes[col.level];
      if (!target) continue;
      writeValue(ctx, row, r, col, target, path, linked ? readLinked(ctx, linked, r, col, raw) : cleanCell(raw), here);
    }
    if (schemeFor !== undefined) docs.set(schemeFor, SCHEME, RFC_SCHEME, here, (rfcColumn as BoundColumn).index);

    // The row's other items (flatten-tool's `tender/items/1/…`): made or found by id, parents first.
    for (let g = 0; g < extras.length; g++) {
      made[g] = undefined;
      const group = extras[g];
      if (!anyValueAt(row, group.scan)) continue;
      const parent = group.parentGroup === undefined ? nodes[group.mainLevel] : made[group.parentGroup];
      if (!parent) continue;
      const id = keyText(ctx, row, r, group.id);
      if (id === null) continue;
      made[g] = (id === undefined ? undefined : docs.child(parent, group.array, id)) ?? docs.createChild(parent, group.array, extraRels[g], id, here, group.id?.index);
      const target = made[g];
      if (!target) continue;
      const groupValues = extraValues[g];
      for (let v = 0; v < groupValues.length; v++) {
        const { col, path } = groupValues[v];
        if (col === group.id) continue;
        const raw = row[col.index];
        if (raw === null || raw === undefined || raw === '') continue;
        writeValue(ctx, row, r, col, target, path, linked ? readLinked(ctx, linked, r, col, raw) : cleanCell(raw), here);
      }
    }
    if (repeated) repeatedKey(ctx, r, rootKey, mark);
    if (joined) repeatedId(ctx, r, joined, depth > 1 ? sheet.levelKeys[depth - 2] : sheet.rootKey, depth > 1 ? nodes[depth - 1]?.id : rootKey);
  }
  if (zeroRows.length) findings.push(finding('sheet.zero-rows', 'info', { count: zeroRows.length, rows: rowList(zeroRows) }, { cell: { sheet: sheet.name, row: zeroRows[0] } }));
}

/** At most this many differing columns are named in `row.repeated-key`; the rest are counted («y 3 más»). */
const NAMED_CLASHES = 5;

/**
 * A root-sheet row repeating the key of an earlier row («Contrataciones», «Proyectos»): its values merge into that
 * process or project (blank beside filled is one row continuing another, fixtures/engine/repeated-parent-merge). When
 * a value differs, it is another process or project typed under a copied key far more often than a correction, and
 * the merge kept the first row's values: warned only, the second row's data went unpublished without anyone noticing.
 * An error then, on the key, naming both rows and the columns that differ, before the clashes (`mark`: where this
 * row's findings start), which stay as warnings on each differing cell. Only the template's sheets: on a flatten-tool
 * sheet rows repeating an ocid are its way to list items, and its merge rule is the Data Review Tool's.
 */
function repeatedKey(ctx: Context, r: number, rootKey: string, mark: number): void {
  const { findings, sheet } = ctx;
  const { columns } = clashedColumns(ctx, mark);
  if (!columns.length) return;
  const first = ctx.docs.rootRow(rootKey);
  // The first row on another sheet: a copy of the root sheet kept in the workbook («Copia de Contrataciones»), whose
  // rows are read too (sheet.copy-of-sheet); «las filas 3 y 3 de la hoja…» named one sheet for both. Which of the two
  // is the copy is not said here: a copy placed before the real sheet (Excel's «Contrataciones (2)») is read first.
  const elsewhere = first !== undefined && first.sheet.name !== sheet.name;
  findings.splice(mark, 0, finding(elsewhere ? 'row.repeated-key-other-sheet' : 'row.repeated-key', 'error', {
    value: safePreview(rootKey),
    column: sheet.rootKey.header,
    sheet: sheet.name,
    row: r + 1,
    firstRow: first?.row ?? '',
    ...(elsewhere ? { firstSheet: first.sheet.name } : {}),
    count: columns.length,
    columns: namedClashes(columns),
  }, { cell: cellRef(ctx, r, sheet.rootKey) }));
}

/**
 * The columns whose values clashed (`cell.conflicting-value`) in the findings from `mark` on, only those of items under
 * `below` (a pointer prefix) when given: each once, as «header» (letter); and, by header, those that are list columns.
 */
function clashedColumns(ctx: Context, mark: number, below?: string): { columns: string[]; lists: string[] } {
  const { findings, sheet } = ctx;
  const columns: string[] = [];
  const lists: string[] = [];
  for (let i = mark; i < findings.length; i++) {
    const f = findings[i];
    if (f.code !== 'cell.conflicting-value' || f.cell?.header === undefined || f.cell.column === undefined) continue;
    if (below !== undefined && !f.pointer?.startsWith(below)) continue;
    const name = `«${f.cell.header}» (${columnLetter(f.cell.column)})`;
    if (columns.includes(name)) continue;
    columns.push(name);
    const at = f.cell.column - 1;
    if (sheet.columns.find((c) => c.index === at)?.value.type === 'list') lists.push(`«${f.cell.header}»`);
  }
  return { columns, lists };
}

/** The clashed columns as a message lists them: the first NAMED_CLASHES, then how many more. */
const namedClashes = (columns: string[]): string =>
  formatList(columns.length > NAMED_CLASHES ? [...columns.slice(0, NAMED_CLASHES), `${columns.length - NAMED_CLASHES} más`] : columns);

/** An item of a child sheet's own level that a row found by its id, already made by an earlier row. */
interface RepeatedItem {
  item: DocNode;
  /** The column the row's id was read from (the id's, or a party's RFC). */
  column: BoundColumn;
  /** The id as typed there. */
  shown: string;
  /** Where the findings of the row's values start. */
  mark: number;
}

/**
 * A child-sheet row repeating the id of an earlier row's item under the same parent (two «Artículos» rows of one
 * process with id 1): OCDS and OC4IDS identify the objects of an array by their `id` (the merge rules join objects
 * with the same id), so the two rows are one item, whose values merge. Blank beside filled, or the same value, is one
 * row continuing the other and stays silent. A value that differs kept the first row's and was only warned: another
 * item typed under a copied id far more often than a correction, whose data went unpublished unnoticed. An error
 * then, as `row.repeated-key` on a root sheet, on the row's id cell, naming both rows, the parent they share and the
 * columns that differ; the clashes stay warnings at their cells. Only the item's own values count: a column of a
 * parent level on the row (an added one) clashing is about that parent, not this id. The same id under another parent
 * (document 1 of two contracts) is another item and never gets here; flatten-tool sheets keep their own merge rule.
 */
function repeatedId(ctx: Context, r: number, joined: RepeatedItem, parentColumn: BoundColumn | undefined, parentKey: string | undefined): void {
  const { findings, sheet, docs } = ctx;
  const { item, column, shown, mark } = joined;
  // Differing list columns (a party's roles typed on two rows, one each): joined, both go in one cell.
  const { columns, lists } = clashedColumns(ctx, mark, `${item.anchor.pointer}/`);
  if (!columns.length) return;
  // The row that made the item: its id's cell. Every item a template sheet finds by id was made with one.
  const first = docs.sourceMap.get(`${item.anchor.pointer}/id`);
  if (!first || first.row === undefined) return;
  const elsewhere = first.sheet !== sheet.name;
  findings.splice(mark, 0, finding(elsewhere ? 'row.repeated-id-other-sheet' : 'row.repeated-id', 'error', {
    value: safePreview(shown),
    column: column.header,
    parent: safePreview(parentKey ?? ''),
    parentColumn: parentColumn?.header ?? '',
    sheet: sheet.name,
    row: r + 1,
    firstRow: first.row,
    ...(elsewhere ? { firstSheet: first.sheet } : {}),
    count: columns.length,
    columns: namedClashes(columns),
    ...(lists.length ? { lists: formatList(lists), listCount: lists.length } : {}),
  }, { cell: cellRef(ctx, r, column), pointer: item.anchor.pointer }));
}

/** How deep a flatten-tool row goes: the deepest level of the sheet's own items where it has a value. */
function flatReach(row: CellValue[], columns: BoundColumn[], depth: number): number {
  let reach = 0;
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (c.level > reach && !isBlankCell(row[c.index])) { reach = c.level; if (reach === depth) break; }
  }
  return reach;
}

/**
 * A row holding the columns' paths (`ocid`, `contracts/0/id`…): the template's row 2, moved among the data. Excel's
 * «Ordenar» takes only row 1 as the header, so sorting a sheet put its paths row at the bottom, and every cell of it
 * was refused as a value («tender/status» no es una opción de la lista…), two dozen errors about a row nobody typed.
 * Asked only of a row whose key cell reads `ocid` / `id` (the caller's cheap test): at least one other column holds its
 * own path too.
 */
function isPathsRow(row: CellValue[], columns: readonly BoundColumn[], key: BoundColumn): boolean {
  for (const col of columns) {
    if (col === key) continue;
    const v = row[col.index];
    if (typeof v === 'string' && v.trim().replace(/\/\d+(?=\/|$)/g, '') === col.field) return true;
  }
  return false;
}

/** Whether the row shows the sheet's titles: its key cell and one more cell are titles of the sheet. */
function isTitlesRow(row: CellValue[], columns: readonly BoundColumn[], titles: ReadonlySet<string>): boolean {
  let n = 0;
  for (const col of columns) {
    const v = row[col.index];
    if (typeof v === 'string' && titles.has(normalizeLabel(v)) && ++n >= 2) return true;
  }
  return false;
}

/** Whether the row has a value in one of `columns` (a plain loop: it runs for every row, often several times). */
function anyValue(row: CellValue[], columns: readonly BoundColumn[]): boolean {
  for (let i = 0; i < columns.length; i++) if (!isBlankCell(row[columns[i].index])) return true;
  return false;
}

/** A template child row not read for want of its parent: its own item's id is remembered (DocumentSet.dropItem). */
function dropOwnItem(ctx: Context, row: CellValue[], r: number): void {
  const { sheet } = ctx;
  const depth = sheet.arrays.length;
  const col = depth > 0 && !sheet.flat ? sheet.levelKeys[depth - 1] : undefined;
  if (!col) return;
  const id = cleanCell(row[col.index]);
  const root = cleanCell(row[sheet.rootKey.index]);
  const rootKey = typeof root === 'string' || typeof root === 'number' ? String(root) : undefined;
  if (typeof id === 'string' || typeof id === 'number') ctx.docs.dropItem(sheet.arrays[depth - 1], String(id), { sheet: sheet.name, row: r + 1, rootKey });
}

/**
 * A row pasted one column to the right (its key cell blank, and the cell right of it holding an OCID or project id):
 * `{ shifted: 1 }`, for the message to say so. «Le falta la clave» named a column the official had filled, one off.
 */
function shiftedRight(row: CellValue[], sheet: BoundSheet): { shifted?: number } {
  const next = row[sheet.rootKey.index + 1];
  const prefix = sheet.standard === 'ocds' ? 'ocds-' : 'oc4ids-';
  return typeof next === 'string' && next.trim().toLowerCase().startsWith(prefix) ? { shifted: 1 } : {};
}

/**
 * Where a row without its key has data (`row.missing-key`): the first value of its other columns, by letter and title.
 * «Esta fila tiene datos» pointed at an empty key cell of a row the official never filled: a formula copied down the
 * sheet (`=M5*1.16`, 0 on every blank row) made dozens of them, and the value was in no cell the message named.
 */
function rowData(row: CellValue[], columns: readonly BoundColumn[], sheet: BoundSheet): { dataColumn: string; dataHeader: string; dataValue: string } | Record<string, never> {
  // The keys it has (the OCID of a child row) are not what makes it a row with data to publish.
  const keys = new Set([sheet.rootKey, ...sheet.levelKeys]);
  for (const col of columns) {
    const v = row[col.index];
    if (keys.has(col) || isBlankCell(v)) continue;
    const clean = cleanCell(v);
    const shown = clean instanceof CellProblem || clean === undefined ? safePreview(v) : shownValue(clean instanceof Date ? sheetDateText(clean) : clean);
    return { dataColumn: columnLetter(col.index + 1), dataHeader: col.header, dataValue: shown };
  }
  return {};
}

/** Whether the row has a value at one of the column indexes `at`. */
function anyValueAt(row: CellValue[], at: readonly number[]): boolean {
  for (let i = 0; i < at.length; i++) if (!isBlankCell(row[at[i]])) return true;
  return false;
}

/** One cell's value written into its item: cleaned, parsed, conflicts with an earlier cell reported. */
function writeValue(ctx: Context, row: CellValue[], r: number, col: BoundColumn, target: DocNode, path: RelPath, clean: ReturnType<typeof cleanCell>, here: SourceRow): void {
  const { findings } = ctx;
  if (clean instanceof CellProblem) {
    findings.push(finding(clean.code, clean.severity, clean.params, { cell: cellRef(ctx, r, col), pointer: `${target.anchor.pointer}/${path.pointer}` }));
    return;
  }
  if (clean === undefined) return;
  let value: unknown = plainValue(clean, col.value);
  if (value === NEEDS_PARSING) {
    let parsed = parseValue(clean, col.value, ctx.zone, ctx.date1904);
    if (parsed.currency !== undefined) parsed = currencyInAmount(ctx, row, col, parsed, parsed.currency);
    if (parsed.problem) findings.push(finding(parsed.problem.code, parsed.problem.severity, parsed.problem.params, { cell: cellRef(ctx, r, col), pointer: `${target.anchor.pointer}/${path.pointer}` }));
    value = parsed.value;
  }
  if (value === undefined) return;
  const outcome = ctx.docs.set(target, path, value, here, col.index);
  if (outcome.kind === 'conflict') {
    const cell = cellRef(ctx, r, col);
    findings.push(finding('cell.conflicting-value', 'warning', {
      value: shownValue(value, col.value),
      firstValue: shownValue(outcome.firstValue, col.value),
      firstCell: describe(outcome.first),
    }, { cell, pointer: outcome.pointer }));
  }
}

/** The column of an amount's currency in its row (`…/value/amount` → `…/value/currency`, the same item's); undefined when the sheet has none. */
function currencyColumn(sheet: BoundSheet, amount: BoundColumn): BoundColumn | undefined {
  const field = currencyPathOf(amount.field);
  const same = (c: BoundColumn): boolean => c.field === field && c.indexes.join('/') === amount.indexes.join('/');
  return sheet.columns.find(same) ?? sheet.extras.flatMap((g) => g.columns).find(same);
}

/**
 * An amount whose cell writes its currency («USD 1,234.50», «1,234.50 MXN»), against the row's currency column,
 * which is what is published: the same currency is read (its note names the column); another one, or a currency other
 * than pesos beside a blank currency (an amount without one is published in MXN), is refused at the amount's cell
 * naming both, since which one is right only the official knows (`cell.currency-mismatch`,
 * `cell.currency-not-in-column`). Only cells that write a currency get here.
 */
function currencyInAmount(ctx: Context, row: CellValue[], col: BoundColumn, parsed: Parsed, currency: string): Parsed {
  const column = currencyColumn(ctx.sheet, col);
  const typed = column ? cleanCell(row[column.index]) : undefined;
  let rowCurrency: string | undefined;
  if (column && typed !== undefined && !(typed instanceof CellProblem)) {
    const read = parseValue(typed, column.value, ctx.zone, ctx.date1904).value;
    rowCurrency = typeof read === 'string' ? read : safePreview(typed);
  }
  const value = String(parsed.problem?.params.value ?? '');
  const amount = parsed.value as number;
  if (rowCurrency === currency || (rowCurrency === undefined && currency === DEFAULT_CURRENCY)) {
    const note = parsed.problem;
    return column && note?.code === 'cell.currency-read' ? { ...parsed, problem: new CellProblem(note.code, { ...note.params, column: column.header }, note.severity) } : parsed;
  }
  if (rowCurrency !== undefined && column) return { problem: new CellProblem('cell.currency-mismatch', { value, currency, column: column.header, rowCurrency, number: formatNumber(amount, ownDecimals(amount, 2)) }) };
  return { problem: new CellProblem('cell.currency-not-in-column', { value, currency, number: formatNumber(amount, ownDecimals(amount, 2)), ...(column ? { column: column.header } : { noColumn: true }) }) };
}

