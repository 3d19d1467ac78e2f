/** Renders findings as plain Spanish for the sidebar, the CLI and API errors. */
import { columnLetter } from '../workbook/model';
import type { CellRef, Finding } from '../findings/finding';
import { catalogue } from './catalogue';
import { inReadingOrder } from '../findings/reading-order';
import { formatAmount, formatCount, formatDateTime, formatFigure } from '../format/es-mx';
import { closeBidi } from '../format/bidi-closed';

/**
 * A template's words for where the finding was found: `[[in a sheet||in a JSON document]]` (either side may be empty;
 * `[[in a sheet]]` says nothing elsewhere). One catalogue serves the sidebar, the CLI's workbook reports and its
 * `validate paquete.json`, where «la columna indicada» or «la lista desplegable» point at nothing.
 */
export function chooseContext(template: string, inSheet: boolean): string {
  if (template.indexOf('[[') < 0) return template;
  return template.replace(/\[\[(.*?)(?:\|\|(.*?))?\]\]/g, (_whole, sheet: string, document?: string) => (inSheet ? sheet : (document ?? '')));
}

/**
 * Fills a catalogue template: `{name}` is the parameter; for a count, `{name:one|many}` is the number (es-MX) with
 * the words that agree with it («1 valor», «3 valores») and `{name?one|many}` the words alone («Se omitió»).
 * `{name!n}` writes an amount as es-MX does (91,168,415.75) and `{name!f}` a date (31/07/2024): findings carry the
 * values themselves, and people read them in their own formats; `{name!m}` writes an amount in the finding's
 * `currency` ($91,168,415.75 for pesos). `{name?}` is the value, or nothing when the finding
 * has no such parameter. `{field!c}` names where a field is typed: its column and sheet when the finding carries
 * them (`column`, `sheet`), its path below its sheet's items (`part`, `sheet`) or its whole path otherwise
 * (fieldPlace). `{url!l}` is an address a file links to, and how the file writes it when that differs (`written`: a
 * relative address, resolved): what the official finds there. `{{name|words}}` are words said only when the finding
 * has `name` (and it is not 0 or empty), their own placeholders filled as the rest: a sentence some findings of a code
 * need and others do not, kept in the catalogue rather than written by the check.
 */
export function renderTemplate(template: string, params: Finding['params']): string {
  const kept = template.replace(/\{\{(\w+)\|((?:[^{}]|\{[^{}]*\})*)\}\}/g, (_whole, name: string, words: string) => {
    const value = params[name];
    return value === undefined || value === 0 || value === '' ? '' : words;
  });
  // Each value closes what bidirectional controls it opens (core/format/bidi-closed.ts): a title typed «\u202E…» showed
  // the rest of the message — its row, the process it names — in reverse.
  return kept.replace(/\{(\w+)(?:!([nfmcl])|([:?])([^|{}]*)\|([^{}]*)|(\?))?\}/g, (whole: string, name: string, format?: string, form?: string, one?: string, many?: string, optional?: string) =>
    closeBidi(filled(params, { whole, name, format, form, one, many, optional })));
}

/** One placeholder of renderTemplate, filled: its parts as the pattern matched them. */
interface Placeholder { whole: string; name: string; format?: string; form?: string; one?: string; many?: string; optional?: string }

function filled(params: Finding['params'], { whole, name, format, form, one, many, optional }: Placeholder): string {
  // `{name?}`: a parameter findings may lack (kept before it was given): nothing then.
  if (optional) return name in params ? String(params[name]) : '';
  if (!(name in params)) return whole;
  const value = params[name];
  if (format === 'm') return money(value, params.currency);
  if (format === 'c') return fieldPlace(params);
  if (format === 'l') return params.written === undefined ? String(value) : `${String(value)} («${String(params.written)}» en el archivo)`;
  if (format === 'n') return typeof value === 'number' && Number.isFinite(value) ? formatFigure(value) : String(value);
  if (format === 'f') return typeof value === 'string' ? formatDateTime(value) : String(value);
  if (!form) return String(value);
  const n = Number(value);
  return form === ':' ? formatCount(n, one as string, many as string) : n === 1 ? (one as string) : (many as string);
}

/**
 * «la columna «Monto» de la hoja «Adjudicaciones»» where the template has a column for the finding's `field` (and
 * the finding names it); where it has none, the rest of its path after the sheet of its items (`part`,
 * core/template/sheet-of-field), «itemAmount/amount» (hoja «Artículos adjudicados»): an official reads the workbook
 * by sheet and column, and a JSON path only for what no column holds, as short as the sheet lets it be. The whole path,
 * «awards/items/itemAmount/amount», only when the finding knows no sheet.
 */
export function fieldPlace(params: Finding['params']): string {
  const { sheet, column, part, field } = params;
  if (typeof sheet === 'string' && typeof column === 'string') return `la columna «${column}» de la hoja «${sheet}»`;
  if (typeof sheet === 'string' && typeof part === 'string') return `«${part}» (hoja «${sheet}»)`;
  return `«${String(field)}»`;
}

