/**
 * Upgrades that make an imported document read back from the template exactly as it is here, each counted per
 * field so the official is told (one info finding per kind and field, with the number of values):
 * - texts with spaces or invisible characters at their ends are trimmed, and empty texts removed (`import.trimmed`,
 *   `import.empty-removed`) — a cell cannot keep them;
 * - Windows line breaks (CR LF) inside texts become LF (`import.line-breaks`) — an .xlsx file cannot keep the CR;
 * - dates without a UTC offset, or without a time, get the offset of Mexico City's midnight/time (`import.date-offset`)
 *   — OCDS requires date-times with offset (RFC 3339), and it is what the converter does with such a cell;
 * - a party's RFC scheme written «RFC» becomes MX-RFC, EDCA-MX's code for it (`import.scheme-rfc`);
 * - codes written in another case or as a Spanish title become the code (`import.code-normalized`); a code outside a
 *   closed list is kept in its cell and counted (`import.code-not-in-list`, warning: converting asks to fix it); two
 *   items of a list that became the same code are written once (`import.repeat-removed`);
 * - numbers in a text column (budget line levels, which the schema takes as text or integer) become text
 *   (`import.number-as-text`);
 * - a four-digit postal code of an address in Mexico gets back its leading zero (`import.postal-code-zero`,
 *   postal-code-zero.ts);
 * - parties repeated with the same id are joined, roles united (`import.parties-merged`; values that differ in the
 *   repeat cannot be kept and are listed per party, each with its column and the value kept, warning);
 * - items of lists that other sheets hang from (budget lines, breakdowns…) get an id when they have none
 *   (`import.id-added`): their rows are linked by it;
 * - U+FFFE and U+FFFF are dropped (`import.noncharacters`) and a text over 32,767 characters is cut (`import.text-cut`,
 *   warning) — an .xlsx cannot hold them (core/format/excel-text.ts).
 */
import { encodeUnsafeInAddress, unsafeInAddress } from '../validate/address-characters';
import { budgetLineKey } from '../checks/budget-line-id';
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';
import { PROFILES } from '../profile/profiles';
import type { Standard } from '../profile/types';
import type { ColumnSpec, TemplateSpec } from '../template/spec';
import { columnOfField } from '../template/column-of-field';
import { sheetOfField } from '../template/sheet-of-field';
import { cleanText } from '../unflatten/clean-cell';
import { needsOneLine, oneLine } from '../unflatten/text-spacing';
import { excelText } from '../format/excel-text';
import { lookupCode, parseDate } from '../unflatten/parse-value';
import { RFC_SCHEME } from '../unflatten/read-rows';
import { isRfcSchemeSpelling } from '../checks/rfc';
import { DEFAULT_TIME_ZONE } from '../unflatten/time-zone';
import { fieldOf } from './template-coverage';
import { restoredPostalCode } from './postal-code-zero';

type Obj = Record<string, unknown>;

/** Counts per finding code and field, turned into findings at the end. */
export class UpgradeTally {
  private readonly counts = new Map<string, { code: string; severity: 'info' | 'warning'; field: string; count: number; shown?: Record<string, string> }>();
  private readonly notes: { code: string; severity: 'info' | 'warning'; params: Record<string, string | number> }[] = [];
  /** A note about one item, said on its own (not counted with others of its kind): what was lost, and where. */
  note(code: string, severity: 'info' | 'warning', params: Record<string, string | number>): void {
    this.notes.push({ code, severity, params });
  }
  /** `shown`: what the note quotes of a value counted (an example): the first one counted's. */
  add(code: string, field: string, severity: 'info' | 'warning' = 'info', n = 1, shown?: Record<string, string>): void {
    const key = `${code}\u0000${field}`;
    const entry = this.counts.get(key) ?? { code, severity, field, count: 0, ...(shown ? { shown } : {}) };
    entry.count += n;
    this.counts.set(key, entry);
  }
  findings(file: string): Finding[] {
    return [...[...this.counts.values()].map((e) => finding(e.code, e.severity, { ...e.shown, count: e.count, field: e.field, file })),
      ...this.notes.map((n) => finding(n.code, n.severity, { ...n.params, file }))];
  }
}

