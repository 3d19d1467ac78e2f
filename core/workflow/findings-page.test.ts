import { findingsPage, MAX_FINDINGS_PAGE, severityChoiceText } from './findings-page';
import type { Severity } from '../findings/finding';

const f = (severity: Severity, sheet?: string) => ({ severity, ...(sheet === undefined ? {} : { cell: { sheet } }) });
// 720 findings, as the send that read «Se muestran los primeros 50 de 720»: 520 warnings and 200 avisos.
const all = [...Array.from({ length: 520 }, (_, i) => f('warning', i % 2 ? 'Contrataciones' : 'Proyectos')), ...Array.from({ length: 200 }, () => f('info', 'Proyectos')), f('info')];

test('every finding is reached by pages; a page past the last is the last, and its size has a ceiling', () => {
  const pages = Array.from({ length: 8 }, (_, i) => findingsPage(all, {}, i + 1));
  expect(pages.map((p) => p.items.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 21]);
  expect(pages.flatMap((p) => p.items)).toEqual(all);
  expect(findingsPage(all, {}, 99)).toMatchObject({ page: 8, pages: 8, matching: 721 });
  expect(findingsPage(all, {}, 1, 5000).pageSize).toBe(MAX_FINDINGS_PAGE);
  expect(findingsPage([], {}, 1)).toMatchObject({ page: 1, pages: 1, matching: 0, items: [] });
});

test('chosen by severity and by sheet; the sheets are counted by the severity chosen, the workbook\'s own as «»', () => {
  expect(findingsPage(all, { severity: 'warning' }, 1).matching).toBe(520);
  expect(findingsPage(all, { severity: 'warning' }, 1).sheets).toEqual([{ sheet: 'Proyectos', count: 260 }, { sheet: 'Contrataciones', count: 260 }]);
  const chosen = findingsPage(all, { severity: 'info', sheet: 'Proyectos' }, 1);
  expect([chosen.matching, chosen.sheets]).toEqual([200, [{ sheet: 'Proyectos', count: 200 }, { sheet: '', count: 1 }]]);
  expect(findingsPage(all, { sheet: '' }, 1).items).toEqual([f('info')]);
});

test('a wrong «severity» is answered in Spanish: each value with what it chooses', () => {
  const text = severityChoiceText('grave');
  expect(text).toBe('El parámetro «severity» elige la gravedad de los hallazgos: «error» (los errores), «warning» (las advertencias) o «info» (los avisos); sin él, todos (se recibió «grave»).');
});
