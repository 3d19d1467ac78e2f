/**
 * Files written by LibreOffice Calc 7.4 (Debian 12), set to Spanish (Mexico), as an official of a municipality whose
 * office uses it saves them: test/fixtures/libreoffice/ (how they were made: its README.md). LibreOffice writes an
 * .xlsx its own way (numbers with `t="n"`, formats renumbered from 164 with «General» among them, booleans as `t="b"`
 * under a «"VERDADERO";"VERDADERO";"FALSO"» format, `<f aca="false">`), and its own format is .ods.
 */
import * as fs from 'fs';
import * as path from 'path';
import { XlsxBufferSource } from '../xlsx-source';

const fixture = (name: string): Buffer => fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/libreoffice', name));

test('an .ods saved by LibreOffice is named as such, with how to save it as .xlsx, not as a damaged workbook', async () => {
  // The name an official gives it when the upload page asks for an .xlsx, or the .ods name as LibreOffice saved it.
  for (const name of ['plantilla.xlsx', 'plantilla.ods']) {
    await expect(new XlsxBufferSource(fixture('guardado-como-ods.ods'), name).read()).rejects.toMatchObject({
      code: 'source.invalid-xlsx',
      message: `El archivo «${name}» es una hoja de cálculo de LibreOffice u OpenOffice (.ods), no un libro de Excel (.xlsx). Ábralo en LibreOffice Calc, elija Archivo › Guardar como… y en «Tipo de archivo» escoja «Excel 2007-365 (.xlsx)»; si le pregunta qué formato usar, elija «Usar formato Excel 2007-365». Envíe ese archivo .xlsx.`,
    });
  }
  // The upload's admission check (keepValues off) says the same.
  await expect(new XlsxBufferSource(fixture('guardado-como-ods.ods'), 'plantilla.ods').check()).rejects.toMatchObject({ message: expect.stringMatching(/LibreOffice u OpenOffice \(\.ods\)/) });
});

test('values typed in LibreOffice (es-MX) read as typed: dates, $ amounts, %, booleans, formulas, a gap, a link', async () => {
  const book = await new XlsxBufferSource(fixture('valores-escritos-es-mx.xlsx'), 'valores.xlsx').read();
  const [sheet] = book.sheets;
  expect(sheet.name).toBe('Contrataciones');
  const iso = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);
  expect(sheet.rows.map((r) => r.map(iso))).toEqual([
    ['Fecha', 'Monto', 'Texto', 'Otro'],
    // 31/03/2024 · $1,234,567.89 · accents · 45%
    ['2024-03-31T00:00:00.000Z', 1234567.89, 'Pavimentación de la calle Ñandú', 0.45],
    // 31/03/2024 10:30 · 1,234.5 · '00123 (text, zeros kept) · VERDADERO
    ['2024-03-31T10:30:00.000Z', 1234.5, '00123', true],
    // Row 4 left empty.
    [],
    // 1/2/24 (day first) · -2,500 · two lines in a cell · 12:30 (a time alone)
    ['2024-02-01T00:00:00.000Z', -2500, 'Primera línea con acción y pingüino\nSegunda línea', '1899-12-31T12:30:00.000Z'],
    // =SUM(B2:B3) · =CONCATENATE(…) · =1=1: their results.
    ['', 1235802.39, 'Obra pública', true],
    // =1/0 as its error text; ="" empty; «Ver contrato» with a link (Insertar › Hipervínculo).
    ['#DIV/0!', '', 'Ver contrato'],
  ]);
  expect(sheet.links).toEqual({ C7: 'https://transparencia.ejemplo.gob.mx/contrato-1.pdf' });
});
