/**
 * Notices (info, never errors) for a workbook made from an earlier template: each template sheet that lacks columns
 * the profile has added since, and the template sheets it lacks. Its data is read as it is; the official learns what
 * the current template has room for and how to get it. An official who filled one template for months saw nothing:
 * the new fields (award items, amounts with tax…) had no column and no word said so.
 */
import { finding, type Finding } from '../findings/finding';
import { formatCount, formatList } from '../format/es-mx';
import { registerMessages } from '../messages/catalogue';
import { HEADER_ROWS } from './layout';
import type { TemplateGaps } from './template-gaps';

/** Where the official gets the current template: the add-on's menu, or a new download (the CLI, the server's page). */
export type TemplateSource = 'addon' | 'file';

export const TEMPLATE_BEHIND_MESSAGES = {
  // Per sheet, short: how to get the columns is said once, for the workbook.
  'template.columns-missing': 'Esta hoja es de una versión anterior de la plantilla: le {count?falta la columna|faltan las columnas} {columns}, que la plantilla actual tiene. Lo que ya escribió se lee igual.',
  'template.behind': 'Este libro se hizo con una versión anterior de la plantilla{{sheets|: le {sheetCount?falta la hoja|faltan las hojas} {sheets}}}{{both|, y a {columnSheets:hoja|hojas} {columnSheets?le|les} faltan columnas (cada una lo dice en su fila 2)}}{{onlyColumns|: a {columnSheets:hoja|hojas} {columnSheets?le|les} faltan columnas (cada una lo dice en su fila 2)}}. Lo que ya tiene se lee y se envía igual.{{addon| Para capturar los datos nuevos, elija «Crear plantilla» en el menú del complemento: agrega lo que falta (las columnas, al final de cada hoja) sin mover ni cambiar lo que ya escribió.}}{{file| Para capturar los datos nuevos, descargue la plantilla actual y copie a este libro lo que le falta: las hojas enteras, y cada columna al final de su hoja con su título (fila 1) y su nombre técnico (fila 2), por el que se reconoce en cualquier posición.}}',
} as const;
registerMessages(TEMPLATE_BEHIND_MESSAGES);

/** A notice is a few lines: the first names are given, the rest counted. */
const NAMED = 5;

function named(names: readonly string[]): string {
  const quoted = names.map((n) => `«${n}»`);
  return quoted.length > NAMED ? formatList([...quoted.slice(0, NAMED), formatCount(quoted.length - NAMED, 'más', 'más')]) : formatList(quoted);
}

export function templateBehindFindings(gaps: TemplateGaps, source: TemplateSource): Finding[] {
  if (!gaps.sheets.length && !gaps.columns.length) return [];
  const where: Record<string, boolean> = source === 'addon' ? { addon: true } : { file: true };
  const params: Finding['params'] = { ...where, sheetCount: gaps.sheets.length, sheets: named(gaps.sheets.map((s) => s.name)), columnSheets: gaps.columns.length };
  // Which of the two sentences joins the sheets' count: the catalogue's templates do not nest.
  if (gaps.columns.length) params[gaps.sheets.length ? 'both' : 'onlyColumns'] = true;
  return [
    finding('template.behind', 'info', params),
    ...gaps.columns.map((gap) => finding('template.columns-missing', 'info', { count: gap.missing.length, columns: named(gap.missing.map((c) => c.title)) }, { cell: { sheet: gap.name, row: HEADER_ROWS } })),
  ];
}
