/**
 * Groups findings by sheet and field for the sidebar (lib-cove style: one heading per field with its cells),
 * capped so a 20,000-row sheet full of errors still fits through `google.script.run`.
 */
import type { Finding } from '../../../core/findings/finding';
import { inReadingOrder } from '../../../core/findings/reading-order';
import { renderMessage } from '../../../core/messages/render';
import { columnLetter } from '../../../core/workbook/model';
import { bareTitle } from '../../../core/template/layout';
import { templateSpec } from '../../../core/template/template-spec';
import type { FieldGroup, FindingItem, SheetGroup } from '../rpc-types';

export const ITEMS_PER_FIELD = 25;
const WORKBOOK = 'Libro completo';
const WHOLE_SHEET = 'Toda la hoja';
/** The heading of findings about the whole workbook (the spreadsheet's locale): «Toda la hoja» named a sheet it is not. */
const GENERAL = 'General';

/**
 * What to do about a field whose column the sheet lacks (deleted, or never added: cell-locator.ts names it by its
 * title): the finding points at the row, and «la columna indicada» at nothing the official can see. The key for
 * row 2 is the template's, from the sheet of that name (a renamed sheet: the first with that title).
 */
function missingColumnText(sheet: string, header: string): string {
  const title = bareTitle(header);
  const sheets = templateSpec().sheets;
  const home = sheets.find((s) => s.name === sheet)?.columns.find((c) => c.title === title)
    ?? sheets.flatMap((s) => s.columns).find((c) => c.title === title);
  const key = home ? ` y «${home.path}» en la fila 2` : '';
  return `La columna «${title}» no está en la hoja «${sheet}»: agréguela de nuevo, con su título en la fila 1${key} (o cópiela de una plantilla nueva), y escriba el dato en esta fila.`;
}

/**
 * The CoST IDS points a project lacks, as a list under a short heading: in one paragraph (a project in execution lacks
 * twenty, ~2,500 characters joined by «·»), a few projects filled the 300 px panel for screens and the official could
 * not tell where one project's points ended nor which to add first.
 */
function listed(f: Finding): { message: string; points: string[] } | undefined {
  if (f.code !== 'project.costIdsMissing' || typeof f.params.points !== 'string' || !f.cell) return undefined;
  const points = f.params.points.split(' · ').filter((p) => p !== '');
  return points.length ? { message: renderMessage({ ...f, code: 'project.costIdsMissing.heading' }), points } : undefined;
}

function item(f: Finding): FindingItem {
  const c = f.cell;
  const row = c?.row ?? null;
  const column = c?.column ?? null;
  const a1 = c && row !== null && column !== null ? `${c.sheet}!${columnLetter(column)}${row}` : null;
  const list = listed(f);
  const message = list ? list.message : c && row !== null && column === null && c.header ? `${renderMessage(f)} ${missingColumnText(c.sheet, c.header)}` : renderMessage(f);
  return { severity: f.severity, message, a1, row, column, ...(column !== null && c?.header ? { header: c.header } : {}), ...(list ? { points: list.points } : {}) };
}

/**
 * A column's findings (in reading order) as the sidebar lists them: a message repeated down the column once, with the
 * count of the other cells (alsoIn), in pages of ITEMS_PER_FIELD lines. The lines are chosen errors first (they stop
 * the sending), then warnings, then notices, as the CLI chooses what it prints — and each page is listed in reading
 * order, each line where the official meets it going down the sheet. Chosen in reading order alone, 25 warnings of
 * the first rows hid an error of row 40 behind «y 1 aviso más». The first page goes to the sidebar with the report;
 * the others (`later`) are kept for «Ver N más» (later-findings.ts), which lists them under it in the same order.
 */