function columnsByField(spec: TemplateSpec, standard: Standard): Map<string, ColumnSpec> {
  const out = new Map<string, ColumnSpec>();
  for (const sheet of spec.sheets) if (sheet.standard === standard) for (const c of sheet.columns) if (!out.has(c.field) || !c.key) out.set(c.field, c);
  return out;
}

/** Texts, dates and codes of one document, in place. */
function upgradeValues(doc: Obj, standard: Standard, columns: Map<string, ColumnSpec>, tally: UpgradeTally): void {
  const fields = PROFILES[standard].fields;
  const fix = (holder: Obj | unknown[], key: string | number, path: string[]): boolean => {
    const v = (holder as Record<string | number, unknown>)[key];
    if (Array.isArray(v) || isObject(v)) {
      walk(v, path);
      return true;
    }
    const field = fieldOf(path);
    if (typeof v === 'number' && columns.get(field)?.type === 'string' && fields[field]?.types.includes('string')) {
      // A text column reads every cell as text: 1 comes back "1" (both valid where the schema takes either).
      tally.add('import.number-as-text', field);
      (holder as Record<string | number, unknown>)[key] = withPostalZero(holder, key, String(v), field);
      return true;
    }
    if (typeof v !== 'string') return true;
    // A Windows line break (CR LF, or a lone CR) comes back from an .xlsx as LF: XML reads CR LF as LF. Written as LF
    // here, and said, so the text the workbook publishes is the one the official was told about.
    const lines = v.includes('\r') ? v.replace(/\r\n?/g, '\n') : v;
    if (lines !== v) tally.add('import.line-breaks', field);
    let text = cleanText(lines);
    if (text === '') { tally.add('import.empty-removed', field); return false; }
    if (text !== lines) tally.add('import.trimmed', field);
    // A title or name with doubled spaces or line breaks: the workbook publishes it on one line (text-spacing.ts), so
    // it is written so here and said, as the text the official will publish («CH. INGENIERIA Y PROYECTOS  S.A.»).
    if (fields[field]?.singleLine && needsOneLine(text)) { text = oneLine(text); tally.add('import.one-line', field); }
    if (fields[field]?.format === 'date-time') {
      // Year 0001 (or any before 1900) is how the capture tool wrote «no date»: as a date it failed every order check
      // («la fecha de modificación (01/01/0001) es anterior…»), 30 errors on a Nuevo León file the official never typed.
      if (/^0\d{3}-|^1[0-8]\d{2}-/.test(text)) { tally.add('import.placeholder-date', field, 'warning'); return false; }
      const date = parseDate(text, DEFAULT_TIME_ZONE);
      if (date !== undefined && date !== text) { tally.add('import.date-offset', field); text = date; }
    }
    if (fields[field]?.format === 'uri' && unsafeInAddress(text).length) {
      // Spaces and accents in published links (file names typed by hand): written as a browser sends them
      // (RFC 3986 percent-encoding), the same address, which the schema's `uri` format then accepts.
      tally.add('import.url-encoded', field);
      text = encodeUnsafeInAddress(text);
    }
    if (field === 'parties/identifier/scheme' && text !== RFC_SCHEME && isRfcSchemeSpelling(text)) {
      // Nuevo León publishes its parties' RFC under scheme «RFC»: every one of them was then warned that parties are
      // identified by their RFC (party.schemeNotRfc), and its RFC went unchecked. The party's id is left as published
      // («RFC-CUR950920ER0»): it names the party in every release already published, and the references to it.
      tally.add('import.scheme-rfc', field);
      text = RFC_SCHEME;
    }
    const column = columns.get(field);
    if (column?.options?.length) {
      const code = lookupCode(text, column.options, column.codelist);
      if (code !== undefined && code !== text) { tally.add('import.code-normalized', field); text = code; }
      else if (code === undefined && column.openCodelist !== true) tally.add('import.code-not-in-list', field, 'warning');
    }
    // An .xlsx holds no U+FFFE or U+FFFF, and an Excel cell no more than 32,767 characters: either made Excel call the
    // whole workbook damaged (core/format/excel-text.ts). Written as a cell holds it, and said.
    const fit = excelText(text);
    if (fit.cut) tally.add('import.text-cut', field, 'warning');
    else if (fit.text !== text) tally.add('import.noncharacters', field);
    text = withPostalZero(holder, key, fit.text, field);
    (holder as Record<string | number, unknown>)[key] = text;
    return true;
  };
  // A postal code of an address in Mexico that lost its leading zero (postal-code-zero.ts), with it back and said.
  const withPostalZero = (holder: Obj | unknown[], key: string | number, text: string, field: string): string => {
    const restored = key === 'postalCode' && isObject(holder) ? restoredPostalCode(holder, text) : undefined;
    if (restored === undefined) return text;
    tally.add('import.postal-code-zero', field, 'info', 1, { example: text });
    return restored;
  };
  const walk = (node: Obj | unknown[], path: string[]): void => {
    if (Array.isArray(node)) {
      // What each item was as published, beside it, to tell a repeat the import made from one the file had.
      const published = node.slice();
      for (let i = node.length - 1; i >= 0; i--) if (!fix(node, i, [...path, String(i)])) { node.splice(i, 1); published.splice(i, 1); }
      dropRepeatsMade(node, published, fieldOf([...path, '0']), tally);
    } else {
      for (const k of Object.keys(node)) if (!fix(node, k, [...path, k])) delete node[k];
    }
  };
  walk(doc, []);
}

