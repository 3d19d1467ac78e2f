import fc from 'fast-check';
import { NEEDS_PARSING, parseBoolean, parseDate, parseNumber, parseValue, plainValue } from './parse-value';
import { renderMessage } from '../messages/render';
import { normalizeLabel } from './normalize-label';
import { cleanText } from './clean-cell';
import './unflatten-messages';
import { templateSpec } from '../template/template-spec';
import { ColumnResolver } from './column-resolver';
import { PROFILES } from '../profile/profiles';
import { finding } from '../findings/finding';

describe('parseNumber (es-MX)', () => {
  test.each([
    ['1,234,567.89', 1234567.89], ['$1,234.50', 1234.5], ['-$5', -5], ['$ -5', -5], ['1000', 1000], ['.5', 0.5],
    ['1e3', 1000], ['2,000 MXN', 2000], [42, 42],
    // Grouped with spaces, as NOM-008-SCFI and many official documents write them.
    ['1 234 567', 1234567], ['$ 1 234 567.50', 1234567.5], ['-1\u2009234', -1234], ['1 234', 1234],
    // In parentheses, as accounting writes a negative (a reduction of the «modificado» copied from a report).
    ['(1,234.00)', -1234], ['($1,234.50)', -1234.5], ['( $ 1 234 567.50 MXN )', -1234567.5], ['$ (1,234.00)', -1234],
  ])('%p → %p', (input, expected) => expect(parseNumber(input)).toBe(expected));
  test.each(['12,34', '1.234,56', '12 34', '1 2345', '1234 567', '1, 234', '1 234,567', 'abc', '', '--5', '$', '(-5)', '()', '(1,234.00', '(1.234,56)'])('%p is not a number', (input) => expect(parseNumber(input)).toBeUndefined());
});

describe('parseBoolean', () => {
  test.each([['Sí', true], ['si', true], ['SI', true], ['No', false], ['true', true], ['FALSE', false], ['Verdadero', true], ['falso', false], [true, true]])('%p → %p', (i, e) => expect(parseBoolean(i)).toBe(e));
  test('other text is not a boolean', () => expect(parseBoolean('tal vez')).toBeUndefined());
});

