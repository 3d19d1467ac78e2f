import './import-messages';
import { finding } from '../findings/finding';
import { catalogue } from '../messages/catalogue';
import { renderMessage } from '../messages/render';
import { FIELD_NOTES, groupFieldNotes } from './field-notes';

// A date left as text is said with an example of one and the zone it is not in (dates-as-text.ts).
const shown = (code: string): Record<string, string> => (code === 'import.date-as-text' ? { example: '2016-06-30T00:00:00-06:00', timeZone: 'America/Mexico_City' } : {});
const note = (code: string, field: string, count: number, file = 'a.json') => finding(code, code === 'import.dropped' ? 'warning' : 'info', { count, field, file, ...shown(code) });

test('notes of one kind about several fields of a file read as one line, where the first stood; one field keeps its own message', () => {
  const renamed = finding('import.renamed', 'info', { count: 2, from: 'quotePeriod', to: 'period' }, { pointer: '/releases/0' });
  const grouped = groupFieldNotes([
    renamed,
    note('import.dropped', 'tender/tenderPeriod/durationInDays', 1),
    note('import.trimmed', 'awards/title', 3),
    note('import.dropped', 'planning/numberOfBeneficiaries', 2),
    note('import.dropped', 'tender/x', 1, 'b.json'),
  ]);
  expect(grouped.map((f) => f.code)).toEqual(['import.renamed', 'import.dropped.fields', 'import.trimmed', 'import.dropped']);
  expect(grouped[0]).toBe(renamed);
  expect(grouped[1]).toMatchObject({ severity: 'warning', params: { count: 3, fieldCount: 2, file: 'a.json' } });
  expect(renderMessage(grouped[1])).toBe('Se omitieron 3 valores de 2 campos para los que la plantilla no tiene columna, así que no se publicarán de nuevo desde este libro: «tender/tenderPeriod/durationInDays» (1), «planning/numberOfBeneficiaries» (2).');
  expect(renderMessage(grouped[2])).toBe('Se quitaron espacios o caracteres invisibles al inicio o al final de 3 textos de «awards/title».');
});

test('fields a column holds are listed by sheet and column; a field without one by its path', () => {
  const at = (field: string, count: number, sheet?: string, column?: string) => finding('import.placeholder-date', 'warning', { count, field, file: 'a.json', ...(sheet && column ? { sheet, column } : {}) });
  const [line] = groupFieldNotes([
    at('awards/date', 1, 'Adjudicaciones', 'Fecha del fallo'),
    at('awards/contractPeriod/maxExtentDate', 1),
    at('contracts/documents/dateModified', 3, 'Documentos de contrato', 'Fecha de modificación'),
    at('awards/documents/dateModified', 2, 'Adjudicaciones', 'Fecha del documento'),
  ]);
  expect(line.params.fields).toBe('hoja «Adjudicaciones»: «Fecha del fallo» (1), «Fecha del documento» (2); «awards/contractPeriod/maxExtentDate» (1); hoja «Documentos de contrato»: «Fecha de modificación» (3)');
});

test('every kind that groups has its one-line message, and it names every field', () => {
  for (const code of FIELD_NOTES) {
    expect(catalogue()[`${code}.fields`]).toBeDefined();
    const [line] = groupFieldNotes([note(code, 'uno/campo', 1), note(code, 'otro/campo', 4)]);
    expect(line.code).toBe(`${code}.fields`);
    expect(renderMessage(line)).toMatch(/«uno\/campo» \(1\), «otro\/campo» \(4\)\.$/);
    expect(renderMessage(line)).not.toMatch(/[{}]/);
  }
});

test('a date left as text keeps its example and zone in the one-line note of several columns', () => {
  const [line] = groupFieldNotes([note('import.date-as-text', 'contracts/period/endDate', 1), note('import.date-as-text', 'contracts/implementation/transactions/date', 8)]);
  expect(renderMessage(line)).toMatch(/^9 fechas quedaron como texto, tal como se publicaron \(por ejemplo «2016-06-30T00:00:00-06:00»\): .*«Configuración» \(America\/Mexico_City\)/);
});
