/**
 * The review page's list of a send's findings: every one of them, a page at a time, chosen by severity and by sheet
 * (GET /api/submissions/{id}/findings), and a CSV of those chosen for a returning comment. It listed the 50 a
 * submission keeps and sent the coordinator to validate the workbook — which they do not have — for the rest.
 */
import { h } from '../dom';
import { count } from '../pages/common';
import { formatCount } from '../../../core/format/es-mx';
import { columnLetter } from '../../../core/workbook/model';
import { SEVERITY_ES } from '../../../core/messages/render';
import { MAX_FINDINGS_PAGE } from '../../../core/workflow/findings-page';
import { checkFindingsPageAnswer, WORKFLOW_PATHS, type FindingsPageAnswer, type SubmissionView } from '../../../core/workflow/contract';
import type { Severity } from '../../../core/findings/finding';
import { ApiError, authed } from './session';
import { saveCsv } from '../components/download';
import { sampleInOrder } from './sample-order';

const SEVERITY_OPTIONS: [Severity, string][] = [['error', 'Errores'], ['warning', 'Advertencias'], ['info', 'Avisos']];
/** The workbook's own findings (no sheet) are chosen with the empty name; said in words. */
const sheetLabel = (sheet: string): string => (sheet === '' ? 'Libro completo' : sheet);

function query(severity: string, sheet: string | null, page: number, limit?: number): string {
  const q = new URLSearchParams();
  if (severity) q.set('severity', severity);
  if (sheet !== null) q.set('sheet', sheet);
  q.set('page', String(page));
  if (limit) q.set('limit', String(limit));
  return `?${q}`;
}

/** The section, drawn at once and filled as its pages are read. Null when the send has no findings. */
export function sendFindingsSection(s: SubmissionView): HTMLElement | null {
  const f = s.findings;
  if (!f || f.errors + f.warnings + f.infos === 0) return null;
  let severity = '';
  let sheet: string | null = null;
  let page = 1;
  const status = h('p', { class: 'note', id: 'hallazgos-estado', role: 'status' }, 'Leyendo los hallazgos…');
  const list = h('ul', { id: 'hallazgos-revision' });
  const partial = h('div');
  const severityChoice = h('select', { id: 'hallazgos-gravedad', name: 'hallazgos-gravedad' }, h('option', { value: '' }, 'Todas'), SEVERITY_OPTIONS.map(([v, t]) => h('option', { value: v }, t)));
  const sheetChoice = h('select', { id: 'hallazgos-hoja', name: 'hallazgos-hoja' }, h('option', { value: '' }, 'Todas'));
  const previous = h('button', { type: 'button', id: 'hallazgos-anterior', disabled: true }, '← Anterior');
  const next = h('button', { type: 'button', id: 'hallazgos-siguiente', disabled: true }, 'Siguiente →');
  const download = h('button', { type: 'button', class: 'download-csv', id: 'hallazgos-csv' }, 'Descargar CSV de los hallazgos');

  const show = (a: FindingsPageAnswer): void => {
    // The sheets offered are those with findings of the severity chosen; the one chosen stays offered.
    const offered = [...a.sheets];
    if (sheet !== null && !offered.some((x) => x.sheet === sheet)) offered.push({ sheet, count: 0 });
    sheetChoice.replaceChildren(h('option', { value: '' }, 'Todas'),
      ...offered.map((x) => h('option', { value: `=${x.sheet}`, selected: x.sheet === sheet }, `${sheetLabel(x.sheet)} (${count(x.count)})`)));
    const items = a.complete ? a.findings : sampleInOrder(a.findings);
    list.replaceChildren(...items.map((x) => h('li', null, x.message)));
    const first = (a.page - 1) * a.pageSize + 1;
    status.textContent = a.matching === 0 ? 'Ningún hallazgo con esta selección.'
      : `${a.pages > 1 ? `Página ${count(a.page)} de ${count(a.pages)}: hallazgos ${count(first)} a ${count(first + items.length - 1)} de ${count(a.matching)}` : formatCount(a.matching, 'hallazgo', 'hallazgos')}${severity || sheet !== null ? ' con esta selección' : ''}, los errores primero.`;
    // A sample that holds every finding is the whole list all the same.
    partial.replaceChildren(...(a.complete || f.sample.length >= f.errors + f.warnings + f.infos ? [] : [h('p', { class: 'note', id: 'hallazgos-parciales' }, `La plataforma no tiene la lista completa de este envío (se hizo antes de que la guardara, o ya se borró su copia): se listan los primeros ${count(f.sample.length)} de ${formatCount(f.errors + f.warnings + f.infos, 'hallazgo', 'hallazgos')}, los errores primero. Para verlos todos, pida a quien capturó que lo envíe de nuevo.`)]));
    previous.disabled = a.page <= 1;
    next.disabled = a.page >= a.pages;
  };
  const load = async (): Promise<void> => {
    status.textContent = 'Leyendo los hallazgos…';
    try {
      const a = checkFindingsPageAnswer(await authed(`${WORKFLOW_PATHS.findings(s.id)}${query(severity, sheet, page)}`, (b) => b));
      page = a.page;
      show(a);
    } catch (e) {
      status.textContent = `No se pudieron leer los hallazgos: ${e instanceof ApiError ? e.message : 'error inesperado'}`;
    }
  };
  severityChoice.onchange = () => { severity = severityChoice.value; page = 1; void load(); };
  sheetChoice.onchange = () => { sheet = sheetChoice.value === '' ? null : sheetChoice.value.slice(1); page = 1; void load(); };
  // The buttons are below a page of 100: the next page is read from its top, where its count is said.
  const turn = (by: number): void => { page += by; void load().then(() => status.scrollIntoView({ block: 'nearest' })); };
  previous.onclick = () => turn(-1);
  next.onclick = () => turn(1);
  // Every finding of the selection, read by pages of the largest size, one row each with its cell.
  download.onclick = async () => {
    download.disabled = true;
    try {
      const rows: (string | number | null)[][] = [];
      for (let p = 1, pages = 1; p <= pages; p++) {
        const a = checkFindingsPageAnswer(await authed(`${WORKFLOW_PATHS.findings(s.id)}${query(severity, sheet, p, MAX_FINDINGS_PAGE)}`, (b) => b));
        pages = a.pages;
        for (const x of a.findings) rows.push([sheetLabel(x.cell?.sheet ?? ''), x.cell?.row ?? null, x.cell?.column ? columnLetter(x.cell.column) : null, x.cell?.header ?? null, SEVERITY_ES[x.severity], x.detail, x.code]);
      }
      saveCsv(`hallazgos-${s.id}`, ['hoja', 'fila', 'columna', 'encabezado', 'gravedad', 'mensaje', 'codigo'], rows);
    } catch (e) {
      status.textContent = `No se pudo descargar el CSV: ${e instanceof ApiError ? e.message : 'error inesperado'}`;
    } finally {
      download.disabled = false;
    }
  };
  void load();
  return h('section', { 'aria-labelledby': 'titulo-hallazgos' }, h('h2', { id: 'titulo-hallazgos' }, 'Hallazgos de la validación'),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'hallazgos-gravedad' }, 'Gravedad'), severityChoice),
      h('div', { class: 'field' }, h('label', { for: 'hallazgos-hoja' }, 'Hoja'), sheetChoice),
      download),
    partial, status, list,
    h('p', { class: 'page-links' }, previous, ' ', next));
}