/**
 * `{x!m}`: an amount in the finding's `currency`, as Mexico writes money, always with cents: $91,168,415.75 and
 * $1,600,000.00 for pesos (as the dashboard and the packages' readers show them; «$1,600,000» beside «$917,214.32»
 * read as two formats), $1,250.50 USD in another currency — formatMoney's one rule, the dashboard's and the change
 * preview's: «1,250.50 USD» here beside «$1,250.50 USD» there read as two formats. No currency: the figure as typed
 * (a «$» would say pesos, which the finding does not know). A finding quotes the value itself, so with every decimal
 * it has past the cents (formatAmount: a unit price of $27,317.8168, an amount of $1.234), not rounded to them.
 */
function money(value: Finding['params'][string], currency: Finding['params'][string]): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  if (currency === undefined || currency === '') return formatFigure(value);
  return formatAmount(value, String(currency));
}

/** The A1 reference of a cell (`C5`), the row alone (`fila 5`), or '' for a whole sheet. */
export function renderA1(cell: CellRef | undefined): string {
  if (!cell || cell.row === undefined) return '';
  return cell.column !== undefined ? `${columnLetter(cell.column)}${cell.row}` : `fila ${cell.row}`;
}

/** «Hoja "Contratos", fila 5, columna C (Monto del contrato)». */
export function renderCell(cell: CellRef | undefined): string {
  if (!cell) return 'Libro completo';
  const parts = [`Hoja «${closeBidi(cell.sheet)}»`];
  if (cell.row !== undefined) parts.push(`fila ${cell.row}`);
  if (cell.column !== undefined) parts.push(`columna ${columnLetter(cell.column)}${cell.header ? ` (${closeBidi(cell.header)})` : ''}`);
  // A field whose column the sheet lacks (cell-locator.ts): named, so that the person knows which column to add.
  else if (cell.header) parts.push(`columna «${closeBidi(cell.header)}» (no está en la hoja)`);
  return parts.join(', ');
}

/** The finding's message; its sheet words (`[[…]]`) only when it points into a sheet. */
export function renderMessage(f: Finding): string {
  const template = catalogue()[f.code];
  return template ? renderTemplate(chooseContext(template, f.cell !== undefined), f.params) : `Aviso ${f.code}`;
}

export const SEVERITY_ES = { error: 'Error', warning: 'Advertencia', info: 'Aviso' } as const;

export function renderFinding(f: Finding): string {
  return `${SEVERITY_ES[f.severity]} — ${renderCell(f.cell)}: ${renderMessage(f)}`;
}

/**
 * A report for people: findings grouped by sheet (in order of appearance), each line led by its A1 reference and
 * column title, sheets ordered by row then column. Findings about the whole workbook come first.
 */
/**
 * `sheetOrder`: the workbook's sheets in their tab order, the order the report follows (sheets it does not name, after
 * them, in the order of their first finding): in the order the checks run, «Actores» came before «Contrataciones».
 */
/**
 * A message as one line of a text report: a value typed with line breaks (Alt+Enter in Excel, quoted in a message)
 * broke the report's line there, and the rest read as a line of its own without its cell or severity. Each run of
 * breaks is shown « / », as the note on list cells separated by line breaks shows them (cell.list-separator).
 */
export function oneLine(text: string): string {
  return /[\r\n\u2028\u2029]/.test(text) ? text.replace(/[ \t]*(?:(?:\r\n?|\n|\u2028|\u2029)[ \t]*)+/g, ' / ') : text;
}

export function renderReport(findings: readonly Finding[], all: readonly Finding[] = findings, sheetOrder: readonly string[] = []): string[] {
  // Each sheet's heading counts all of its findings (`all`), not only the ones listed under it.
  const totals = new Map<string, { errors: number; warnings: number }>();
  for (const f of all) {
    const key = f.cell?.sheet ?? '';
    const t = totals.get(key) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') t.errors++;
    else if (f.severity === 'warning') t.warnings++;
    totals.set(key, t);
  }
  const groups = new Map<string, Finding[]>();
  // Sorted first: the groups then come in the workbook's tab order, each by row and column.
  for (const f of inReadingOrder(findings, sheetOrder)) {
    const key = f.cell?.sheet ?? '';
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const lines: string[] = [];
  for (const [key, list] of groups) {
    const { errors, warnings } = totals.get(key) ?? { errors: 0, warnings: 0 };
    lines.push(`${key ? `Hoja «${oneLine(key)}»` : 'Libro completo'} — ${formatCount(errors, 'error', 'errores')}, ${formatCount(warnings, 'advertencia', 'advertencias')}`);
    for (const f of list) {
      const where = renderA1(f.cell);
      // A field whose column the sheet lacks (deleted): «fila 3 (Estado de la adjudicación): … Escríbalo en la columna
      // indicada» sent the official to look for a column that was not there. Said as renderCell says it.
      const missing = f.cell?.header && f.cell.column === undefined && f.cell.row !== undefined;
      const header = f.cell?.header ? (missing ? `, columna «${f.cell.header}» (no está en la hoja)` : ` (${f.cell.header})`) : '';
      lines.push(oneLine(`  ${where ? `${where}${header}: ` : header ? `${header.trim()}: ` : ''}${SEVERITY_ES[f.severity]} — ${renderMessage(f)}`));
    }
  }
  return lines;
}