function fieldGroup(field: string, findings: readonly Finding[]): { group: FieldGroup; later: FindingItem[][] } {
  const group: FieldGroup = { field, errors: 0, warnings: 0, items: [], more: 0, moreErrors: 0, moreWarnings: 0 };
  const lines: { at: number; line: FindingItem }[] = [];
  /** Per severity and message, its first line: a repeated message is counted on it. */
  const seen = new Map<string, FindingItem>();
  for (const severity of ['error', 'warning', 'info'] as const) {
    findings.forEach((f, at) => {
      if (f.severity !== severity) return;
      if (severity === 'error') group.errors++;
      if (severity === 'warning') group.warnings++;
      const next = item(f);
      // With its points: two projects lacking as many points of one stage share the heading, not the list.
      const key = `${next.severity}\u0000${next.message}${next.points ? `\u0000${next.points.join('\u0000')}` : ''}`;
      const same = seen.get(key);
      if (same && same.a1 !== null && next.a1 !== null) same.alsoIn = (same.alsoIn ?? 0) + 1;
      else {
        lines.push({ at, line: next });
        seen.set(key, next);
      }
    });
  }
  const pages: FindingItem[][] = [];
  for (let from = 0; from < lines.length; from += ITEMS_PER_FIELD) {
    pages.push(lines.slice(from, from + ITEMS_PER_FIELD).sort((a, b) => a.at - b.at).map((l) => l.line));
  }
  group.items = pages[0] ?? [];
  const later = pages.slice(1);
  // Counted by cell, as «y 35 errores más» says them: a line of a later page stands for its own cell and its alsoIn.
  for (const line of later.flat()) {
    const cells = 1 + (line.alsoIn ?? 0);
    group.more += cells;
    if (line.severity === 'error') group.moreErrors = (group.moreErrors ?? 0) + cells;
    else if (line.severity === 'warning') group.moreWarnings = (group.moreWarnings ?? 0) + cells;
  }
  return { group, later };
}

/** The pages after the first of one column of the report (groups[sheet].fields[field]). */
export interface LaterPages { sheet: number; field: number; pages: FindingItem[][] }

/**
 * The report's groups, each column's first page, and the later pages «Ver N más» shows (they do not go with the report).
 * `sheetOrder`: the workbook's sheet names as its tabs are ordered (SpreadsheetApp's getSheets() gives them so). The
 * findings go in core's one reading order (core/findings/reading-order.ts), as the CLI, the dashboard and publication
 * list them: those about the whole workbook first, then sheet by sheet in tab order (sheets the workbook no longer has
 * last), each by row and column. Each sheet's columns come in the order that meets their first finding — the first
 * row with any, left to right; a column of notices alone after those with errors or warnings — and each column's lines
 * down the sheet. Columns used to come by how many errors they had, and each column's lines errors first: the list
 * jumped from row 40 back to row 3.
 */
export function pagedFindings(findings: Finding[], sheetOrder: readonly string[] = []): { groups: SheetGroup[]; later: LaterPages[] } {
  const sheets = new Map<string, Map<string, Finding[]>>();
  for (const f of inReadingOrder(findings, sheetOrder)) {
    const sheetName = f.cell?.sheet ?? WORKBOOK;
    const fields = sheets.get(sheetName) ?? new Map<string, Finding[]>();
    sheets.set(sheetName, fields);
    const fieldName = f.cell?.header ? bareTitle(f.cell.header) : f.cell?.column !== undefined ? `Columna ${columnLetter(f.cell.column)}` : f.cell ? WHOLE_SHEET : GENERAL;
    const own = fields.get(fieldName);
    if (own) own.push(f); else fields.set(fieldName, [f]);
  }
  const later: LaterPages[] = [];
  const groups = [...sheets].map(([sheet, fields], sheetIndex) => {
    // Columns with only notices (`info`: the CoST IDS advice on a project's status, ~2,500 characters each) after the
    // others: in reading order they came first («Estado del proyecto» is column D), and with a few projects told
    // different points, the one error that stopped the sending was ten screens of advice down the 300 px panel.
    const advice = (own: Finding[]): boolean => own.every((f) => f.severity === 'info');
    const ordered = [...[...fields].filter(([, own]) => !advice(own)), ...[...fields].filter(([, own]) => advice(own))];
    const list = ordered.map(([field, own], fieldIndex) => {
      const paged = fieldGroup(field, own);
      if (paged.later.length) later.push({ sheet: sheetIndex, field: fieldIndex, pages: paged.later });
      return paged.group;
    });
    return {
      sheet,
      errors: list.reduce((n, g) => n + g.errors, 0),
      warnings: list.reduce((n, g) => n + g.warnings, 0),
      fields: list,
    };
  });
  return { groups, later };
}
