import { rfcCheckDigit, rfcProblem } from './rfc';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { templateSpec } from '../template/template-spec';
import { templateSheet } from '../../test/template-sheets';
import type { WorkbookModel } from '../workbook/model';

describe('RFC (SAT)', () => {
  it('accepts valid company and person RFCs and SAT generic ones', () => {
    for (const rfc of ['GODE561231GR8', 'MAB9307148T4', 'MME850101AB8', 'XAXX010101000', 'XEXX010101000']) expect(rfcProblem(rfc)).toBeUndefined();
  });

  it('asks for capitals: a lowercase RFC was published so, and its party id matched no reference in capitals', () => {
    expect(rfcProblem('gode561231gr8')).toBe('lowercase');
  });

  it('computes the check digit over the first 11 or 12 characters', () => {
    expect(rfcCheckDigit('GODE561231GR')).toBe('8');
    expect(rfcCheckDigit('MAB9307148T')).toBe('4');
    expect(rfcCheckDigit('COP990315K2')).toBe('A');
    expect(rfcCheckDigit('SAT970701NN')).toBe('3');
  });

  it('names the problem', () => {
    expect(rfcProblem('GODE561231G')).toBe('length');
    expect(rfcProblem('GODE561231GR')).toBe('format'); // 12 characters must start with 3 letters, not 4
    expect(rfcProblem('G0DE561231GR8')).toBe('format');
    expect(rfcProblem('GODE560231GR8')).toBe('date');
    expect(rfcProblem('MAB9302297T4')).toBe('date');
    expect(rfcProblem('VACE460910SX6')).toBe('checkDigit');
  });

  it('accepts 29 February only in leap years', () => {
    expect(rfcProblem(`ABC000229AB${rfcCheckDigit('ABC000229AB')}`)).toBeUndefined();
    expect(rfcProblem(`ABC010229AB${rfcCheckDigit('ABC010229AB')}`)).toBe('date');
  });
});

/**
 * An RFC typed in lowercase in a sheet is published in capitals, with a note: the decision that made it an error
 * (rfc.lowercase) was about publishing it so, as a party `MX-RFC-mab…` that references in capitals did not match.
 */
