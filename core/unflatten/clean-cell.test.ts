import fc from 'fast-check';
import { cleanCell, cleanText, isBlankCell } from './clean-cell';
import { templateSpec } from '../template/template-spec';
import { checkWorkbook } from '../pipeline/check-workbook';

test('a cell is blank exactly when its cleaned text is empty (spaces, non-breaking and zero-width characters, control characters)', () => {
  const chars = [' ', '\t', '\n', '\u0001', '\u00a0', '\u1680', '\u2007', '\u200b', '\u200d', '\u2028', '\u202f', '\u205f', '\u2060', '\u3000', '\ufeff', 'a', 'ñ', '#'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 6 }), (parts) => {
    const text = parts.join('');
    expect(isBlankCell(text)).toBe(cleanText(text) === '');
    expect(isBlankCell(text)).toBe(cleanCell(text) === undefined);
  }), { numRuns: 3000 });
  for (const v of [null, undefined, '']) expect(isBlankCell(v)).toBe(true);
  for (const v of [0, false, new Date(0), { richText: [] }]) expect(isBlankCell(v)).toBe(false);
});

test('a description pasted from Word keeps its line breaks as line breaks, not as invisible characters to retype', () => {
  // Word's line break inside a paragraph (Shift+Enter) is a vertical tab; Unicode has its own line and paragraph separators.
  expect(cleanCell('Rehabilitación integral.\u000bIncluye techumbre\u2028e instalaciones.\u2029Etapa 1 de 2')).toBe('Rehabilitación integral.\nIncluye techumbre\ne instalaciones.\nEtapa 1 de 2');
  const sheet = templateSpec().sheets.find((s) => s.name === 'Proyectos')!;
  const values: Record<string, string> = { id: 'oc4ids-abc123-0001', title: 'Mercado', description: 'Rehabilitación integral.\u000bIncluye techumbre.' };
  const result = checkWorkbook({ sheets: [{ name: sheet.name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), sheet.columns.map((c) => values[c.path] ?? '')] }] }, { now: '2025-07-01T10:00:00-06:00' });
  expect(result.projects[0]).toMatchObject({ description: 'Rehabilitación integral.\nIncluye techumbre.' });
  expect(result.findings.filter((f) => f.code === 'text.invisibleCharacters')).toEqual([]);
});

test('a formula error written in Spanish, as a spreadsheet in Spanish shows it and a .csv keeps it, is a formula error, not a text to publish', () => {
  for (const text of ['#¡VALOR!', '#¡REF!', '#¿NOMBRE?', '#¡DIV/0!', '#N/A', ' #¡ref! ']) expect(cleanCell(text)).toMatchObject({ code: 'cell.formula-error' });
  // A text that only starts with «#» is a text.
  expect(cleanCell('#1 de la calle 60')).toBe('#1 de la calle 60');
});
