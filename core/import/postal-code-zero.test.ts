import { groupFieldNotes, importDocuments } from './index';
import { flatten } from '../flatten';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderMessage } from '../messages/render';

type Obj = Record<string, any>;

/** Parties as Ciudad de México's SEFIN published them (examples/real-mx/OCDS-87SD3T-…): «6720» for 06720. */
function release(addresses: Obj[]): Obj {
  return {
    ocid: 'ocds-87sd3t-SEFIN-1', id: 'r-1', date: '2016-01-05T00:00:00-06:00', tag: ['tender'], initiationType: 'tender',
    parties: addresses.map((address, i) => ({ id: `P${i + 1}`, name: `Actor ${i + 1}`, roles: ['buyer'], address })),
  };
}

const codes = (imported: { releases: Obj[] }) => (imported.releases[0].parties as Obj[]).map((p) => p.address.postalCode);

describe('a Mexican postal code published without its leading zero', () => {
  test('gets it back on import for an address in Mexico (no country, MX, México), said once with where and an example', () => {
    const imported = importDocuments({ releases: [release([
      { postalCode: '6720', countryName: 'MX' }, { postalCode: '3730' }, { postalCode: 3730, countryName: 'México  ' }, { postalCode: '06720', countryName: 'Mexico' },
    ])] }, 'cdmx.json');
    expect(codes(imported)).toEqual(['06720', '03730', '03730', '06720']);
    const notes = imported.findings.filter((f) => f.code === 'import.postal-code-zero');
    expect(notes.map((f) => f.params)).toEqual([{ example: '3730', count: 3, field: 'parties/address/postalCode', file: 'cdmx.json', sheet: 'Actores', column: 'Código postal' }]);
    expect(renderMessage(groupFieldNotes(notes)[0])).toBe('3 códigos postales de la columna «Código postal» de la hoja «Actores» tenían solo 4 dígitos (por ejemplo «3730»): un código postal de México tiene 5, y con 4 solo puede haber perdido el cero inicial, que se les puso (quedó «03730»). Revise que sean el de la dirección.');
    // The workbook the import writes no longer has validate refuse a code the official never typed.
    const findings = checkWorkbook(flatten({ releases: imported.releases, projects: [] }), { now: '2025-01-01T00:00:00-06:00' }).findings;
    expect(findings.filter((f) => f.code === 'address.postalCode')).toEqual([]);
  });

  test('is kept as published abroad or with another length, and is still an error when typed in the sheet', () => {
    const imported = importDocuments({ releases: [release([{ postalCode: '2134', countryName: 'Estados Unidos' }, { postalCode: '672' }])] }, 'x.json');
    expect(codes(imported)).toEqual(['2134', '672']);
    expect(imported.findings.filter((f) => f.code === 'import.postal-code-zero')).toEqual([]);
    // validate is unchanged: four digits typed by an official may be a digit missing anywhere.
    const typed = release([{ postalCode: '6720', countryName: 'MX' }]);
    const findings = checkWorkbook(flatten({ releases: [typed], projects: [] }), { now: '2025-01-01T00:00:00-06:00' }).findings;
    expect(findings.filter((f) => f.code === 'address.postalCode').map((f) => f.params.value)).toEqual(['6720']);
  });
});
