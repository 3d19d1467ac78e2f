import { checkCreateRequest, checkReturnRequest, ContractError, MAX_COMMENT_LENGTH, MAX_SOURCE_NAME_LENGTH, sourceName } from './contract';

describe('checkReturnRequest', () => {
  test('counts characters as people see them: 2,600 emoji are 2,600 characters (5,200 UTF-16 units), within the limit', () => {
    const comment = '🚧'.repeat(2600);
    expect(checkReturnRequest({ comment }).comment).toBe(comment);
    expect(() => checkReturnRequest({ comment: 'a'.repeat(MAX_COMMENT_LENGTH + 1) })).toThrow(ContractError);
    expect(() => checkReturnRequest({ comment: '  ' })).toThrow(ContractError);
  });
});

describe('checkCreateRequest', () => {
  test("a sheet's rows left out by a filter travel with its values (how many, the first few); anything else is refused naming the field", () => {
    const sheet = { name: 'Proyectos', rows: [['id'], ['x']] };
    expect(checkCreateRequest({ workbook: { sheets: [{ ...sheet, hiddenRows: { count: 12, rows: [3, 9] } }] } }).workbook?.sheets[0]).toEqual({ ...sheet, hiddenRows: { count: 12, rows: [3, 9] } });
    expect(checkCreateRequest({ workbook: { sheets: [{ ...sheet, hiddenRows: { count: 0, rows: [] } }] } }).workbook?.sheets[0]).toEqual(sheet);
    for (const hiddenRows of [[3], { count: -1, rows: [] }, { count: 1.5, rows: [] }, { count: 1, rows: [0] }, { count: 1, rows: [3, 4] }, { count: 2, rows: ['3'] }, { rows: [3] }]) {
      expect(() => checkCreateRequest({ workbook: { sheets: [{ ...sheet, hiddenRows }] } })).toThrow(ContractError);
    }
  });

  test("a sheet's merged ranges travel with its values; anything but A1 ranges is refused naming the field", () => {
    const sheet = { name: 'Proyectos', rows: [['id'], ['x']] };
    expect(checkCreateRequest({ workbook: { sheets: [{ ...sheet, merges: ['C3:C4', 'AB10:AC10'] }] } }).workbook?.sheets[0]).toEqual({ ...sheet, merges: ['C3:C4', 'AB10:AC10'] });
    expect(checkCreateRequest({ workbook: { sheets: [{ ...sheet, merges: [] }] } }).workbook?.sheets[0]).toEqual(sheet);
    for (const merges of ['C3:C4', [5], ['C3'], ['C0:C4'], ['=HYPERLINK("x")']]) {
      expect(() => checkCreateRequest({ workbook: { sheets: [{ ...sheet, merges }] } })).toThrow(ContractError);
    }
  });

  test("a sheet's cell links (A1 → web address) travel with its values; anything else is refused naming the field", () => {
    const sheet = { name: 'Documentos del proyecto', rows: [['id'], ['x']] };
    const links = { F3: 'https://merida.gob.mx/contrato.pdf', AB10: 'http://x.mx/a b' };
    expect(checkCreateRequest({ workbook: { sheets: [{ ...sheet, links }] } }).workbook?.sheets[0]).toEqual({ ...sheet, links });
    expect(checkCreateRequest({ workbook: { sheets: [{ ...sheet, links: {} }] } }).workbook?.sheets[0]).toEqual(sheet);
    for (const bad of [['F3'], { F3: 5 }, { F3: 'javascript:alert(1)' }, { F0: 'https://x.mx' }, { 'F3:F4': 'https://x.mx' }, { F3: `https://x.mx/${'a'.repeat(5000)}` }]) {
      expect(() => checkCreateRequest({ workbook: { sheets: [{ ...sheet, links: bad }] } })).toThrow(ContractError);
    }
  });

  test("a sheet's link formulas (A1 → formula) travel with its values, so the server reads the address the sidebar read", () => {
    const sheet = { name: 'Documentos del proyecto', rows: [['id'], ['x']] };
    const formulas = { F3: '=HIPERVINCULO("https://merida.gob.mx/acta.pdf";"Ver acta")' };
    expect(checkCreateRequest({ workbook: { sheets: [{ ...sheet, formulas }] } }).workbook?.sheets[0]).toEqual({ ...sheet, formulas });
    for (const bad of [['F3'], { F3: 5 }, { F0: '=HIPERVINCULO("https://x.mx")' }, { F3: `=HIPERVINCULO("https://x.mx/${'a'.repeat(9000)}")` }]) {
      expect(() => checkCreateRequest({ workbook: { sheets: [{ ...sheet, formulas: bad }] } })).toThrow(ContractError);
    }
  });
});

describe('sourceName', () => {
  const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧: five code points, one character on screen
  const MEXICO = '\u{1F1F2}\u{1F1FD}'; // 🇲🇽: two regional indicators
  const HAND = '\u{1F44B}\u{1F3FD}'; // 👋🏽: a hand and its skin tone

  test.each([['a family emoji', FAMILY], ['a flag', MEXICO], ['a skin-toned hand', HAND]])('%s across the cut is left out whole, not split', (_what, emoji) => {
    // The emoji starts at the last place before «…», so a cut by code points would keep only its first part.
    const head = 'x'.repeat(MAX_SOURCE_NAME_LENGTH - 2);
    const name = sourceName(`${head}${emoji}${emoji} y más`) ?? '';
    expect(name).toBe(`${head}…`);
    expect([...name].length).toBeLessThanOrEqual(MAX_SOURCE_NAME_LENGTH);
  });

  test('whole emoji before the cut are kept, and the cut never passes the limit in code points', () => {
    const name = sourceName(`Obra ${FAMILY.repeat(60)}`) ?? '';
    expect(name).toBe(`Obra ${FAMILY.repeat(22)}…`); // 5 + 22 × 5 = 115 code points; one more family would be 120 + «…»
    expect([...name].length).toBeLessThanOrEqual(MAX_SOURCE_NAME_LENGTH);
    const flags = sourceName(MEXICO.repeat(100)) ?? '';
    expect(flags).toBe(`${MEXICO.repeat(59)}…`);
  });

  test('a name within the limit is kept as it is, emoji and all', () => {
    expect(sourceName(`Obras ${FAMILY} ${MEXICO} ${HAND}`)).toBe(`Obras ${FAMILY} ${MEXICO} ${HAND}`);
  });
});
