/** Renders findings as plain Spanish for the sidebar, the CLI and API errors. */
import { columnLetter } from '../workbook/model';
import type { CellRef, Finding } from '../findings/finding';
import { catalogue } from './catalogue';

export function renderTemplate(template: string, params: Finding['params']): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** «Hoja "Contratos", fila 5, columna C (Monto del contrato)». */
export function renderCell(cell: CellRef | undefined): string {
  if (!cell) return 'Libro completo';
  const parts = [`Hoja «${cell.sheet}»`];
  if (cell.row !== undefined) parts.push(`fila ${cell.row}`);
  if (cell.column !== undefined) parts.push(`columna ${columnLetter(cell.column)}${cell.header ? ` (${cell.header})` : ''}`);
  return parts.join(', ');
}

export function renderMessage(f: Finding): string {
  const template = catalogue()[f.code];
  return template ? renderTemplate(template, f.params) : `Aviso ${f.code}`;
}

const SEVERITY_ES = { error: 'Error', warning: 'Advertencia', info: 'Aviso' } as const;

export function renderFinding(f: Finding): string {
  return `${SEVERITY_ES[f.severity]} — ${renderCell(f.cell)}: ${renderMessage(f)}`;
}
