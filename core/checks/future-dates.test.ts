/**
 * «No future dates» judged on the publisher's calendar: a date typed in Tijuana is compared with today in Tijuana,
 * near midnight too, and tomorrow is the future (a day of slack for every date let it pass).
 */
import { validate } from '../validate';
import { checkWorkbook } from '../pipeline/check-workbook';
import { templateSpec } from '../template/template-spec';
import { renderFinding } from '../messages/render';
import type { Finding } from '../findings/finding';
import type { CellValue, WorkbookModel } from '../workbook/model';

const future = (dateSigned: string, now: string): boolean => validate({
  releases: [{ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-08:00', tag: ['contract'], initiationType: 'tender', contracts: [{ id: 'C1', awardID: 'A1', status: 'active', dateSigned }] }],
}, undefined, { now }).some((f) => f.code === 'date.future');

test('a date with its offset is in the future when its day is after today at that offset', () => {
  // 23:30 of 31/12/2024 in Tijuana (UTC−8) is 07:30 of 01/01/2025 in UTC.
  const now = '2025-01-01T07:30:00Z';
  expect(future('2024-12-31T00:00:00-08:00', now)).toBe(false);
  expect(future('2024-12-31T23:59:00-08:00', now)).toBe(false);
  expect(future('2025-01-01T00:00:00-08:00', now)).toBe(true);
  // The same instant is already 01/01/2025 in Cancún (UTC−5): a date of that day there is today.
  expect(future('2025-01-01T00:00:00-05:00', now)).toBe(false);
  expect(future('2025-01-02T00:00:00-05:00', now)).toBe(true);
  // Without an offset, the day of slack as before.
  expect(future('2025-01-02', now)).toBe(false);
  expect(future('2025-01-03', now)).toBe(true);
});

/**
 * A workbook's dates are judged on its own calendar (the zone of its Configuración sheet), wherever the server runs.
 * At a border zone's clock change, judging a date at its own offset refused a contract signed that very day.
 */
describe('a workbook: today is the day in its time zone', () => {
  const inZone = (dateSigned: string, now: string, timeZone: string): boolean => validate({
    releases: [{ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-08:00', tag: ['contract'], initiationType: 'tender', contracts: [{ id: 'C1', awardID: 'A1', status: 'active', dateSigned }] }],
  }, undefined, { now, timeZone }).some((f) => f.code === 'date.future');

  test('the day clocks go back in Tijuana: a signature typed that day with a later hour is today', () => {
    // 00:30 of 01/11/2026 in Tijuana (summer time, −07:00); by 10:00 its clocks say −08:00, so the date is written so.
    const now = '2026-11-01T07:30:00Z';
    expect(inZone('2026-11-01T10:00:00-08:00', now, 'America/Tijuana')).toBe(false);
    expect(inZone('2026-11-01T00:00:00-07:00', now, 'America/Tijuana')).toBe(false);
    expect(inZone('2026-11-02T00:00:00-08:00', now, 'America/Tijuana')).toBe(true);
  });

  test('the day clocks go forward in Tijuana: 23:30 of the day before is not yet that day', () => {
    // 23:30 of 07/03/2026 in Tijuana (−08:00); 08/03/2026 is tomorrow there, though it is already that day in UTC.
    const now = '2026-03-08T07:30:00Z';
    expect(inZone('2026-03-07T18:00:00-08:00', now, 'America/Tijuana')).toBe(false);
    expect(inZone('2026-03-08T00:00:00-08:00', now, 'America/Tijuana')).toBe(true);
  });

  test('Cancún and Mexico City at the same instant: each its own today', () => {
    // 23:30 of 31/12/2025 in Mexico City is 00:30 of 01/01/2026 in Cancún.
    const now = '2026-01-01T05:30:00Z';
    expect(inZone('2026-01-01T00:00:00-05:00', now, 'America/Cancun')).toBe(false);
    expect(inZone('2026-01-01T00:00:00-06:00', now, 'America/Mexico_City')).toBe(true);
    expect(inZone('2025-12-31T20:00:00-06:00', now, 'America/Mexico_City')).toBe(false);
  });

  test('a date at another offset: the day its instant falls on in the workbook zone', () => {
    // 19:00 of 06/12/2026 in Hermosillo (−07:00) is 02:00 of 07/12/2026 in UTC: a payment recorded then in UTC is today.
    const now = '2026-12-07T02:00:00Z';
    expect(inZone('2026-12-07T01:30:00Z', now, 'America/Hermosillo')).toBe(false);
    expect(inZone('2026-12-07T08:00:00Z', now, 'America/Hermosillo')).toBe(true);
  });
});

describe('a workbook read as the official typed it', () => {
  /** A Proyectos sheet with one project completed on `endDate` (a sheet date: its clock time in UTC, as files give it). */
  const workbook = (endDate: Date, timeZone: string): WorkbookModel => {
    const sheet = templateSpec().sheets.find((s) => s.name === 'Proyectos');
    if (!sheet) throw new Error('no Proyectos sheet');
    const values: Record<string, unknown> = { id: 'oc4ids-abc123-1', title: 'Parque', 'completion/endDate': endDate };
    return { sheets: [
      { name: 'Configuración', rows: [['Parámetro', 'Valor', 'clave'], ['Zona horaria', timeZone, 'timeZone']] },
      { name: sheet.name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), sheet.columns.map((c) => (values[c.path] ?? '') as CellValue)] },
    ] };
  };
  const futureOf = (wb: WorkbookModel, now: string): Finding[] => checkWorkbook(wb, { now }).findings.filter((f) => f.code === 'date.future');

  test('Tijuana, 00:30 of the day clocks go back: «01/11/2026 10:00» is today; «02/11/2026» is said with its cell and today', () => {
    const now = '2026-11-01T07:30:00Z';
    expect(futureOf(workbook(new Date(Date.UTC(2026, 10, 1, 10, 0)), 'America/Tijuana'), now)).toEqual([]);
    const [f] = futureOf(workbook(new Date(Date.UTC(2026, 10, 2)), 'America/Tijuana'), now);
    expect(renderFinding(f)).toMatch(/^Error — Hoja «Proyectos», fila 3, columna [A-Z]+ \(Fecha real de término\): La fecha 02\/11\/2026 está en el futuro, pero se refiere a algo que ya ocurrió \(hoy es 01\/11\/2026 en la zona horaria del libro, America\/Tijuana\)\./);
  });
});

test('a date repeated in several cells is refused at each of them, in every zone (each text is judged once per run)', () => {
  const now = '2025-01-01T07:30:00Z';
  const release = (dates: string[]) => ({ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-08:00', tag: ['contract'], initiationType: 'tender', contracts: dates.map((dateSigned, i) => ({ id: `C${i}`, awardID: 'A1', status: 'active', dateSigned })) });
  const dates = ['2025-01-02T00:00:00-06:00', '2024-12-30T00:00:00-06:00', '2025-01-02T00:00:00-06:00', '2025-01-02T00:00:00-06:00'];
  for (const timeZone of [undefined, 'America/Mexico_City']) {
    const findings = validate({ releases: [release(dates), release(dates.slice(2))] }, undefined, { now, ...(timeZone ? { timeZone } : {}) });
    expect(findings.filter((f) => f.code === 'date.future').map((f) => f.pointer)).toEqual([
      '/releases/0/contracts/0/dateSigned', '/releases/0/contracts/2/dateSigned', '/releases/0/contracts/3/dateSigned',
      '/releases/1/contracts/0/dateSigned', '/releases/1/contracts/1/dateSigned',
    ]);
  }
});
