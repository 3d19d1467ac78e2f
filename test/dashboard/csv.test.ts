/** CSV downloads: RFC 4180 quoting and neutralised formulas (cells starting with = + - @ get an apostrophe). */
import { csvCell, toCsv } from '../../dashboard/src/data/csv';

describe('csv', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    for (const s of ['+1', '-2+3', '@SUM(A1)', '\t=1']) expect(csvCell(s).startsWith("'")).toBe(true);
    expect(csvCell('Puente sobre el río')).toBe('Puente sobre el río');
  });
  it('quotes a field with a semicolon: a «;» region splits it otherwise, and its second cell would be a formula', () => {
    const hostile = "Obra;=cmd|' /C calc'!A0";
    expect(csvCell(hostile)).toBe(`"${hostile}"`);
    // The semicolon inside the quotes: a «;» region reads one cell, the text as published.
    expect(toCsv(['titulo', 'monto'], [[hostile, 5]]).split('\r\n')[1]).toBe(`"${hostile}",5`);
  });
  it('keeps numbers as numbers, negative ones too, and empties missing values', () => {
    expect(csvCell(-1500.5)).toBe('-1500.5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(NaN)).toBe('');
  });
  it('writes a BOM, a header and CRLF lines', () => {
    expect(toCsv(['a', 'b'], [['x, y', 2]])).toBe('\uFEFFa,b\r\n"x, y",2\r\n');
  });
});
