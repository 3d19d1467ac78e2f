/**
 * A required column the converter computes (grey, `derived` in schemas/program) is asked for where it comes from
 * (helper F's walk of the add-on): a party row without RFC got «Falta este dato… Escríbalo en la columna indicada»
 * on «Identificador del actor», the grey column the template says to leave blank, because it is made from the RFC.
 */
import type { Finding } from '../findings/finding';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { unflatten } from '../unflatten';
import { validate } from '../validate';
import { PROFILES } from '../profile/profiles';
import { buildSheetSpecs, SpecError, type Definition } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { templateSheet } from '../../test/template-sheets';
import type { WorkbookModel } from '../workbook/model';
import fieldsOcds from '../../schemas/labels/fields-ocds.json';
import codesOcds from '../../schemas/labels/codes-ocds.json';

const NOW = { now: '2025-07-01T10:00:00-06:00' };


const columnOf = (sheet: string, field: string): number => (templateSpec().sheets.find((s) => s.name === sheet)?.columns.findIndex((c) => c.field === field) ?? -2) + 1;

describe('a party without RFC', () => {
  const workbook: WorkbookModel = { sheets: [
    templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-1', 'tender/id': 'LP-1', 'tender/title': 'Bacheo' }]),
    templateSheet('Actores', [{ ocid: 'ocds-abc123-1', 'parties/name': 'Dirección de Obras', 'parties/roles': 'buyer', 'parties/identifier/scheme': 'MX-RFC' }]),
    templateSheet('Proyectos', [{ id: 'oc4ids-abc123-1', title: 'Parque' }]),
    templateSheet('Actores del proyecto', [{ id: 'oc4ids-abc123-1', 'parties/name': 'Municipio', 'parties/roles': 'publicAuthority', 'parties/identifier/scheme': 'MX-RFC' }]),
  ] };
  const findings = checkWorkbook(workbook, NOW).findings;

  test.each(['Actores', 'Actores del proyecto'])('«%s»: one error, at the RFC cell, saying the grey «Identificador del actor» is made from it', (sheet) => {
    const onRow = findings.filter((f) => f.cell?.sheet === sheet && f.cell.row === 3);
    // Nothing asks for the grey column itself.
    expect(onRow.filter((f) => f.cell?.column === columnOf(sheet, 'parties/id'))).toEqual([]);
    const atRfc = onRow.filter((f) => f.cell?.column === columnOf(sheet, 'parties/identifier/id'));
    expect(atRfc.map((f) => [f.code, f.severity, f.cell?.header])).toEqual([['program.requiredDerived', 'error', 'RFC del actor']]);
    expect(renderFinding(atRfc[0] as Finding)).toBe(`Error — Hoja «${sheet}», fila 3, columna F (RFC del actor): Falta «RFC del actor». De ese dato se calcula «Identificador del actor» (la columna gris), que el programa pide publicar en todos los casos: escríbalo en la columna indicada; la columna «Identificador del actor» puede quedar vacía.`);
  });

  test.each(['Actores', 'Actores del proyecto'])('«%s», scheme left blank too: still one finding, at the RFC cell, naming both grey columns made from it', (sheet) => {
    const blank: WorkbookModel = { sheets: workbook.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) })) };
    const s = blank.sheets.find((x) => x.name === sheet) as WorkbookModel['sheets'][number];
    s.rows[2][columnOf(sheet, 'parties/identifier/scheme') - 1] = '';
    const onRow = checkWorkbook(blank, NOW).findings.filter((f) => f.cell?.sheet === sheet && f.cell.row === 3);
    // Before: a second error, «Falta este dato», on the grey «Esquema del identificador», that the RFC fills (MX-RFC).
    expect(onRow.filter((f) => f.code.startsWith('program.required')).map((f) => [f.code, f.cell?.header])).toEqual([['program.requiredDerived', 'RFC del actor']]);
    expect(renderFinding(onRow.find((f) => f.code === 'program.requiredDerived') as Finding)).toBe(`Error — Hoja «${sheet}», fila 3, columna F (RFC del actor): Falta «RFC del actor». De ese dato se calculan «Identificador del actor» y «Esquema del identificador» (las columnas grises), que el programa pide publicar en todos los casos: escríbalo en la columna indicada; las columnas «Identificador del actor» y «Esquema del identificador» pueden quedar vacías.`);
    // With the RFC typed, the converter writes MX-RFC: nothing asks for the scheme.
    s.rows[2][columnOf(sheet, 'parties/identifier/id') - 1] = 'MME010101AB2';
    expect(checkWorkbook(blank, NOW).findings.filter((f) => f.cell?.sheet === sheet && f.code.startsWith('program.required'))).toEqual([]);
  });

  test('a scheme typed by hand is still checked; with a party id typed by hand and the RFC, a blank scheme is still made from the RFC', () => {
    const typed: WorkbookModel = { sheets: workbook.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) })) };
    const s = typed.sheets.find((x) => x.name === 'Actores') as WorkbookModel['sheets'][number];
    s.rows[2][columnOf('Actores', 'parties/identifier/id') - 1] = 'MME010101AB2';
    s.rows[2][columnOf('Actores', 'parties/identifier/scheme') - 1] = 'RFC';
    const onRow = (wb: WorkbookModel) => checkWorkbook(wb, NOW).findings.filter((f) => f.cell?.sheet === 'Actores' && f.cell.row === 3).map((f) => [f.code, f.cell?.header]);
    expect(onRow(typed)).toContainEqual(['party.schemeRfcSpelling', 'Esquema del identificador']);
    s.rows[2][columnOf('Actores', 'parties/identifier/scheme') - 1] = '';
    s.rows[2][columnOf('Actores', 'parties/id') - 1] = 'org-7';
    // Before: «Falta este dato» on the grey «Esquema del identificador», whose note says it is filled in automatically.
    expect(onRow(typed).filter(([code, header]) => String(code).startsWith('program.required') || header === 'Esquema del identificador')).toEqual([]);
    expect(unflatten(typed, NOW).releases[0]?.parties).toEqual([expect.objectContaining({ id: 'org-7', identifier: { scheme: 'MX-RFC', id: 'MME010101AB2' } })]);
    // Id typed, RFC blank: the scheme is asked for at the RFC cell, the one it is made from.
    s.rows[2][columnOf('Actores', 'parties/identifier/id') - 1] = '';
    expect(onRow(typed).filter(([code]) => String(code).startsWith('program.required'))).toEqual([['program.requiredDerived', 'RFC del actor']]);
  });

  test('with its RFC typed, no finding asks for either column', () => {
    const typed: WorkbookModel = { sheets: workbook.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) })) };
    for (const name of ['Actores', 'Actores del proyecto']) {
      const s = typed.sheets.find((x) => x.name === name) as WorkbookModel['sheets'][number];
      s.rows[2][columnOf(name, 'parties/identifier/id') - 1] = 'MME010101AB2';
    }
    const again = checkWorkbook(typed, NOW).findings.filter((f) => f.code.startsWith('program.required') && f.cell?.sheet.startsWith('Actores'));
    expect(again).toEqual([]);
  });
});

