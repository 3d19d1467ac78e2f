/** How the dashboard words what the data write as codes and addresses. */
import { isRealDate } from '../../dashboard/src/data/read';
import { licenseName, partyIdLine, partyKey, PROGRAM_STAGES_NOTE, PROGRAM_STAGES_TEXT } from '../../dashboard/src/labels';
import { STAGES } from '../../core/workflow/stages';

test('licences read by their names, RFCs without the identifier scheme', () => {
  expect(licenseName('https://creativecommons.org/licenses/by/4.0/')).toBe('CC BY 4.0');
  expect(licenseName('https://creativecommons.org/licenses/by-sa/4.0/deed.es')).toBe('CC BY-SA 4.0');
  expect(licenseName('https://creativecommons.org/publicdomain/zero/1.0/')).toBe('CC0 1.0');
  expect(licenseName('https://datos.gob.mx/libreusomx')).toBe('Libre Uso MX');
  expect(licenseName('https://municipio.gob.mx/licencia')).toBe('https://municipio.gob.mx/licencia');
  expect([partyKey({ id: 'MX-RFC-GCM140709Z53' }), partyKey({ id: 'MX-CURP-XX' }), partyKey({})]).toEqual(['GCM140709Z53', 'MX-CURP-XX', 'Sin dato']);
  // A party's identifier as published wins over its id, which real publications make a hash.
  expect(partyKey({ id: '940ac598337834dec9fb417794e8c56a', identifier: 'TCM951030A17' })).toBe('TCM951030A17');
});

test("a clave of another register says which: the INAI's DGVCCEF is «610» under MX-INAI, not an RFC", () => {
  const dgvccef = { id: 'MX-INAI-610', identifier: '610', scheme: 'MX-INAI' };
  expect(partyKey(dgvccef)).toBe('610 (registro MX-INAI)');
  expect(partyIdLine(dgvccef)).toBe('Clave en el registro MX-INAI: 610');
  // An RFC under its scheme, as the org-id code or as Nuevo León writes it; without a scheme the data do not say.
  expect(partyIdLine({ id: 'MX-RFC-INA1402082Z8', identifier: 'INA1402082Z8', scheme: 'MX-RFC' })).toBe('RFC: INA1402082Z8');
  expect(partyIdLine({ id: 'RFC-CUR950920ER0', identifier: 'CUR950920ER0', scheme: 'RFC' })).toBe('RFC: CUR950920ER0');
  expect(partyKey({ id: 'RFC-CUR950920ER0', identifier: 'CUR950920ER0', scheme: 'RFC' })).toBe('CUR950920ER0');
  expect(partyIdLine({ id: '2d198d01', identifier: 'GDF9712054NA' })).toBe('RFC / clave: GDF9712054NA');
  expect(partyIdLine({ id: 'MX-RFC-MME840101P28' })).toBe('RFC / clave: MME840101P28');
  expect(partyIdLine({ id: '' })).toBeUndefined();
});

test('the program stages in plain words: every stage by code and name, who records them, and what «REDA» is', () => {
  for (const stage of STAGES) expect(PROGRAM_STAGES_TEXT).toContain(`${stage.code} ${stage.label}`);
  expect(PROGRAM_STAGES_NOTE).toContain('«E.1 REDA» a «E.7 Presentación pública»');
  for (const text of [PROGRAM_STAGES_NOTE, PROGRAM_STAGES_TEXT]) {
    expect(text).toContain('La coordinación del Organismo Garante de su estado registra la fecha');
    expect(text).toContain('«REDA» es el nombre que el programa da a su primera etapa.');
  }
});

test('year 0001, which publications write for «no date», is not a date (the pages read «Sin dato»)', () => {
  expect([isRealDate('0001-01-01T00:00:00Z'), isRealDate('2019-03-01T00:00:00-06:00'), isRealDate(undefined)]).toEqual([false, true, false]);
});
