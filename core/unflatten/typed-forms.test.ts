/**
 * Forms an official types that can be read only one way, through the whole engine (profile's code lists, Configuración's
 * zone, the catalogue's Spanish): «Vigente (active)» as our messages name an option, «2024/08/16» with the year first.
 */
import type { CellValue, WorkbookModel } from '../workbook/model';
import { unflatten } from './index';
import { renderMessage } from '../messages/render';

type Obj = Record<string, unknown>;

function convert(rows: CellValue[][], zone?: string) {
  const sheets: { name: string; rows: CellValue[][] }[] = [{ name: 'releases', rows }];
  if (zone) sheets.push({ name: 'Configuración', rows: [['Ajuste', 'Valor', 'Clave'], ['Zona horaria', zone, 'timeZone']] });
  return unflatten({ sheets } as WorkbookModel, { now: '2026-01-15T12:00:00Z' });
}

test('a code-list value typed as «Título (código)», as the messages show it, is that option when both name it', () => {
  const r = convert([
    ['ocid', 'contracts/0/id', 'contracts/0/status', 'tender/status'],
    ['ocds-abc123-1', 'C1', 'Vigente (active)', 'en curso ( ACTIVE )'],
  ]);
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect(r.releases[0]).toMatchObject({ contracts: [{ id: 'C1', status: 'active' }], tender: { status: 'active' } });
});

test('a title and a code of two different options are refused, naming both, in a closed list and in an open one', () => {
  const r = convert([
    ['ocid', 'contracts/0/id', 'contracts/0/status', 'tender/documents/0/id', 'tender/documents/0/documentType'],
    ['ocds-abc123-1', 'C1', 'Vigente (cancelled)', 'D1', 'Contrato firmado (tenderNotice)'],
  ]);
  const mismatches = r.findings.filter((f) => f.code === 'cell.code-title-mismatch');
  expect(mismatches.map((f) => [f.severity, f.cell?.column])).toEqual([['error', 3], ['error', 5]]);
  expect(renderMessage(mismatches[0])).toBe('«Vigente (cancelled)» junta dos opciones distintas de la lista: el nombre es de «Vigente (active)» y el código entre paréntesis, de «Cancelado (cancelled)». Elija la que corresponde en la lista desplegable.');
  // Nothing published for either: which of the two was meant only the official knows.
  expect((r.releases[0] as Obj).contracts).toEqual([{ id: 'C1' }]);
  expect(JSON.stringify(r.releases[0])).not.toContain('tenderNotice');
});

test('a date with the year first and slashes (2024/08/16) is read like dd/mm/aaaa, at midnight of the Configuración zone', () => {
  const rows: CellValue[][] = [['ocid', 'date', 'tender/tenderPeriod/startDate', 'tender/tenderPeriod/endDate'], ['ocds-abc123-1', '2024/08/16', '2024.8.1', '16/08/2024']];
  const r = convert(rows);
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  expect(r.releases[0]).toMatchObject({ date: '2024-08-16T00:00:00-06:00', tender: { tenderPeriod: { startDate: '2024-08-01T00:00:00-06:00', endDate: '2024-08-16T00:00:00-06:00' } } });
  const cancun = convert(rows, 'America/Cancun');
  expect((cancun.releases[0] as Obj).date).toBe('2024-08-16T00:00:00-05:00');
  // Not a day of the calendar, or not one way to read it: still refused.
  for (const text of ['2024/02/30', '2024/16/08', '2024/08-16', '24/08/16']) {
    const bad = convert([['ocid', 'date'], ['ocds-abc123-1', text]]);
    expect(bad.findings.map((f) => f.code)).toContain(text === '24/08/16' ? 'cell.two-digit-year' : text === '2024/02/30' ? 'cell.no-such-day' : 'cell.not-a-date');
  }
});