/**
 * Items of a list that the import wrote as the same code though they were published as different texts: sectors
 * `sports` and `cultureSportsAndRecreation` (0.9.5 folds the first into the second), a code and its Spanish title. The
 * cell then held the code twice, and validation called it a repeat the official never typed; it is written once and
 * said (`import.repeat-removed`). A text the file itself repeated stays twice: that repeat was published so, and
 * validation says where.
 */
function dropRepeatsMade(items: unknown[], published: unknown[], field: string, tally: UpgradeTally): void {
  const firstPublished = new Map<string, unknown>();
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (typeof v !== 'string') continue;
    if (!firstPublished.has(v)) { firstPublished.set(v, published[i]); continue; }
    if (firstPublished.get(v) === published[i]) continue;
    items.splice(i, 1);
    published.splice(i, 1);
    i--;
    tally.add('import.repeat-removed', field);
  }
}

/** A value that differed in a repeated party: where (its path under the party), the one kept and the one left out. */
interface LostValue { path: string; kept: unknown; dropped: unknown }

/** Leaves of `from` that `into` lacks are copied; differing ones are returned (they cannot both be kept). */
function mergeInto(into: Obj, from: Obj, path = ''): LostValue[] {
  const lost: LostValue[] = [];
  for (const [k, v] of Object.entries(from)) {
    const mine = into[k];
    if (mine === undefined) into[k] = v;
    else if (k === 'roles' && Array.isArray(mine) && Array.isArray(v)) for (const r of v) { if (!mine.includes(r)) mine.push(r); }
    else if (isObject(mine) && isObject(v)) lost.push(...mergeInto(mine, v, `${path}${k}/`));
    else if (JSON.stringify(mine) !== JSON.stringify(v)) lost.push({ path: `${path}${k}`, kept: mine, dropped: v });
  }
  return lost;
}

/** A value as the report quotes it: a text as it is, anything else as JSON. */
const quoted = (v: unknown): string => `«${typeof v === 'string' ? v : JSON.stringify(v)}»`;

/**
 * Repeated parties joined. What a repeat said otherwise is lost, and said party by party, each value with the column
 * it would have gone to and the value kept: Nuevo León's project lists its Secretaría de Infraestructura twice, once
 * at «Washigton» 64000 and once at «Washington» 64010, and «se omitieron 3 datos» did not say which to check.
 */