describe('parseDate', () => {
  const zone = 'America/Mexico_City';
  test('exceljs Date at UTC midnight keeps its calendar date', () => expect(parseDate(new Date('2024-03-31T00:00:00Z'), zone)).toBe('2024-03-31T00:00:00-06:00'));
  // Apps Script's instants are read in the spreadsheet's zone by the add-on (read-workbook.ts) before they get here.
  test('a date cell is its clock time in UTC: 06:00 is a time of day, not Mexico City\'s midnight taken for a date alone', () => {
    expect(parseDate(new Date('2024-03-31T06:00:00Z'), zone)).toBe('2024-03-31T06:00:00-06:00');
    expect(parseDate(new Date('2024-03-31T05:00:00Z'), 'America/Cancun')).toBe('2024-03-31T05:00:00-05:00');
  });
  test('Excel serial number', () => expect(parseDate(45382, zone)).toBe('2024-03-31T00:00:00-06:00'));
  test('a date after its day of the week, as letters and the long date format write it, when it falls on that day', () => {
    for (const text of ['domingo, 31 de marzo de 2024', 'Domingo 31 de Marzo del 2024', 'DOMINGO, 31/03/2024', 'sábado, 30-mar-2024', 'Sabado 30 de marzo de 2024']) {
      expect(parseDate(text, zone)?.slice(0, 10)).toBe(text.toLowerCase().startsWith('s') ? '2024-03-30' : '2024-03-31');
    }
    expect(parseDate('miércoles, 1o. de mayo de 2024', zone)).toBe('2024-05-01T00:00:00-06:00');
    // 31/03/2024 was a Sunday: the day or the date is mistyped, and which cannot be told.
    expect(parseValue('lunes, 31 de marzo de 2024', { type: 'date' }, zone).problem?.code).toBe('cell.not-a-date');
    expect(parseDate('domingo', zone)).toBeUndefined();
  });
  test('a sheet date read again, in another zone or across the DST change, is read for that zone and day (dates read are remembered)', () => {
    // Mexico's summer time until 2022: the first Sunday of April (2021-04-04) starts it, as midnight of the next day shows.
    const days = [new Date('2021-04-04T00:00:00Z'), new Date('2021-04-05T00:00:00Z'), new Date('2024-03-31T06:00:00Z'), new Date('2024-03-31T07:00:00Z')];
    const zones = ['America/Mexico_City', 'America/Tijuana', 'America/Cancun', 'UTC', 'Europe/Madrid'];
    const first = zones.map((z) => days.map((d) => parseDate(d, z)));
    // 06:00Z and 07:00Z are cells with a time, in any zone.
    expect(first[0]).toEqual(['2021-04-04T00:00:00-06:00', '2021-04-05T00:00:00-05:00', '2024-03-31T06:00:00-06:00', '2024-03-31T07:00:00-06:00']);
    expect(first[3]).toEqual(['2021-04-04T00:00:00+00:00', '2021-04-05T00:00:00+00:00', '2024-03-31T06:00:00+00:00', '2024-03-31T07:00:00+00:00']);
    expect(zones.map((z) => days.map((d) => parseDate(new Date(d.getTime()), z)))).toEqual(first);
  });
  test('dd/mm/aaaa text', () => expect(parseDate('1/4/2024', zone)).toBe('2024-04-01T00:00:00-06:00'));
  test.each([
    ['31-mar-2024', '2024-03-31'], ['31/Mar./2024', '2024-03-31'], ['31 MAR 2024', '2024-03-31'], ['5-dic-2023', '2023-12-05'],
    ['31 de marzo de 2024', '2024-03-31'], ['1o. de septiembre del 2024', '2024-09-01'], ['15 de Setiembre de 2024', '2024-09-15'],
  ])('the month in letters, in Spanish: %p', (text, day) => expect(parseDate(text, zone)).toBe(`${day}T00:00:00-06:00`));
  // As Oracle-based systems export a date (English abbreviations, a time after it) and as Excel and Sheets show a long
  // date under a United States setting (the month first): one way to read each.
  test.each([
    ['31-MAR-2024 12:00:00 AM', '2024-03-31T00:00:00'], ['15-JAN-2024 02:30:00 PM', '2024-01-15T14:30:00'], ['05-DEC-2023', '2023-12-05T00:00:00'],
    ['31 de marzo de 2024, 10:30 hrs', '2024-03-31T10:30:00'], ['Marzo 31, 2024', '2024-03-31T00:00:00'], ['March 31, 2024', '2024-03-31T00:00:00'],
    ['Aug. 1, 2024', '2024-08-01T00:00:00'], ['marzo 31 de 2024', '2024-03-31T00:00:00'], ['domingo, marzo 31, 2024', '2024-03-31T00:00:00'],
  ])('the month in letters, as other systems write it: %p', (text, at) => expect(parseDate(text, zone)).toBe(`${at}-06:00`));
  test.each(['31-feb-2024', '31 de marzzo de 2024', '31-constructor-2024', '31-mar-24', 'marzo de 2024', '31-MAR-2024 13:00:00 PM', '31-MAR-2024 24:00', 'marzo 32, 2024', 'Marzo 31 2024 10:30'])('%p is not a date', (v) => expect(parseDate(v, zone)).toBeUndefined());
  test('ISO text with and without offset', () => {
    expect(parseDate('2024-03-31', zone)).toBe('2024-03-31T00:00:00-06:00');
    expect(parseDate('2024-03-31T10:30', zone)).toBe('2024-03-31T10:30:00-06:00');
    expect(parseDate('2024-03-31T10:30:00+0100', zone)).toBe('2024-03-31T10:30:00+01:00');
  });
  test('summer time before Mexico abolished it (2022-10-30)', () => {
    expect(parseDate('2022-10-29', zone)).toBe('2022-10-29T00:00:00-05:00');
    expect(parseDate('2022-10-31', zone)).toBe('2022-10-31T00:00:00-06:00');
  });
  test.each(['31/02/2024', '2024-13-01', 'mañana', '2024-03-31T25:00', '2024-03/31T10:30:00Z', '2024-03-31T10:30:00+01x00', '2024-03-31T10-30:00Z', '2024-03-31T10:30-00Z', '2024-03-31T10:30:00+0a:00', '2024-03-31x10:30:00Z'])('%p is not a date', (v) => expect(parseDate(v, zone)).toBeUndefined());
  test('invalid serial numbers are not dates', () => expect(parseDate(-3, zone)).toBeUndefined());
  test('a date cell with a time keeps it, in the workbook\'s zone; a date alone reads as before', () => {
    // As a file (exceljs, functions/src/ingest/xlsx) and the add-on give a date-time cell: its clock time in UTC.
    expect(parseDate(new Date('2024-03-31T10:30:00Z'), zone)).toBe('2024-03-31T10:30:00-06:00');
    expect(parseDate(new Date('2024-03-31T10:30:15Z'), 'America/Cancun')).toBe('2024-03-31T10:30:15-05:00');
    expect(parseDate(new Date('2021-07-01T23:59:59Z'), zone)).toBe('2021-07-01T23:59:59-05:00');
    // A serial's binary noise (10:30:15 read as …14.9996) is the second typed.
    expect(parseDate(new Date(Date.UTC(2024, 2, 31, 10, 30, 14) + 999.6), zone)).toBe('2024-03-31T10:30:15-06:00');
    // The Sheets API's serial number with its fraction of a day.
    expect(parseDate(45382.4375, zone)).toBe('2024-03-31T10:30:00-06:00');
    expect(parseDate(45382 + (10 * 3600 + 30 * 60 + 15) / 86400, zone)).toBe('2024-03-31T10:30:15-06:00');
    // Dates alone: exactly as before (publications of them do not change).
    expect(parseDate(45382, zone)).toBe('2024-03-31T00:00:00-06:00');
    expect(parseDate(new Date('2024-03-31T00:00:00Z'), zone)).toBe('2024-03-31T00:00:00-06:00');
  });
  test.each([
    ['31/03/2024 10:30', '2024-03-31T10:30:00-06:00'], ['31/03/2024 10:30:15', '2024-03-31T10:30:15-06:00'],
    ['2024-03-31 10:30', '2024-03-31T10:30:00-06:00'], ['1/4/2024 7:05', '2024-04-01T07:05:00-06:00'],
    ['31/03/2024, 2:30 p. m.', '2024-03-31T14:30:00-06:00'], ['31/03/2024 12:05 a.m.', '2024-03-31T00:05:00-06:00'],
    ['31/03/2024 12:00 PM', '2024-03-31T12:00:00-06:00'], ['31/03/2024 10:30 hrs', '2024-03-31T10:30:00-06:00'],
    ['2024/03/31 10:30', '2024-03-31T10:30:00-06:00'], ['31/03/2024 23:59:59', '2024-03-31T23:59:59-06:00'],
    ['29/10/2022 10:30', '2022-10-29T10:30:00-05:00'],
  ])('a date typed with a time: %p', (text, expected) => expect(parseDate(text, zone)).toBe(expected));
  test.each(['31/03/2024 24:00', '31/03/2024 10:60', '31/03/2024 13:30 p.m.', '31/03/2024 0:30 am', '31/02/2024 10:30', '31/03/2024 10:30:61'])('%p is not a date-time any clock has', (v) => expect(parseDate(v, zone)).toBeUndefined());
  test('a date-time already written out (with Z or an offset) comes back as it is when valid, else not at all', () => {
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const days = (y: number, m: number): number => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }),
      fc.constantFrom('Z', '+01:00', '-06:00', '-0600', '+99:99', '-06-00', 'z'), fc.constantFrom('T', ' ', 't'),
      (y, m, d, hh, mm, ss, offset, t) => {
        const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}${t}${pad(hh)}:${pad(mm)}:${pad(ss)}${offset}`;
        const valid = y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days(y, m) && hh <= 23 && mm <= 59 && ss <= 59 && t !== 't' && offset !== '-06-00' && offset !== 'z';
        const written = offset === '-0600' ? '-06:00' : offset;
        const expected = valid ? `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}${written}` : undefined;
        expect(parseDate(text, zone)).toBe(expected);
      },
    ), { numRuns: 3000 });
  });
});

test('a date whose time cannot be read, or a time without a date, is refused saying which (not read as the day alone)', () => {
  const zone = 'America/Mexico_City';
  for (const text of ['31/03/2024 25:00', '31/03/2024 13:30 p.m.', '31/03/2024 10.30', '31/03/2024 10:30 de la mañana', '2024-03-31 10 h']) {
    expect(parseValue(text, { type: 'date' }, zone)).toEqual({ problem: expect.objectContaining({ code: 'cell.unreadable-time', params: { value: text, date: '31/03/2024' } }) });
  }
  // A date cell showing only «10:30»: the sheet's day 0 (30/12/1899) was published as a date.
  expect(parseValue(new Date('1899-12-30T10:30:00Z'), { type: 'date' }, zone)).toEqual({ problem: expect.objectContaining({ code: 'cell.time-without-date', params: { value: '10:30' } }) });
  expect(parseValue('mañana 10:30', { type: 'date' }, zone).problem?.code).toBe('cell.not-a-date');
  expect(renderMessage({ code: 'cell.unreadable-time', severity: 'error', params: { value: '31/03/2024 25:00', date: '31/03/2024' } })).toMatch(/^«31\/03\/2024 25:00»: la fecha \(31\/03\/2024\) se entiende, pero la hora no\. Escriba la hora de 0 a 23/);
});

describe('parseValue', () => {
  const options = [{ code: 'works', title: 'Obra pública' }, { code: 'goods', title: 'Bienes' }];
  test('Spanish titles and codes, any case and accents', () => {
    expect(parseValue('OBRA PUBLICA', { type: 'string', options }, 'UTC').value).toBe('works');
    expect(parseValue('Goods', { type: 'string', options }, 'UTC').value).toBe('goods');
  });
  test('closed list rejects, open list keeps with a warning', () => {
    expect(parseValue('otra', { type: 'string', options, openCodelist: false }, 'UTC').problem?.code).toBe('cell.unknown-code');
    const open = parseValue('otra', { type: 'string', options, openCodelist: true }, 'UTC');
    expect(open.value).toBe('otra');
    expect(open.problem?.severity).toBe('warning');
  });
  test('a title with an explanation in parentheses is also either of its parts, when no other option has it', () => {
    const roles = [{ code: 'buyer', title: 'Comprador (dependencia o entidad)' }, { code: 'supplier', title: 'Proveedor o contratista' }, { code: 'reviewBody', title: 'Instancia de revisión (inconformidades)' }];
    expect(parseValue('comprador; Proveedor o contratista', { type: 'list', options: roles, openCodelist: true }, 'UTC')).toEqual({ value: ['buyer', 'supplier'] });
    expect(parseValue('DEPENDENCIA O ENTIDAD', { type: 'list', options: roles, openCodelist: true }, 'UTC')).toEqual({ value: ['buyer'] });
    expect(parseValue('instancia de revision', { type: 'list', options: roles, openCodelist: true }, 'UTC')).toEqual({ value: ['reviewBody'] });
    const types = [{ code: 'construction', title: 'Construcción (obra nueva)' }, { code: 'rehabilitation', title: 'Rehabilitación' }];
    expect(parseValue('construccion', { type: 'string', options: types }, 'UTC')).toEqual({ value: 'construction' });
    expect(parseValue('Obra nueva', { type: 'string', options: types }, 'UTC')).toEqual({ value: 'construction' });
    // Two options share «fin de vida útil»: it names neither. A part of digits only (an edition's year) names nothing.
    const status = [{ code: 'decommissioning', title: 'En retiro (fin de vida útil)' }, { code: 'decommissioned', title: 'Retirado (fin de vida útil)' }];
    expect(parseValue('fin de vida util', { type: 'string', options: status }, 'UTC').problem?.code).toBe('cell.unknown-code');
    expect(parseValue('retirado', { type: 'string', options: status }, 'UTC')).toEqual({ value: 'decommissioned' });
    expect(parseValue('1994', { type: 'string', options: [{ code: 'OKDP', title: 'Clasificador ruso de productos OKDP (1994)' }] }, 'UTC').problem?.code).toBe('cell.unknown-code');
  });
  test('works-related services as officials shorten the law\'s name are that category, not a value off the list', () => {
    // Helper R15's walk: «servicios relacionados con la obra» was kept with «no está en la lista sugerida» and published so.
    const categories = { type: 'list', codelist: 'extendedProcurementCategory', openCodelist: true,
      options: [{ code: 'works', title: 'Obra pública' }, { code: 'worksRelatedServices', title: 'Servicios relacionados con las obras públicas' }] } as const;
    for (const typed of ['servicios relacionados con la obra', 'Servicios relacionados con la obra pública', 'Servicios relacionados con obra publica', 'SERVICIOS RELACIONADOS CON LAS MISMAS']) {
      expect([typed, parseValue(`Obra pública; ${typed}`, categories, 'UTC')]).toEqual([typed, { value: ['works', 'worksRelatedServices'] }]);
    }
  });
  test('lists split on ";"', () => expect(parseValue('Bienes; works;;', { type: 'list', options }, 'UTC').value).toEqual(['goods', 'works']));
  test('options of a list cell separated by commas or line breaks are read as those options, and the «;» is asked for', () => {
    const roles = [{ code: 'buyer', title: 'Comprador (dependencia o entidad)' }, { code: 'procuringEntity', title: 'Entidad contratante' }, { code: 'supplier', title: 'Proveedor o contratista' }];
    const spec = { type: 'list', options: roles, codelist: 'partyRole', openCodelist: true } as const;
    // Published before as the one role «Comprador (dependencia o entidad), Entidad contratante», with a warning to pick
    // from the drop-down: the buyer's role was lost.
    expect(parseValue('Comprador (dependencia o entidad), Entidad contratante', spec, 'UTC')).toEqual({
      value: ['buyer', 'procuringEntity'],
      problem: expect.objectContaining({ code: 'cell.list-separator', severity: 'info', params: expect.objectContaining({ count: 2, items: '«Comprador (dependencia o entidad)», «Entidad contratante»', suggested: 'Comprador (dependencia o entidad); Entidad contratante' }) }),
    });
    // Alt+Enter in Excel, lower case, and with «;» elsewhere in the cell.
    expect(parseValue('comprador\nentidad contratante', spec, 'UTC').value).toEqual(['buyer', 'procuringEntity']);
    expect(parseValue('Proveedor o contratista; comprador, entidad contratante', spec, 'UTC').value).toEqual(['supplier', 'buyer', 'procuringEntity']);
    expect(renderMessage({ code: 'cell.list-separator', severity: 'info', params: parseValue('comprador\r\nentidad contratante', spec, 'UTC').problem!.params })).toBe(
      '«comprador / entidad contratante» se leyó como 2 opciones de la lista: «comprador», «entidad contratante». En esta columna las opciones se separan con punto y coma (;): escriba «comprador; entidad contratante».');
    // A title with its own comma is that option, alone or beside another; a piece that is no option keeps the cell as it was.
    const sectors = [{ code: 'waterAndWaste', title: 'Agua, saneamiento y residuos' }, { code: 'transport.urban', title: 'Transporte urbano y movilidad' }];
    const sector = { type: 'list', options: sectors, codelist: 'projectSector', openCodelist: true } as const;
    expect(parseValue('Agua, saneamiento y residuos', sector, 'UTC')).toEqual({ value: ['waterAndWaste'] });
    expect(parseValue('Transporte urbano y movilidad, Agua, saneamiento y residuos', sector, 'UTC').value).toEqual(['transport.urban', 'waterAndWaste']);
    expect(parseValue('Transporte urbano, y otros', sector, 'UTC')).toEqual({ value: ['Transporte urbano, y otros'], problem: expect.objectContaining({ code: 'cell.code-not-in-list' }) });
    // A value off the list beside the separated ones still warns (the warning, not the note, is the cell's finding).
    expect(parseValue('comprador, entidad contratante; otro rol', spec, 'UTC')).toEqual({ value: ['buyer', 'procuringEntity', 'otro rol'], problem: expect.objectContaining({ code: 'cell.code-not-in-list' }) });
  });
  test('options of a list cell separated by «/» or «y» are read as those options too, only when every piece is one', () => {
    const roles = [{ code: 'buyer', title: 'Comprador (dependencia o entidad)' }, { code: 'procuringEntity', title: 'Entidad contratante' }, { code: 'supplier', title: 'Proveedor o contratista' }];
    const spec = { type: 'list', options: roles, codelist: 'partyRole', openCodelist: true } as const;
    // Published before as the one role «Comprador y Entidad contratante», with a warning: the buyer's role was lost.
    expect(parseValue('Comprador y Entidad contratante', spec, 'UTC')).toEqual({
      value: ['buyer', 'procuringEntity'],
      problem: expect.objectContaining({ code: 'cell.list-separator', severity: 'info', params: expect.objectContaining({ suggested: 'Comprador; Entidad contratante' }) }),
    });
    for (const typed of ['Comprador / Entidad contratante', 'comprador/entidad contratante', 'comprador Y entidad contratante', 'Comprador, y Entidad contratante']) {
      expect(parseValue(typed, spec, 'UTC').value).toEqual(['buyer', 'procuringEntity']);
    }
    // A title with «y» of its own is that option, alone or beside another joined by «y» or «/».
    const sectors = [{ code: 'waterAndWaste', title: 'Agua, saneamiento y residuos' }, { code: 'transport.urban', title: 'Transporte urbano y movilidad' }, { code: 'transport', title: 'Transporte urbano' }];
    const sector = { type: 'list', options: sectors, codelist: 'projectSector', openCodelist: true } as const;
    expect(parseValue('Transporte urbano y movilidad', sector, 'UTC')).toEqual({ value: ['transport.urban'] });
    expect(parseValue('Transporte urbano y movilidad y Agua, saneamiento y residuos', sector, 'UTC').value).toEqual(['transport.urban', 'waterAndWaste']);
    expect(parseValue('Agua, saneamiento y residuos / Transporte urbano', sector, 'UTC').value).toEqual(['waterAndWaste', 'transport']);
    // A piece that is no option keeps the cell as it was (prose with «y»), and «y» inside a word separates nothing.
    expect(parseValue('Comprador y otra dependencia', spec, 'UTC')).toEqual({ value: ['Comprador y otra dependencia'], problem: expect.objectContaining({ code: 'cell.code-not-in-list' }) });
    expect(parseValue('Compradory Entidad contratante', spec, 'UTC').problem?.code).toBe('cell.code-not-in-list');
  });
  test('a number written with a decimal comma says so, with the number to write', () => {
    expect(parseValue('1.234,50', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.decimal-comma', params: { value: '1.234,50', number: '1234.50' } });
    expect(parseValue('-12,5', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.decimal-comma', params: { number: '-12.5' } });
    // A number with something around it is said as what it is.
    expect(parseValue('45%', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.percent-sign', params: { number: '45' } });
    expect(parseValue('3,450,000 USD', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.currency-not-amount', params: { number: '3,450,000', currency: 'USD' } });
    expect(parseValue('1,500 pesos', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.currency-not-amount', params: { number: '1,500', currency: 'MXN' } });
    // A unit of measure after a quantity is no currency, three letters or not («la moneda (PZA)» misled).
    for (const [text, number, unit] of [['150 PZA', '150', 'PZA'], ['150 lts', '150', 'lts'], ['1,500 m2', '1,500', 'm2'], ['1 lote', '1', 'lote']]) {
      const p = parseValue(text, { type: 'number' }, 'UTC').problem!;
      expect([p.code, p.params]).toEqual(['cell.unit-in-number', { value: text, number, unit }]);
      expect(renderMessage(finding(p.code, p.severity, p.params))).toBe(`«${text}»: escriba solo el número, ${number}, sin la unidad (${unit}); la unidad de medida va en su propia columna.`);
    }
    expect(parseValue('19.43 N', { type: 'number', degrees: 'latitude' }, 'UTC').problem?.code).toBe('cell.not-a-coordinate');
    expect(parseValue('16.75, -93.11', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.two-numbers' });
    expect(parseValue('3,450,000 MXN', { type: 'number' }, 'UTC').problem?.code).toBe('cell.currency-not-amount');
    expect(parseValue('mucho', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.not-a-number' });
    expect(parseValue('1,234', { type: 'number' }, 'UTC').value).toBe(1234);
    expect(parseValue('mucho', { type: 'number' }, 'UTC').problem?.code).toBe('cell.not-a-number');
  });
  // A run of spaces made the number patterns' optional spaces try every split of it: a 32,767-character cell (Excel's
  // longest) took 3 to 6 s of the server's time, each, and a file of a hundred such cells held it for minutes.
  // Likewise the code columns' patterns (a label's trailing « *», a title's «(aclaración)»: 0.8 and 1.4 s a cell), and
  // the trimming of every text cell's ends (1.3 s for a run of non-breaking spaces inside it).
  // Not a speed target but the patterns' growth: ten cells of each kind take about 20 ms now and took 93 s with those
  // patterns. Code that runs without yielding is not stopped by the test's time limit (it passed, after 93 s), so the
  // bound is said here, 500 times what it takes.
  test('a long run of spaces in a number or code column is read at once: refused as it was', () => {
    const started = performance.now();
    const long = `$${' '.repeat(32_765)}x`;
    const roles = [{ code: 'buyer', title: 'Comprador (dependencia o entidad)' }, { code: 'supplier', title: 'Proveedor o contratista' }];
    for (let i = 0; i < 10; i++) {
      expect(parseValue(long, { type: 'number' }, 'UTC').problem?.code).toBe('cell.not-a-number');
      expect(parseValue(long, { type: 'integer' }, 'UTC').problem?.code).toBe('cell.not-an-integer');
      expect(parseNumber(`1${' '.repeat(32_765)}x`)).toBeUndefined();
      // A new text each time: a code looked up is remembered (codeIndex), and would not be read again.
      const spaced = `${i}${' '.repeat(49_990)}x`;
      expect(parseValue(spaced, { type: 'string', options: roles }, 'UTC').problem?.code).toBe('cell.unknown-code');
      expect(normalizeLabel(spaced)).toBe(`${i} x`);
      // Non-breaking spaces (pasted from Word) inside a text, which every text cell is cleaned of at its ends.
      expect(cleanText(` ${i}${'\u00a0'.repeat(49_990)}x\u200b `)).toBe(`${i}${' '.repeat(49_990)}x`);
    }
    // What the two patterns read is read as before.
    expect(normalizeLabel('  Licitación   Pública *  ')).toBe('licitacion publica');
    expect(parseValue('Comprador  (Dependencia o entidad)', { type: 'string', options: roles }, 'UTC')).toEqual({ value: 'buyer' });
    expect(parseValue('Proveedor o contratista (buyer)', { type: 'string', options: roles }, 'UTC').problem?.code).toBeDefined();
    expect(performance.now() - started).toBeLessThan(10_000);
  });
  test('a number typed in a text column becomes text', () => expect(parseValue(6000, { type: 'string' }, 'UTC').value).toBe('6000'));
  test('a key of more than 15 digits stored as a number is refused: the sheet kept only 15 of them', () => {
    // The CLABE «012180001234567897» typed as a number: Excel keeps 12180001234567900, which was published as the
    // CLABE without a word; a 22-digit budget key as «1.5e+21».
    const clabe = parseValue(12180001234567900, { type: 'string' }, 'UTC');
    expect(clabe).toEqual({ problem: expect.objectContaining({ code: 'cell.digits-lost', severity: 'error', params: { value: '12180001234567900', digits: '17' } }) });
    expect(renderMessage(finding(clabe.problem!.code, clabe.problem!.severity, clabe.problem!.params))).toMatch(/^La celda guarda el número 12180001234567900: .*15 cifras.*clave de 17 cifras.*apóstrofo delante \('012180001234567897\)/);
    expect(parseValue(1.5e21, { type: 'string' }, 'UTC').problem?.params).toEqual({ value: '1500000000000000000000', digits: '22' });
    expect(parseValue(-1e15, { type: 'string' }, 'UTC').problem?.params).toEqual({ value: '-1000000000000000', digits: '16' });
    // Fifteen digits are kept exactly, and a number column is not concerned.
    expect(parseValue(999999999999999, { type: 'string' }, 'UTC')).toEqual({ value: '999999999999999' });
    expect(parseValue(12180001234567900, { type: 'number' }, 'UTC')).toEqual({ value: 12180001234567900 });
  });
});

test('a code cell reading as an object member («__proto__», «constructor») is a value off the list, not a failure', () => {
  const options = [{ code: 'wireTransfe', title: 'Transferencia' }];
  for (const text of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    expect(parseValue(text, { type: 'string', options, codelist: 'paymentMethod', openCodelist: true }, 'UTC')).toEqual({ value: text, problem: expect.objectContaining({ code: 'cell.code-not-in-list' }) });
  }
  // The alias it is there for still reads.
  expect(parseValue('WireTransfer', { type: 'string', options, codelist: 'paymentMethod' }, 'UTC')).toEqual({ value: 'wireTransfe' });
});

test('what officials type for an option with one meaning reads as its code: pesos, moral, LP, en ejecución', () => {
  const column = (path: string) => templateSpec().sheets.flatMap((s) => s.columns).find((c) => c.path === path)!;
  const read = (text: string, path: string) => parseValue(text, column(path), 'UTC');
  for (const text of ['pesos', 'Pesos mexicanos', 'M.N.', 'MN', 'moneda nacional']) expect(read(text, 'tender/value/currency')).toEqual({ value: 'MXN' });
  for (const text of ['Dólares americanos', 'DOLARES ESTADOUNIDENSES', 'dólar estadounidense', 'US$']) expect(read(text, 'tender/value/currency')).toEqual({ value: 'USD' });
  expect(read('Moral', 'parties/0/identifier/legalPersonality')).toEqual({ value: 'legalPerson' });
  expect(read('Física', 'parties/0/identifier/legalPersonality')).toEqual({ value: 'naturalPerson' });
  expect(['LP', 'I3P', 'AD'].map((t) => read(t, 'tender/procurementMethodDetails').value)).toEqual(['Licitación pública', 'Invitación a cuando menos tres personas', 'Adjudicación directa']);
  // The public tender by its reach, as CompraNet names it, and the invitation with the number in digits.
  for (const text of ['LPN', 'LPI', 'Licitación Pública Nacional', 'licitacion publica internacional ', 'Licitación Pública Internacional Abierta', 'Licitación pública internacional bajo la cobertura de tratados']) expect(read(text, 'tender/procurementMethodDetails')).toEqual({ value: 'Licitación pública' });
  expect(read('Invitación a cuando menos 3 personas', 'tender/procurementMethodDetails')).toEqual({ value: 'Invitación a cuando menos tres personas' });
  expect(read('En ejecución', 'status').value).toBe('implementation');
  // A process summary's status as the drop-down of earlier templates titled it, and as it is titled now.
  for (const text of ['Vigente (en ejecución)', 'vigente (en ejecucion)', 'Vigente (adjudicado, sin concluir)']) expect(read(text, 'contractingProcesses/0/summary/status')).toEqual({ value: 'active' });
  // OC4IDS's «public authority» as its Spanish edition and INAI's capture tool name it; the template titles it
  // «Dependencia o entidad responsable del proyecto». The tool's names of payer and payee too.
  expect(templateSpec().sheets.find((s) => s.name === 'Actores del proyecto')?.columns.find((c) => c.path === 'parties/0/roles')).toBe(column('parties/0/roles'));
  expect(read('Autoridad pública', 'parties/0/roles')).toEqual({ value: ['publicAuthority'] });
  expect(read('autoridad publica; Financiador', 'parties/0/roles')).toEqual({ value: ['publicAuthority', 'funder'] });
  expect(read('Emisor del pago; Receptor de pago', 'parties/0/roles')).toEqual({ value: ['payer', 'payee'] });
  // OCDS's and OC4IDS's Spanish editions' names: a supplier «Proveedor», a payee «Beneficiario», roads «Transporte
  // terrestre»; and two codes Nuevo León misspelled.
  expect(read('Proveedor; Beneficiario', 'parties/0/roles')).toEqual({ value: ['supplier', 'payee'] });
  expect(read('Contratista', 'parties/0/roles')).toEqual({ value: ['supplier'] });
  expect(read('Transporte por carretera', 'sector').value).toEqual(['transport.road']);
  expect(read('Transporte terrestre', 'sector').value).toEqual(['transport.road']);
  expect(read('landAndSettlementEvaluation', 'documents/0/documentType').value).toBe('landAndSettlementImpact');
  expect(read('evaluationReport', 'documents/0/documentType').value).toBe('evaluationReports');
  // «En proceso» could be more than one stage: still a value off the list, named.
  expect(read('En proceso', 'status').problem?.code).toBe('cell.unknown-code');
  // So could «dólares» (American, Canadian…): its message says to write USD.
  expect(read('dólares', 'tender/value/currency').problem?.code).toBe('cell.unknown-code');
});

test('a web address between quotes or angle brackets (Word, a letter, an e-mail) is the address inside; anything else in a link column is kept as typed', () => {
  const url = { type: 'url' } as const;
  for (const typed of ['“https://www.merida.gob.mx/obras/contrato.pdf”', '"https://www.merida.gob.mx/obras/contrato.pdf"', '«https://www.merida.gob.mx/obras/contrato.pdf»', '<https://www.merida.gob.mx/obras/contrato.pdf>', '‘ https://www.merida.gob.mx/obras/contrato.pdf ’']) {
    expect([typed, parseValue(typed, url, 'UTC')]).toEqual([typed, { value: 'https://www.merida.gob.mx/obras/contrato.pdf' }]);
  }
  // Not an address inside, or more than one thing: left for validation to say what it is.
  for (const typed of ['“Ver contrato”', '“https://a.mx/uno.pdf” “https://a.mx/dos.pdf”', 'https://a.mx/"x"', '“https://a.mx/con espacio.pdf”']) expect(parseValue(typed, url, 'UTC')).toEqual({ value: typed });
});

test('a formula\'s result is read to the 15 digits the sheet keeps and shows, without the binary noise of its arithmetic', () => {
  // =H4*1.16 stored 2964000.0000000005 where the cell showed 2,964,000.00; =0.1*3, 0.30000000000000004.
  const amount = { type: 'number' } as const;
  expect(plainValue(2964000.0000000005, amount)).toBe(2964000);
  expect(parseValue(16982411.090000004, amount, 'UTC').value).toBe(16982411.09);
  expect(parseValue(0.30000000000000004, amount, 'UTC').value).toBe(0.3);
  expect(parseValue(3.0000000000000004, { type: 'integer' }, 'UTC')).toEqual({ value: 3 });
  expect(parseValue(1431.5559999999998, { type: 'string' }, 'UTC').value).toBe('1431.556');
  // What was typed or computed keeps its digits: a net amount of 2,555,172.4137931 (=H4/1.16), coordinates, a rate.
  expect(plainValue(2555172.4137931, amount)).toBe(2555172.4137931);
  expect(plainValue(-99.133209, amount)).toBe(-99.133209);
  expect(plainValue(17.2345, amount)).toBe(17.2345);
  // A file written by a program (import of published data) keeps a double's every digit: so is it published.
  expect(plainValue(-100.05890748748246, amount)).toBe(-100.05890748748246);
  expect(parseValue(24.797369444352864, amount, 'UTC').value).toBe(24.797369444352864);
});

test('a formula kept as text by a cell formatted as text is said as such: refused where a number or date goes, kept with a warning in a text column', () => {
  const amount = parseValue('=B2*1.16', { type: 'number' }, 'UTC');
  expect(amount.value).toBeUndefined();
  expect(amount.problem).toMatchObject({ code: 'cell.formula-as-text', severity: 'error' });
  expect(parseValue('=HOY()', { type: 'date' }, 'UTC').problem).toMatchObject({ code: 'cell.formula-as-text', severity: 'error' });
  const title = parseValue('=CONCATENAR("Obra ";Hoja2!D3)', { type: 'string' }, 'UTC');
  expect(title).toMatchObject({ value: '=CONCATENAR("Obra ";Hoja2!D3)', problem: { code: 'cell.formula-as-text', severity: 'warning' } });
  expect(renderMessage(finding(title.problem!.code, title.problem!.severity, title.problem!.params))).toContain('se publicaría tal como se ve');
  expect(plainValue('=B3', { type: 'string' })).toBe(NEEDS_PARSING);
  // Text after «=» that is no formula is text.
  for (const text of ['= 3 etapas', '=== Etapa 1 ===', '=']) expect(parseValue(text, { type: 'string' }, 'UTC')).toEqual({ value: text });
});

test('plainValue gives what parseValue gives, without a problem, whenever it answers', () => {
  const options = [{ code: 'works', title: 'Obra pública' }];
  const specs = [{ type: 'string' }, { type: 'string', options }, { type: 'string', options: [] }, { type: 'number' }, { type: 'integer' }, { type: 'date' }, { type: 'list' }, { type: 'boolean' }, { type: 'url' }] as const;
  let answered = 0;
  fc.assert(fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constantFrom('works', '1,234.5', 'Sí', '2024-01-02', Infinity, NaN)), fc.constantFrom(...specs), (v, spec) => {
    const plain = plainValue(v, spec);
    if (plain === NEEDS_PARSING) return;
    answered++;
    expect(parseValue(v, spec, 'UTC')).toEqual({ value: plain });
  }), { numRuns: 2000 });
  expect(answered).toBeGreaterThan(100);
});

test('a latitude or longitude typed with a degree sign («20.9674°», «-89.6237 º») is the number; in other number columns it is not', () => {
  const resolver = new ColumnResolver(templateSpec(), PROFILES);
  const latitude = resolver.standards.oc4ids.valueSpec('locations/geometry/coordinates/1');
  const longitude = resolver.standards.ocds.valueSpec('tender/items/deliveryLocation/geometry/coordinates/0');
  expect(parseValue('20.9674°', latitude, 'UTC')).toEqual({ value: 20.9674 });
  expect(parseValue(' 20.9674 °', latitude, 'UTC')).toEqual({ value: 20.9674 });
  expect(parseValue('-89.6237º', longitude, 'UTC')).toEqual({ value: -89.6237 });
  expect(parseValue('20°58\'', latitude, 'UTC').problem?.code).toBe('cell.not-a-coordinate');
  expect(parseValue('°', latitude, 'UTC').problem?.code).toBe('cell.not-a-coordinate');
  expect(parseValue('45°', resolver.standards.ocds.valueSpec('tender/value/amount'), 'UTC').problem?.code).toBe('cell.not-a-number');
});

test('«no es un número» gives an example that fits the column: a coordinate for a latitude or longitude, an amount elsewhere', () => {
  const resolver = new ColumnResolver(templateSpec(), PROFILES);
  const say = (text: string, spec: Parameters<typeof parseValue>[1]): string => {
    const p = parseValue(text, spec, 'UTC').problem!;
    return renderMessage(finding(p.code, p.severity, p.params));
  };
  expect(say('norte', resolver.standards.oc4ids.valueSpec('locations/geometry/coordinates/1'))).toBe('«norte» no es un número. Escriba la coordenada en grados, solo cifras con punto decimal, por ejemplo 19.432608.');
  expect(say('oeste', resolver.standards.ocds.valueSpec('tender/items/deliveryLocation/geometry/coordinates/0'))).toBe('«oeste» no es un número. Escriba la coordenada en grados, solo cifras con punto decimal, por ejemplo -99.133209.');
  expect(say('mucho', resolver.standards.ocds.valueSpec('tender/value/amount'))).toBe('«mucho» no es un número. Escriba solo cifras, con punto decimal, por ejemplo 1,234,567.89.');
});

test('a date in a number, integer or Sí/No column is quoted as the day the sheet shows, not as an instant', () => {
  const zone = 'America/Mexico_City';
  // A date alone and a date-time early in the day (its clock in UTC, as files and the add-on give it): 31/03/2024 on
  // the sheet; read as an instant of Mexico City, 03:00 was quoted as 30/03/2024.
  for (const day of [new Date('2024-03-31T00:00:00Z'), new Date('2024-03-31T03:00:00Z')]) {
    for (const type of ['number', 'integer', 'boolean'] as const) expect(parseValue(day, { type }, zone).problem?.params.value).toBe('31/03/2024');
  }
});

test('a date typed with a two-digit year («31/03/24», «31-mar-24») is read in this century, with a warning that shows the full date read', () => {
  const zone = 'America/Mexico_City';
  for (const [typed, iso, shownDate] of [
    ['31/03/24', '2024-03-31', '31/03/2024'], ['1-4-25', '2025-04-01', '01/04/2025'], ['31-mar-24', '2024-03-31', '31/03/2024'],
    ['5 de septiembre de 23', '2023-09-05', '05/09/2023'], ['31.12.99', '2099-12-31', '31/12/2099'],
  ]) {
    expect({ typed, parsed: parseValue(typed, { type: 'date' }, zone) }).toEqual({
      typed, parsed: { value: `${iso}T00:00:00-06:00`, problem: expect.objectContaining({ code: 'cell.two-digit-year', severity: 'warning', params: { value: typed, date: shownDate } }) },
    });
  }
  // Not a day the calendar has, or not a date at all: still refused.
  for (const typed of ['31-mzo-24', '31/03/240']) expect(parseValue(typed, { type: 'date' }, zone).problem?.code).toBe('cell.not-a-date');
  for (const typed of ['31/02/24', '29/02/23']) expect(parseValue(typed, { type: 'date' }, zone).problem?.code).toBe('cell.no-such-day');
  // Four digits: no warning.
  expect(parseValue('31/03/2024', { type: 'date' }, zone)).toEqual({ value: '2024-03-31T00:00:00-06:00' });
});

test('a currency off the list is told what to type (a three-letter ISO 4217 code, such as MXN), not the alphabet\'s first codes', () => {
  const column = templateSpec().sheets.flatMap((s) => s.columns).find((c) => c.path === 'tender/value/currency')!;
  const problem = parseValue('Euros europeos', column, 'UTC').problem!;
  const text = renderMessage(finding(problem.code, problem.severity, problem.params));
  expect(text).toBe('«Euros europeos» no es una opción de la lista. Elija una de la lista desplegable: el código de tres letras de la moneda (ISO 4217), por ejemplo MXN para pesos mexicanos o USD para dólares estadounidenses.');
  expect(text).not.toMatch(/AED|AFN/);
  // A long list with titles still names its first options (the drop-down shows them in that order).
  expect(parseValue('Otra etapa', templateSpec().sheets.flatMap((s) => s.columns).find((c) => c.codelist === 'releaseTag')!, 'UTC').problem?.params.options).toMatch(/^: «Planeación», «Actualización de la planeación»/);
});

// «N/A» in a date column was «no es una fecha válida», asking for a date nobody has (no-data-mark.ts).
const mexico = 'America/Mexico_City';
test('«N/A», «-», «No aplica» where the column refuses them read as an empty cell (info); a valid value never does', () => {
  const mark = (value: string) => ({ problem: expect.objectContaining({ code: 'cell.no-data-mark', severity: 'info', params: { value } }) });
  const options = [{ code: 'socialWitness', title: 'Testigo social' }];
  expect(parseValue('N/A', { type: 'date' }, mexico)).toEqual(mark('N/A'));
  expect(parseValue(' - ', { type: 'number' }, mexico)).toEqual(mark('-'));
  expect(parseValue('S/D', { type: 'integer' }, mexico)).toEqual(mark('S/D'));
  expect(parseValue('No aplica', { type: 'list', options }, mexico)).toEqual(mark('No aplica'));
  // A list open to other values keeps it, as published data has it, with its warning.
  expect(parseValue('ND', { type: 'string', options, openCodelist: true }, mexico)).toMatchObject({ value: 'ND', problem: { code: 'cell.code-not-in-list' } });
  expect(parseValue('No', { type: 'boolean' }, mexico)).toEqual({ value: false });
  expect(parseValue('N/A', { type: 'string' }, mexico)).toEqual({ value: 'N/A' });
  expect(parseValue('fecha', { type: 'date' }, mexico)).toEqual({ problem: expect.objectContaining({ code: 'cell.not-a-date' }) });
});

test('a text shaped like a date that is none says why and what to type, not only «use dd/mm/aaaa»', () => {
  const said = (v: string | number): [string | undefined, unknown] => {
    const { value, problem } = parseValue(v, { type: 'date' }, 'America/Tijuana');
    return [value === undefined ? problem?.code : String(value), problem?.params];
  };
  expect(said('29/02/2023')).toEqual(['cell.no-such-day', { value: '29/02/2023', month: 'febrero', year: '2023', days: '28' }]);
  expect(said('31 de abril de 2024')).toEqual(['cell.no-such-day', { value: '31 de abril de 2024', month: 'abril', year: '2024', days: '30' }]);
  expect(said('03/31/2024')).toEqual(['cell.month-first', { value: '03/31/2024', date: '31/03/2024' }]);
  expect(said('12/25/2024 10:30')).toEqual(['cell.month-first', { value: '12/25/2024 10:30', date: '25/12/2024 10:30' }]);
  expect(said('marzo 2024')).toEqual(['cell.month-without-day', { value: 'marzo 2024', date: '01/03/2024' }]);
  expect(said('13/13/2024')[0]).toBe('cell.not-a-date');
  // A year alone, typed as a number (which as a serial was a day of 1905) or as text.
  expect(said(2024)).toEqual(['cell.year-alone', { value: '2024' }]);
  expect(said('2024')).toEqual(['cell.year-alone', { value: '2024' }]);
  // Excel's 1900 serials: 60 is its 29/02/1900, which the calendar has not; the days before it come one day later.
  expect(said(60)).toEqual(['cell.no-such-day', { value: '60 (29/02/1900)', month: 'febrero', year: '1900', days: '28' }]);
  expect(said(59)[0]).toBe('1900-02-28T00:00:00-08:00');
  expect(said(61)[0]).toBe('1900-03-01T00:00:00-08:00');
});

// The usual number cell takes plainValue's path; an amount that may be a thousand typed with the dot must not.
test('an amount of 1.234 leaves the plain path for its warning; other numbers and other columns stay on it', () => {
  const money = { type: 'number', money: true } as const;
  expect(plainValue(1.234, money)).toBe(NEEDS_PARSING);
  expect(parseValue(1.234, money, 'UTC')).toMatchObject({ value: 1.234, problem: { code: 'cell.three-decimals', severity: 'warning', params: { meant: '$1,234.00', typed: '1,234' } } });
  for (const n of [1234.567, 12.5, 0.125, 27317.8168, 5000000]) expect(plainValue(n, money)).toBe(n);
  expect(plainValue(1.234, { type: 'number' })).toBe(1.234);
  // «1,234 MXN» in an amount carries its currency for the row to check (in a quantity it is refused: below).
  expect(parseValue('1,234 MXN', money, 'UTC')).toMatchObject({ value: 1234, currency: 'MXN', problem: { code: 'cell.currency-read', severity: 'info' } });
});

test('a currency before a number outside an amount is said as the one after it is', () => {
  expect(parseValue('USD 1,500', { type: 'number' }, 'UTC').problem).toMatchObject({ code: 'cell.currency-not-amount', params: { number: '1,500', currency: 'USD' } });
});

test('a currency in a number column that is no amount (a quantity, a percentage, days) is an error saying so, with the number to type', () => {
  for (const [text, spec, number, currency] of [
    ['2,000 MXN', { type: 'number' }, '2,000', 'MXN'], ['2,000 M.N.', { type: 'number' }, '2,000', 'MXN'], ['MXN 2,000', { type: 'number' }, '2,000', 'MXN'],
    ['$ 2,000 MXN', { type: 'number' }, '2,000', 'MXN'], ['45 pesos', { type: 'number' }, '45', 'MXN'], ['30 MXN', { type: 'integer', unit: 'days' }, '30', 'MXN'],
  ] as const) {
    const parsed = parseValue(text, spec, 'UTC');
    expect([text, parsed.value, parsed.problem?.code, parsed.problem?.severity, parsed.problem?.params]).toEqual([text, undefined, 'cell.currency-not-amount', 'error', { value: text, number, currency }]);
  }
  const p = parseValue('2,000 MXN', { type: 'number' }, 'UTC').problem!;
  expect(renderMessage(finding(p.code, p.severity, p.params))).toBe('«2,000 MXN»: esta columna no es un monto de dinero, así que no lleva moneda (MXN); escriba solo el número, 2,000.');
  // An amount still reads its currency, and a number without one reads as ever.
  expect(parseValue('2,000 MXN', { type: 'number', money: true }, 'UTC')).toMatchObject({ value: 2000, currency: 'MXN' });
  expect(parseValue('2,000', { type: 'number' }, 'UTC')).toEqual({ value: 2000 });
  expect(parseValue('30 días', { type: 'integer', unit: 'days' }, 'UTC').value).toBe(30);
});

test('an amount read with its currency is said with every decimal it has (a unit price of four), not rounded to cents', () => {
  const p = parseValue('27,317.8168 USD', { type: 'number', money: true }, 'UTC');
  expect([p.value, p.problem?.code, p.problem?.params.amount]).toEqual([27317.8168, 'cell.currency-read', '$27,317.8168 USD']);
  expect(parseValue('1,250.5 MXN', { type: 'number', money: true }, 'UTC').problem?.params.amount).toBe('$1,250.50');
});
