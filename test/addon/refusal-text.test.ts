/**
 * The panel's words for a send refused for errors (backend-client.ts findingsText): the first five, and how many
 * more the workbook has by the server's counts — counted from the list, 700 errors read «y 195 más».
 */
import { findingsText } from '../../addon/src/backend/backend-client';
import type { FindingView } from '../../core/workflow/contract';

const error = (row: number): FindingView => ({ code: 'program.required', severity: 'error', message: `Error — Hoja «Proyectos», fila ${row}: Falta este dato.`, cell: { sheet: 'Proyectos', row } });

test('700 errors, 200 listed by an older server\'s habit: «y 695 más», by the counts', () => {
  const listed = Array.from({ length: 200 }, (_, i) => error(i + 3));
  const text = findingsText(listed, { errors: 700, warnings: 0, infos: 0 });
  expect(text.split('\n').filter((l) => l.startsWith('•'))).toHaveLength(5);
  expect(text).toMatch(/\n… y 695 más: use Validar para verlos todos\.$/);
  // Without counts (an older server), what the list holds.
  expect(findingsText(listed)).toMatch(/y 195 más/);
  expect(findingsText(listed.slice(0, 5), { errors: 5, warnings: 0, infos: 0 })).not.toMatch(/más/);
  expect(findingsText(Array.from({ length: 1200 }, (_, i) => error(i)), { errors: 1200, warnings: 0, infos: 0 })).toMatch(/y 1,195 más/);
});
