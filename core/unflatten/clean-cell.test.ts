import fc from 'fast-check';
import { cleanCell, cleanText, isBlankCell } from './clean-cell';

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
