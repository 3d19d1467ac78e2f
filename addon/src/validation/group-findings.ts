/**
 * Groups findings by sheet and field for the sidebar (lib-cove style: one heading per field with its cells),
 * capped so a 20,000-row sheet full of errors still fits through `google.script.run`.
 */
import type { Finding } from '../../../core/findings/finding';
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

function item(f: Finding): FindingItem {
  const c = f.cell;
  const row = c?.row ?? null;
  const column = c?.column ?? null;
  const a1 = c && row !== null && column !== null ? `${c.sheet}!${columnLetter(column)}${row}` : null;
  const message = c && row !== null && column === null && c.header ? `${renderMessage(f)} ${missingColumnText(c.sheet, c.header)}` : renderMessage(f);
  return { severity: f.severity, message, a1, row, column };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * `sheetOrder`: the workbook's sheet names as its tabs are ordered. Sheets are listed in that order (findings about
 * the whole workbook first, sheets the workbook no longer has last): in the order of their first finding's row they
 * came out as Adjudicaciones, Proyectos, Documentos del proyecto… and were hard to go through.
 */
export function groupFindings(findings: Finding[], sheetOrder: readonly string[] = []): SheetGroup[] {
  const sheets = new Map<string, Map<string, FieldGroup>>();
  /** Per field group, its items by severity and message: a repeated message is counted on its first item. */
  const shown = new Map<FieldGroup, Map<string, FindingItem>>();
  const sorted = [...findings].sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || (a.cell?.row ?? 0) - (b.cell?.row ?? 0) || (a.cell?.column ?? 0) - (b.cell?.column ?? 0));
  for (const f of sorted) {
    const sheetName = f.cell?.sheet ?? WORKBOOK;
    const fields = sheets.get(sheetName) ?? new Map<string, FieldGroup>();
    sheets.set(sheetName, fields);
    const fieldName = f.cell?.header ? bareTitle(f.cell.header) : f.cell?.column !== undefined ? `Columna ${columnLetter(f.cell.column)}` : f.cell ? WHOLE_SHEET : GENERAL;
    const group = fields.get(fieldName) ?? { field: fieldName, errors: 0, warnings: 0, items: [], more: 0 };
    fields.set(fieldName, group);
    if (f.severity === 'error') group.errors++;
    if (f.severity === 'warning') group.warnings++;
    const next = item(f);
    const seen = shown.get(group) ?? new Map<string, FindingItem>();
    shown.set(group, seen);
    const same = seen.get(`${next.severity}\u0000${next.message}`);
    if (same && same.a1 !== null && next.a1 !== null) same.alsoIn = (same.alsoIn ?? 0) + 1;
    else if (group.items.length < ITEMS_PER_FIELD) {
      group.items.push(next);
      seen.set(`${next.severity}\u0000${next.message}`, next);
    } else group.more++;
  }
  const place = (sheet: string): number => (sheet === WORKBOOK ? -1 : sheetOrder.includes(sheet) ? sheetOrder.indexOf(sheet) : sheetOrder.length);
  return [...sheets].sort(([a], [b]) => place(a) - place(b)).map(([sheet, fields]) => {
    const list = [...fields.values()].sort((a, b) => b.errors - a.errors || b.warnings - a.warnings);
    return {
      sheet,
      errors: list.reduce((n, g) => n + g.errors, 0),
      warnings: list.reduce((n, g) => n + g.warnings, 0),
      fields: list,
    };
  });
}