function mergeParties(doc: Obj, tally: UpgradeTally, columnOf: (field: string) => { text: string; column: boolean }): void {
  if (!Array.isArray(doc.parties)) return;
  const byId = new Map<string, Obj>();
  const lostBy = new Map<string, LostValue[]>();
  const kept: unknown[] = [];
  for (const party of doc.parties) {
    const id = isObject(party) && typeof party.id === 'string' ? party.id : undefined;
    const first = id === undefined ? undefined : byId.get(id);
    if (!first) { if (id !== undefined) byId.set(id, party as Obj); kept.push(party); continue; }
    tally.add('import.parties-merged', 'parties');
    const lost = mergeInto(first, party as Obj);
    if (lost.length) lostBy.set(id as string, [...(lostBy.get(id as string) ?? []), ...lost]);
  }
  for (const [id, lost] of lostBy) {
    const party = byId.get(id) as Obj;
    const name = typeof party.name === 'string' && party.name ? `${party.name} (${id})` : id;
    // A value with a column can be written there; one without («identifier/schemeUrl») cannot be written anywhere — it
    // was told «escríbalo en su celda» all the same — and the value kept goes too (import.dropped): said apart.
    const places = lost.map((l) => ({ ...l, place: columnOf(`parties/${l.path}`) }));
    for (const [code, group] of [['import.party-values-lost', places.filter((l) => l.place.column)], ['import.party-values-lost-no-column', places.filter((l) => !l.place.column)]] as const) {
      if (!group.length) continue;
      const values = group.map((l) => `${l.place.text} ${quoted(l.dropped)} (quedó ${quoted(l.kept)})`).join('; ');
      tally.note(code, 'warning', { count: group.length, party: name, values });
    }
  }
  doc.parties = kept;
}

/** Arrays whose items' ids link the rows of other sheets (a key column `…/id` of a child sheet). */
function keyedArrays(spec: TemplateSpec, standard: Standard): Set<string> {
  const out = new Set<string>();
  for (const sheet of spec.sheets) {
    if (sheet.standard !== standard) continue;
    for (const c of sheet.columns) if (c.key && c.field.endsWith('/id')) out.add(c.field.slice(0, -3));
  }
  return out;
}

function addIds(node: unknown, path: string[], keyed: Set<string>, tally: UpgradeTally): void {
  if (Array.isArray(node)) {
    const field = fieldOf(path);
    if (keyed.has(field)) {
      const used = new Set(node.map((item) => (isObject(item) ? item.id : undefined)));
      let next = 1;
      for (const item of node) {
        if (!isObject(item) || (item.id !== undefined && item.id !== null && item.id !== '')) continue;
        // A budget line's id is its clave presupuestaria, its components' codes joined (budget lines extension;
        // core/checks/budget-line-id): «1» was then warned as not matching them.
        const key = field.endsWith('budgetLines') ? budgetLineKey(item.components) : '';
        if (key && !used.has(key)) {
          item.id = key;
          used.add(key);
          tally.add('import.id-added', `${field}/id`);
          continue;
        }
        while (used.has(String(next))) next++;
        item.id = String(next);
        used.add(item.id);
        tally.add('import.id-added', `${field}/id`);
      }
    }
    node.forEach((item, i) => addIds(item, [...path, String(i)], keyed, tally));
  } else if (isObject(node)) for (const [k, v] of Object.entries(node)) addIds(v, [...path, k], keyed, tally);
}

export function upgradeForTemplate(doc: Obj, standard: Standard, spec: TemplateSpec, tally: UpgradeTally): void {
  upgradeValues(doc, standard, columnsByField(spec, standard), tally);
  // A party's field as the official finds it, «Calle y número» of «Actores del proyecto»; without a column, its path
  // below the parties' sheet, «identifier/schemeUrl» (hoja «Actores»).
  const columnOf = (field: string): { text: string; column: boolean } => {
    const place = columnOfField(spec, standard, field);
    if (place) return { text: `«${place.column}» (hoja «${place.sheet}»)`, column: true };
    const sheet = sheetOfField(spec, standard, field);
    return { text: sheet ? `«${sheet.part}» (hoja «${sheet.sheet}»)` : `«${field}»`, column: false };
  };
  mergeParties(doc, tally, columnOf);
  addIds(doc, [], keyedArrays(spec, standard), tally);
}
