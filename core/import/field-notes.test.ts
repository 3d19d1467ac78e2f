import './import-messages';
import { finding } from '../findings/finding';
import { catalogue } from '../messages/catalogue';
import { renderMessage } from '../messages/render';
import { FIELD_NOTES, groupFieldNotes } from './field-notes';
import { importDocuments } from './upgrade';

// A date left as text is said with an example of one and the zone it is not in (dates-as-text.ts), a postal code
// given its zero back with one as published (postal-code-zero.ts).
const SHOWN: Record<string, Record<string, string>> = {
  'import.date-as-text': { example: '2016-06-30T00:00:00-06:00', timeZone: 'America/Mexico_City' },
  'import.postal-code-zero': { example: '6720' },
};
const shown = (code: string): Record<string, string> => SHOWN[code] ?? {};
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
  expect(renderMessage(grouped[1])).toBe('Se omitieron 3 valores de 2 campos para los que la plantilla no tiene columna, así que no se publicarán de nuevo desde este libro. Cada uno se nombra por la hoja a la que corresponde y su nombre técnico: «tender/tenderPeriod/durationInDays», «planning/numberOfBeneficiaries» (2).');
  expect(renderMessage(grouped[2])).toBe('Se quitaron espacios o caracteres invisibles al inicio o al final de 3 textos de «awards/title».');
});

test('fields a column holds are listed by sheet and column, a count only above 1; a field without a sheet by its path', () => {
  const at = (field: string, count: number, sheet?: string, column?: string) => finding('import.placeholder-date', 'warning', { count, field, file: 'a.json', ...(sheet && column ? { sheet, column } : {}) });
  const [line] = groupFieldNotes([
    at('awards/date', 1, 'Adjudicaciones', 'Fecha del fallo'),
    at('awards/contractPeriod/maxExtentDate', 1),
    at('contracts/documents/dateModified', 3, 'Documentos de contrato', 'Fecha de modificación'),
    at('awards/documents/dateModified', 2, 'Adjudicaciones', 'Fecha del documento'),
  ]);
  expect(line.params.fields).toBe('hoja «Adjudicaciones»: «Fecha del fallo», «Fecha del documento» (2); «awards/contractPeriod/maxExtentDate»; hoja «Documentos de contrato»: «Fecha de modificación» (3)');
});

test('every kind that groups has its one-line message, and it names every field', () => {
  for (const code of FIELD_NOTES) {
    expect(catalogue()[`${code}.fields`]).toBeDefined();
    const [line] = groupFieldNotes([note(code, 'uno/campo', 1), note(code, 'otro/campo', 4)]);
    expect(line.code).toBe(`${code}.fields`);
    expect(renderMessage(line)).toMatch(/«uno\/campo», «otro\/campo» \(4\)\.$/);
    expect(renderMessage(line)).not.toMatch(/[{}]/);
  }
});

// The template has no column, so no Spanish title, for what an import leaves out: it was named by its JSON path alone,
// «tender/tenderPeriod/durationInDays», which told an official neither what it was nor where it would have been.
test('what the template has no column for is named by the sheet of its items and the rest of its path, a shared start once', () => {
  const release = {
    ocid: 'ocds-abc123-0001', id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['contract'], initiationType: 'tender',
    tender: { id: 'T1', tenderPeriod: { startDate: '2024-01-02T00:00:00-06:00', durationInDays: 10, maxExtentDate: '2024-01-12T00:00:00-06:00' } },
    awards: [{ id: 'A1', items: [{ id: '1', description: 'Cemento', itemAmount: { amount: 10, currency: 'MXN' } }, { id: '2', description: 'Arena', itemAmount: { amount: 5, currency: 'MXN' } }] }],
    contracts: [{ id: 'C1', awardID: 'A1', period: { durationInDays: 90 } }],
  };
  const { findings } = importDocuments({ releases: [release] }, 'a.json');
  const dropped = findings.filter((f) => f.code === 'import.dropped');
  expect(dropped.map((f) => [f.params.field, f.params.sheet, f.params.part])).toEqual([
    ['tender/tenderPeriod/durationInDays', 'Contrataciones', 'tender/tenderPeriod/durationInDays'],
    ['tender/tenderPeriod/maxExtentDate', 'Contrataciones', 'tender/tenderPeriod/maxExtentDate'],
    ['awards/items/itemAmount/amount', 'Artículos adjudicados', 'itemAmount/amount'],
    ['awards/items/itemAmount/currency', 'Artículos adjudicados', 'itemAmount/currency'],
    ['contracts/period/durationInDays', 'Contratos', 'period/durationInDays'],
  ]);
  // One field alone: its message names it so too.
  expect(renderMessage(dropped[4])).toBe('Se omitió 1 valor de «period/durationInDays» (hoja «Contratos»): la plantilla no tiene columna para ese dato, así que no se publicará de nuevo desde este libro.');
  const [line] = groupFieldNotes(findings).filter((f) => f.code === 'import.dropped.fields');
  expect(renderMessage(line)).toBe('Se omitieron 7 valores de 5 campos para los que la plantilla no tiene columna, así que no se publicarán de nuevo desde este libro. Cada uno se nombra por la hoja a la que corresponde y su nombre técnico: hoja «Contrataciones»: «tender/tenderPeriod» (durationInDays, maxExtentDate); hoja «Artículos adjudicados»: «itemAmount» (amount (2), currency (2)); hoja «Contratos»: «period/durationInDays».');
});

test('a date left as text keeps its example and zone in the one-line note of several columns', () => {
  const [line] = groupFieldNotes([note('import.date-as-text', 'contracts/period/endDate', 1), note('import.date-as-text', 'contracts/implementation/transactions/date', 8)]);
  expect(renderMessage(line)).toMatch(/^9 fechas quedaron como texto, tal como se publicaron \(por ejemplo «2016-06-30T00:00:00-06:00»\): .*«Configuración» \(America\/Mexico_City\)/);
});