// Excel with the computer's regional setting in month/day/year (English, United States): «05/03/2024» typed or
// pasted became a date cell of 3 May, «31/03/2024» stayed text. 3 May was published for 5 March without a word.
test('date cells beside text dates a month-first Excel could not read are said with the date they may have been typed as', () => {
  const may3 = new Date(Date.UTC(2024, 4, 3));
  const r = convert([
    ['ocid', 'contracts/0/id', 'contracts/0/dateSigned', 'contracts/0/period/startDate'],
    ['ocds-abc123-1', 'C1', may3, may3],
    ['ocds-abc123-2', 'C1', '31/03/2024', '31/03/2024'],
    ['ocds-abc123-3', 'C1', new Date(Date.UTC(2024, 6, 7, 10, 30)), '05/03/2024'],
    ['ocds-abc123-4', 'C1', new Date(Date.UTC(2024, 3, 4)), new Date(Date.UTC(2024, 3, 20))],
  ]);
  const said = r.findings.filter((f) => f.code === 'cell.month-first-sheet-date');
  // Not 07/07 nor 04/04 (the same either way), nor any cell of a column whose text «05/03/2024» that setting would
  // have made a date cell: its text dates were typed as text.
  expect(said.map((f) => [f.severity, f.cell?.row, f.cell?.column, f.params.date, f.params.swapped])).toEqual([['warning', 2, 3, '03/05/2024', '05/03/2024']]);
  expect(renderMessage(said[0])).toBe('La celda guarda la fecha 03/05/2024, y en esta columna «31/03/2024» (fila 3) quedó como texto, no como fecha: así lo hace la hoja de cálculo cuando su configuración regional lee las fechas con el mes primero, como en Estados Unidos. Si en esta celda escribió 05/03/2024, se guardó con el día y el mes cambiados y se publicaría 03/05/2024. Revísela: si la fecha es 05/03/2024, escríbala con un apóstrofo delante (\'05/03/2024), que se lee bien, como la de la fila 3; o ponga la configuración regional en «Español (México)» (en Excel, la de Windows; en Google Sheets, Archivo → Configuración) y vuelva a escribir las fechas.');
  // Still published as stored (a warning), and the text as the day it names.
  expect(r.releases.map((x) => ((x as Obj).contracts as Obj[])[0].dateSigned)).toEqual(['2024-05-03T00:00:00-06:00', '2024-03-31T00:00:00-06:00', '2024-07-07T10:30:00-06:00', '2024-04-04T00:00:00-06:00']);
});

// The same column typed as text with the month first, as a system of the United States exports it: «03/31/2024» is
// refused (cell.month-first) and gets corrected, but «03/05/2024» read day first as 3 May, without a word.
test('text dates both orders read, in a column whose texts are written month first, are said with the other reading', () => {
  const r = convert([
    ['ocid', 'contracts/0/id', 'contracts/0/dateSigned', 'contracts/0/period/startDate'],
    ['ocds-abc123-1', 'C1', '03/31/2024', '03/05/2024'],
    ['ocds-abc123-2', 'C1', '03/05/2024', '31/03/2024'],
    ['ocds-abc123-3', 'C1', '04/04/2024', '05/03/2024'],
  ]);
  expect(r.findings.filter((f) => f.code === 'cell.month-first').map((f) => [f.cell?.row, f.cell?.column])).toEqual([[2, 3]]);
  const said = r.findings.filter((f) => f.code === 'cell.month-first-text-date');
  // Not 04/04 (the same either way), nor the other column, whose «31/03/2024» is day first.
  expect(said.map((f) => [f.severity, f.cell?.row, f.cell?.column])).toEqual([['warning', 3, 3]]);
  expect(renderMessage(said[0])).toBe('«03/05/2024» se leyó con el día primero, como el 3 de mayo de 2024, pero en esta columna «03/31/2024» (fila 2) está escrita con el mes primero, como en Estados Unidos. Si esta también lo está, es el 5 de marzo de 2024: escríbala con el día primero, 05/03/2024. Revísela.');
});

