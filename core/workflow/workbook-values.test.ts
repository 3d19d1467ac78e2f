import { flatten } from '../flatten';
import { unflatten } from '../unflatten';
import type { WorkbookModel } from '../workbook/model';
import { workbookValues } from './workbook-values';
import { checkCreateRequest } from './contract';

test('a date cell with a time travels to the server as the date-time the engine reads of it; a date alone as its day', () => {
  const release = {
    ocid: 'ocds-abc123-V-1', id: '1', date: '2024-06-01T10:00:00-06:00', tag: ['tender'], initiationType: 'tender',
    tender: { id: 'V-1', title: 'Horas', tenderPeriod: { startDate: '2024-03-01T09:30:15-06:00', endDate: '2024-03-20T00:00:00-06:00' } },
  };
  const workbook = flatten({ releases: [release], projects: [] });
  const sheet = workbook.sheets.find((s) => s.name === 'Contrataciones')!;
  const at = (p: string) => sheet.rows[1].indexOf(p);
  // What the add-on reads of the sheet: date cells (the clock time in UTC).
  expect([sheet.rows[2][at('tender/tenderPeriod/startDate')], sheet.rows[2][at('tender/tenderPeriod/endDate')]]).toEqual([new Date('2024-03-01T09:30:15Z'), new Date('2024-03-20T00:00:00Z')]);
  const sent = workbookValues(workbook);
  const row = sent.sheets.find((s) => s.name === 'Contrataciones')!.rows[2];
  expect([row[at('tender/tenderPeriod/startDate')], row[at('tender/tenderPeriod/endDate')]]).toEqual(['2024-03-01T09:30:15-06:00', '2024-03-20']);
  const now = '2025-01-01T00:00:00-06:00';
  expect(unflatten(sent as WorkbookModel, { now }).releases[0].tender).toEqual(unflatten(workbook, { now }).releases[0].tender);
  expect((unflatten(sent as WorkbookModel, { now }).releases[0].tender as { tenderPeriod: unknown }).tenderPeriod).toEqual(release.tender.tenderPeriod);
  // A time alone in a date cell (the sheet's day 0) is sent as the time it shows, which the server refuses as no date.
  sheet.rows[2][at('tender/tenderPeriod/startDate')] = new Date('1899-12-30T10:30:00Z');
  expect(workbookValues(workbook).sheets.find((s) => s.name === 'Contrataciones')!.rows[2][at('tender/tenderPeriod/startDate')]).toBe('10:30:00');
});

test('rows a filter leaves out travel with the values (the add-on to a self-hosted server): the send warns of them as «Validar» did', () => {
  const workbook = flatten({ releases: [{ ocid: 'ocds-abc123-V-1', id: '1', date: '2024-06-01T10:00:00-06:00', tag: ['tender'], initiationType: 'tender', tender: { id: 'V-1', title: 'Filtrada' } }], projects: [] });
  const sheet = workbook.sheets.find((s) => s.name === 'Contrataciones')!;
  sheet.hiddenRows = { count: 1, rows: [3] };
  const now = '2025-01-01T00:00:00-06:00';
  const hidden = (m: WorkbookModel) => unflatten(m, { now }).findings.filter((f) => f.code === 'sheet.hidden-rows').map((f) => [f.cell, f.params]);
  expect(hidden(workbook)).toEqual([[{ sheet: 'Contrataciones', row: 3 }, { count: 1, rows: '3' }]]);
  // As the server takes the request (checkCreateRequest), then reads it.
  const received = checkCreateRequest(JSON.parse(JSON.stringify({ workbook: workbookValues(workbook) }))).workbook as WorkbookModel;
  expect(hidden(received)).toEqual(hidden(workbook));
});