test('a published package (nothing derived): a party with an RFC and no id lacks the id itself; with neither, the RFC is asked for, in document words', () => {
  const release = (identifier: Record<string, string>) => ({ ocid: 'ocds-abc123-1', id: '1', date: '2025-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender', parties: [{ name: 'Obras', roles: ['buyer'], identifier: { scheme: 'MX-RFC', ...identifier } }] });
  const withRfc = validate({ releases: [release({ id: 'MME010101AB2' })] }, undefined, { now: NOW.now }).filter((f) => f.code.startsWith('program.required') && (f.pointer ?? '').startsWith('/releases/0/parties/0/'));
  expect(withRfc.map((f) => [f.code, f.pointer])).toEqual([['program.required', '/releases/0/parties/0/id']]);
  const neither = validate({ releases: [release({})] }, undefined, { now: NOW.now }).filter((f) => f.code.startsWith('program.required') && (f.pointer ?? '').startsWith('/releases/0/parties/0/'));
  expect(neither.map((f) => [f.code, f.pointer])).toEqual([['program.requiredDerived', '/releases/0/parties/0/identifier/id']]);
  expect(renderFinding(neither[0] as Finding)).toBe('Error — Libro completo: Falta «RFC del actor», del que la plantilla calcula «Identificador del actor» (parties/id), que el programa pide publicar en todos los casos. Escriba uno de los dos.');
  const bare = { ...release({}), parties: [{ name: 'Obras', roles: ['buyer'] }] };
  const none = validate({ releases: [bare] }, undefined, { now: NOW.now }).filter((f) => f.code.startsWith('program.required') && (f.pointer ?? '').startsWith('/releases/0/parties/0/'));
  expect(none.map((f) => renderFinding(f))).toEqual(['Error — Libro completo: Falta «RFC del actor», del que la plantilla calcula «Identificador del actor» (parties/id) y «Esquema del identificador» (parties/identifier/scheme), que el programa pide publicar en todos los casos. Escriba ese dato o cada uno de los que se calculan de él.']);
});

describe('every derived column says what it is computed from (schemas/program «from»)', () => {
  test('in the template: sources that are the template\'s columns; a required one has at least one', () => {
    for (const sheet of templateSpec().sheets) {
      const fields = new Set(templateSpec().sheets.filter((s) => s.standard === sheet.standard).flatMap((s) => s.columns.map((c) => c.field)));
      for (const column of sheet.columns.filter((c) => c.derived)) {
        expect({ field: column.field, from: column.derivedFrom?.every((f) => fields.has(f)) }).toEqual({ field: column.field, from: true });
        if (column.required) expect(column.derivedFrom?.length).toBeGreaterThan(0);
      }
      expect(sheet.columns.filter((c) => !c.derived && c.derivedFrom !== undefined)).toEqual([]);
    }
    expect(templateSpec().sheets.find((s) => s.name === 'Actores')?.columns.find((c) => c.field === 'parties/id')?.derivedFrom).toEqual(['parties/identifier/id']);
  });

  test('a definition that forgets it, or names a column no sheet has, is refused when the template is built', () => {
    const build = (columns: Definition['sheets'][number]['columns']): unknown => buildSheetSpecs({ profile: PROFILES.ocds, definition: { standard: 'ocds', sheets: [{ name: 'Actores', array: 'parties', columns }] }, fieldLabels: fieldsOcds, codeLabels: codesOcds });
    expect(() => build([{ path: 'id', required: true, derived: true }, 'identifier/id'])).toThrow(SpecError);
    expect(() => build([{ path: 'id', required: true, derived: true, from: [] }, 'identifier/id'])).toThrow(SpecError);
    expect(() => build([{ path: 'id', required: true, derived: true, from: ['identifier/legalName'] }, 'identifier/id'])).toThrow(/ninguna hoja tiene/);
    expect(() => build([{ path: 'id', required: true, derived: true, from: ['identifier/id'] }, 'identifier/id'])).not.toThrow();
  });
});