// Numbers copied from a system that groups thousands with a dot: «1.234.567,89» is refused and gets corrected, but
// «12.500» read as twelve and a half, published 1,000 times too small without a word.
test('a number with one dot and three digits, in a column with numbers grouped by dots, is said with the thousands it may be', () => {
  const r = convert([
    ['ocid', 'tender/id', 'tender/items/0/id', 'tender/items/0/quantity', 'tender/items/1/id', 'tender/items/1/quantity'],
    ['ocds-abc123-1', 'T1', 'I1', '1.234.567,89', 'I2', '12.500'],
    ['ocds-abc123-2', 'T1', 'I1', '12.500', 'I2', '1,234'],
    ['ocds-abc123-3', 'T1', 'I1', 1234.5],
  ]);
  const said = r.findings.filter((f) => f.code === 'cell.dot-thousands');
  // Not the other column: its «1,234» is es-MX thousands, no trace of dots grouping them.
  expect(said.map((f) => [f.severity, f.cell?.row, f.cell?.column])).toEqual([['warning', 3, 4]]);
  expect(renderMessage(said[0])).toBe('«12.500» se leyó como 12.500, con punto decimal, pero en esta columna «1.234.567,89» (fila 2) está escrito con punto de miles. Si este también, es 12,500: escríbalo así, con coma de miles. Revíselo.');
  expect((r.releases[1] as { tender: { items: { quantity: number }[] } }).tender.items[0].quantity).toBe(12.5);
});

// In pesos and cents a third decimal is almost never meant: «1.234» and «$ 12.500» are thousands typed with the dot,
// as Spain and most of Latin America group them, and were published as $1.23 and $12.50 without a word whenever the
// column had no other trace of dots. Each is said at its cell, value kept: only the official knows.
test('an amount of money with three decimals is kept and asked about at its cell, typed as text or as a number', () => {
  const r = convert([
    ['ocid', 'tender/id', 'tender/value/amount', 'tender/minValue/amount', 'planning/budget/amount/amount'],
    ['ocds-abc123-1', 'T1', '$ 12.500', 1.234, '1,234.567'],
    ['ocds-abc123-2', 'T1', 12.5, '0.125', 27317.8168],
  ]);
  const said = r.findings.filter((f) => f.code === 'cell.three-decimals');
  // Not 1,234.567 (no thousands dot reads it), 12.5, 0.125 nor a unit price's four decimals.
  expect(said.map((f) => [f.severity, f.cell?.row, f.cell?.column])).toEqual([['warning', 2, 3], ['warning', 2, 4]]);
  expect(said.map(renderMessage)).toEqual([
    '«$ 12.500» se leyó con punto decimal: $12.50, menos de $13.00. ¿Quiso decir $12,500.00? En México la coma separa los miles y el punto los decimales: escriba 12,500. Si el monto es el que se leyó, déjelo así.',
    '«1.234» se leyó con punto decimal: $1.234, menos de $2.00. ¿Quiso decir $1,234.00? En México la coma separa los miles y el punto los decimales: escriba 1,234. Si el monto es el que se leyó, déjelo así.',
  ]);
  expect((r.releases[0] as { tender: Obj }).tender).toMatchObject({ value: { amount: 12.5 }, minValue: { amount: 1.234 } });
});