describe('an RFC typed in lowercase in the Actores sheet', () => {
  const rfcColumn = (templateSpec().sheets.find((x) => x.name === 'Actores')?.columns.findIndex((c) => c.field === 'parties/identifier/id') ?? -2) + 1;
  const workbook = (rfc: string, scheme = ''): WorkbookModel => ({ sheets: [
    templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-1', 'tender/id': 'LP-1', 'tender/title': 'Bacheo' }]),
    templateSheet('Actores', [{ ocid: 'ocds-abc123-1', 'parties/name': 'Constructora del Sur', 'parties/roles': 'supplier', 'parties/identifier/id': rfc, 'parties/identifier/scheme': scheme }]),
    templateSheet('Adjudicaciones', [{ ocid: 'ocds-abc123-1', 'awards/id': 'A-1', 'awards/status': 'active' }]),
    templateSheet('Proveedores adjudicados', [{ ocid: 'ocds-abc123-1', 'awards/id': 'A-1', 'awards/suppliers/id': 'MX-RFC-MAB9307148T4', 'awards/suppliers/name': 'Constructora del Sur' }]),
  ] });

  it('is published in capitals, its party matches the references in capitals, and the official is told so at the cell', () => {
    const checked = checkWorkbook(workbook(' mab9307148t4 '), { now: '2025-07-01T10:00:00-06:00' });
    const party = (checked.releases[0].parties as { id: string; identifier: { id: string; scheme: string } }[])[0];
    expect(party).toMatchObject({ id: 'MX-RFC-MAB9307148T4', identifier: { id: 'MAB9307148T4', scheme: 'MX-RFC' } });
    const noted = checked.findings.filter((f) => /^rfc\.|^reference\.|^cell\.rfc/.test(f.code));
    expect(noted.map((f) => [f.code, f.severity, f.cell?.sheet, f.cell?.row, f.cell?.column])).toEqual([['cell.rfc-uppercased', 'info', 'Actores', 3, rfcColumn]]);
    expect(renderFinding(noted[0])).toMatch(/«mab9307148t4» se publicará en mayúsculas, como lo escribe el SAT: «MAB9307148T4»\.$/);
  });

  it('typed with hyphens or spaces, as older SAT documents print it: published joined, its party matching the references, and said at the cell', () => {
    // Helper R15's walk: «PEJ-800101-AB1» was refused with «tiene 14 caracteres y debe tener 12 … o 13».
    for (const typed of ['MAB-930714-8T4', 'mab 930714 8t4']) {
      const checked = checkWorkbook(workbook(typed), { now: '2025-07-01T10:00:00-06:00' });
      const party = (checked.releases[0].parties as { id: string; identifier: { id: string } }[])[0];
      expect(party).toMatchObject({ id: 'MX-RFC-MAB9307148T4', identifier: { id: 'MAB9307148T4' } });
      const noted = checked.findings.filter((f) => /^rfc\.|^reference\.|^cell\.rfc/.test(f.code));
      expect(noted.map((f) => [f.code, f.severity, f.cell?.sheet, f.cell?.row, f.cell?.column, renderFinding(f).replace(/^.*?\): /, '')])).toEqual([
        ['cell.rfc-joined', 'info', 'Actores', 3, rfcColumn, `El RFC «${typed}» se publicará sin espacios, guiones ni puntos, como lo escribe el SAT: «MAB9307148T4».`]]);
    }
    // What is no RFC once joined either stays as typed, for the RFC check to name.
    expect(checkWorkbook(workbook('MAB-9307-14'), { now: '2025-07-01T10:00:00-06:00' }).findings.filter((f) => /^rfc\.|^cell\.rfc/.test(f.code)).map((f) => f.code)).toEqual(['rfc.length']);
  });

  it('typed in lowercase everywhere, as MX-RFC-… in the references and in the sheets below Actores: all of it in capitals, and it all matches', () => {
    const book = workbook('mab9307148t4');
    book.sheets[3] = templateSheet('Proveedores adjudicados', [{ ocid: 'ocds-abc123-1', 'awards/id': 'A-1', 'awards/suppliers/id': 'mx-rfc-mab9307148t4', 'awards/suppliers/name': 'Constructora del Sur' }]);
    book.sheets.push(templateSheet('Contactos adicionales', [{ ocid: 'ocds-abc123-1', 'parties/id': 'Mx-Rfc-mab9307148t4', 'parties/additionalContactPoints/name': 'Jurídico', 'parties/additionalContactPoints/email': 'juridico@constructora.mx' }]));
    const checked = checkWorkbook(book, { now: '2025-07-01T10:00:00-06:00' });
    const release = checked.releases[0] as { parties: { id: string; additionalContactPoints?: unknown[] }[]; awards: { suppliers: { id: string }[] }[] };
    expect(release.parties).toHaveLength(1);
    expect(release.parties[0]).toMatchObject({ id: 'MX-RFC-MAB9307148T4', additionalContactPoints: [{ name: 'Jurídico' }] });
    expect(release.awards[0].suppliers[0].id).toBe('MX-RFC-MAB9307148T4');
    const noted = checked.findings.filter((f) => /^rfc\.|^reference\.|^cell\.rfc|^row\./.test(f.code));
    expect(noted.map((f) => [f.code, f.cell?.sheet, f.params.value])).toEqual([
      ['cell.rfc-uppercased', 'Actores', 'mab9307148t4'],
      ['cell.rfc-uppercased', 'Proveedores adjudicados', 'mx-rfc-mab9307148t4'],
      ['cell.rfc-uppercased', 'Contactos adicionales', 'Mx-Rfc-mab9307148t4'],
    ]);
  });

  it('a reference typed as the bare RFC in lowercase, without «MX-RFC-»: in capitals too, so it names the party it meant', () => {
    const book = workbook('mab9307148t4');
    book.sheets[3] = templateSheet('Proveedores adjudicados', [{ ocid: 'ocds-abc123-1', 'awards/id': 'A-1', 'awards/suppliers/id': ' mab9307148t4', 'awards/suppliers/name': 'Constructora del Sur' }]);
    const checked = checkWorkbook(book, { now: '2025-07-01T10:00:00-06:00' });
    expect((checked.releases[0] as { awards: { suppliers: { id: string }[] }[] }).awards[0].suppliers[0].id).toBe('MAB9307148T4');
    const noted = checked.findings.filter((f) => /^rfc\.|^reference\.|^cell\.rfc/.test(f.code));
    expect(noted.map((f) => [f.code, f.severity, f.cell?.sheet, f.params.value, f.params.party])).toEqual([
      ['cell.rfc-uppercased', 'info', 'Actores', 'mab9307148t4', undefined],
      ['cell.rfc-uppercased', 'info', 'Proveedores adjudicados', 'mab9307148t4', undefined],
      ['reference.partyByIdentifier', 'error', 'Proveedores adjudicados', 'MAB9307148T4', 'MX-RFC-MAB9307148T4'],
    ]);
  });

  it('in a reference, only a valid RFC once in capitals; other ids are left as typed', () => {
    const book = workbook('mab9307148t4');
    // Its check digit is wrong (VACE460910SX6 is refused as such); an award's id is no reference to a party.
    book.sheets[2] = templateSheet('Adjudicaciones', [{ ocid: 'ocds-abc123-1', 'awards/id': 'mab9307148t4', 'awards/status': 'active' }]);
    book.sheets[3] = templateSheet('Proveedores adjudicados', [{ ocid: 'ocds-abc123-1', 'awards/id': 'mab9307148t4', 'awards/suppliers/id': 'vace460910sx6', 'awards/suppliers/name': 'Constructora del Sur' }]);
    const checked = checkWorkbook(book, { now: '2025-07-01T10:00:00-06:00' });
    const award = (checked.releases[0] as { awards: { id: string; suppliers: { id: string }[] }[] }).awards[0];
    expect([award.id, award.suppliers[0].id]).toEqual(['mab9307148t4', 'vace460910sx6']);
    expect(checked.findings.filter((f) => f.code === 'cell.rfc-uppercased').map((f) => f.cell?.sheet)).toEqual(['Actores']);
  });

  it('another scheme\'s identifier, or text that is no RFC in capitals either, is left as typed', () => {
    const foreign = checkWorkbook(workbook('abc-123-x', 'US-EIN'), { now: '2025-07-01T10:00:00-06:00' });
    expect((foreign.releases[0].parties as { identifier: { id: string } }[])[0].identifier.id).toBe('abc-123-x');
    const garbage = checkWorkbook(workbook('sin rfc'), { now: '2025-07-01T10:00:00-06:00' });
    expect(garbage.findings.filter((f) => f.code.startsWith('rfc.') || f.code === 'cell.rfc-uppercased').map((f) => [f.code, f.params.value])).toEqual([['rfc.length', 'sin rfc']]);
  });
});