// As officials type an amount with its currency: read when it agrees with the row's currency column (or is pesos beside
// a blank one, as a Value without currency is published), said at the cell; refused, naming both, when it does not.
// «1,234.50 MXN» was read without a word beside «USD»: published in dollars; «MXN 1,234.50» and «$1'234,567.89»
// (apostrophe for the millions, as old forms write it) were «no es un número».
test('an amount written with its currency is checked against the row\'s currency column; apostrophes group thousands', () => {
  const r = convert([
    ['ocid', 'tender/id', 'tender/value/amount', 'tender/value/currency', 'tender/minValue/amount', 'planning/budget/amount/amount', 'planning/budget/amount/currency'],
    ['ocds-abc123-1', 'T1', 'MXN 1,234,567.89', 'MXN', "$1'234,567.89", '1,500.50 USD', 'Dólares americanos'],
    ['ocds-abc123-2', 'T1', '1,234.50 MXN', 'USD', 'USD 2,000', '$ 1 234 567,89'],
  ]);
  const at = (row: number) => r.findings.filter((f) => f.cell?.row === row && f.cell.column !== 2).map((f) => [f.code, f.severity, f.cell?.column, renderMessage(f)]);
  expect(at(2)).toEqual([
    ['cell.currency-read', 'info', 3, '«MXN 1,234,567.89» se leyó como $1,234,567.89, en la moneda de la columna «tender/value/currency». La moneda va en su propia columna: en esta basta la cantidad, 1,234,567.89.'],
    ['cell.apostrophe-thousands', 'info', 5, '«$1\'234,567.89» se leyó como $1,234,567.89: el apóstrofo se tomó como separador de miles, como en los formatos antiguos. Escríbalo así, con comas.'],
    ['cell.currency-read', 'info', 6, '«1,500.50 USD» se leyó como $1,500.50 USD, en la moneda de la columna «planning/budget/amount/currency». La moneda va en su propia columna: en esta basta la cantidad, 1,500.50.'],
  ]);
  expect(r.releases[0]).toMatchObject({ tender: { value: { amount: 1234567.89, currency: 'MXN' }, minValue: { amount: 1234567.89, currency: 'MXN' } }, planning: { budget: { amount: { amount: 1500.5, currency: 'USD' } } } });
  expect(at(3)).toEqual([
    ['cell.currency-mismatch', 'error', 3, '«1,234.50 MXN» dice MXN, pero la columna «tender/value/currency» de esta fila dice USD. Escriba aquí solo la cantidad, 1,234.50, y en «tender/value/currency» la moneda que corresponde.'],
    ['cell.currency-not-in-column', 'error', 5, '«USD 2,000» dice USD, pero esta hoja no tiene columna de moneda para este monto, y un monto sin moneda se publica en pesos (MXN). Escriba aquí solo la cantidad, 2,000.00.'],
    ['cell.decimal-comma', 'error', 6, '«$ 1 234 567,89» está escrito con coma decimal. En México el punto separa los decimales y la coma los miles: escriba 1,234,567.89.'],
  ]);
  // Refused amounts are not published in a currency nobody chose.
  expect((r.releases[1] as { tender: Obj }).tender.value).toEqual({ currency: 'USD' });
});

// A duration typed with its unit: «30 días» in a column of days is that; months, weeks or business days are not.
test('a whole number of days with «días» after it is read and said; another unit of time is refused', () => {
  const r = unflatten({ sheets: [{ name: 'projects', rows: [
    ['id', 'period/durationInDays', 'assetLifetime/durationInDays'],
    ['oc4ids-abc123-0001', '30 días', '3 meses'],
    ['oc4ids-abc123-0002', '20 días hábiles', '365 dias naturales'],
  ] }] } as WorkbookModel, { now: '2026-01-15T12:00:00Z' });
  const said = r.findings.filter((f) => f.cell?.column !== 1).map((f) => [f.code, f.severity, f.cell?.row, renderMessage(f)]);
  expect(said).toEqual([
    ['cell.days-read', 'info', 2, '«30 días» se leyó como 30: esta columna cuenta días naturales. Basta con escribir el número.'],
    ['cell.unit-not-days', 'error', 2, '«3 meses»: esta columna cuenta días naturales, no meses. Escriba cuántos días son, solo el número.'],
    ['cell.business-days', 'error', 3, '«20 días hábiles»: esta columna cuenta días naturales (de calendario), no días hábiles, que no incluyen fines de semana ni días festivos. Escriba cuántos días naturales son, solo el número.'],
    ['cell.days-read', 'info', 3, '«365 dias naturales» se leyó como 365: esta columna cuenta días naturales. Basta con escribir el número.'],
  ]);
  expect(r.projects.map((p) => [(p as Obj).period, (p as Obj).assetLifetime])).toEqual([[{ durationInDays: 30 }, undefined], [undefined, { durationInDays: 365 }]]);
});
