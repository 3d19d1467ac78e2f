/** CSV downloads: RFC 4180 quoting and neutralised formulas (cells starting with = + - @ get an apostrophe). */
import { csvCell, toCsv } from '../../dashboard/src/data/csv';
import { PROJECT_CSV_HEADER, projectCsvRow } from '../../dashboard/src/data/project-csv';
import { addDetails, compactRows } from '../../dashboard/src/data/compact-rows';
import { compactIndex, compactPart, expandIndex } from '../../core/stats/compact-index';
import { INDEX_VERSION, isCurrentIndex, publicationIndex } from '../../core/stats/publication-index';

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

describe('the projects\' CSV', () => {
  it('has each stage\'s start and end, as aaaa-mm-dd, after the project\'s own period, through the index the dashboard loads', () => {
    const project = {
      id: 'oc4ids-abc123-1', title: 'Puente', status: 'implementation', period: { startDate: '2024-02-01T00:00:00-06:00', endDate: '2025-12-15T00:00:00-06:00' },
      preparationPeriod: { startDate: '2023-07-01T00:00:00-06:00', endDate: '2024-01-31T00:00:00-06:00' },
      implementationPeriod: { startDate: '2024-02-01T00:00:00-06:00' },
    };
    const index = publicationIndex([], [project]);
    const answer = { publishers: [{ publisherId: 'p', name: 'P', state: 'Yucatán', publicationId: 'x', publishedAt: '2025-01-01', ...index }] };
    const [row] = compactRows(compactIndex(answer)).projects;
    const cells = Object.fromEntries(PROJECT_CSV_HEADER.map((column, i) => [column, projectCsvRow(row)[i]]));
    expect(cells).toMatchObject({
      inicio: '2024-02-01', fin: '2025-12-15', inicio_identificacion: undefined, fin_identificacion: undefined,
      inicio_preparacion: '2023-07-01', fin_preparacion: '2024-01-31', inicio_ejecucion: '2024-02-01', fin_ejecucion: undefined,
    });
    expect(PROJECT_CSV_HEADER.slice(9, 23)).toEqual(['inicio', 'fin', 'inicio_identificacion', 'fin_identificacion', 'inicio_preparacion', 'fin_preparacion',
      'inicio_ejecucion', 'fin_ejecucion', 'inicio_conclusion', 'fin_conclusion', 'inicio_operacion_y_mantenimiento', 'fin_operacion_y_mantenimiento', 'inicio_retiro', 'fin_retiro']);
    // The object form the API also answers reads the same.
    expect(expandIndex(compactIndex(answer)).publishers[0].projects[0].stages).toEqual({ preparation: { start: '2023-07-01T00:00:00-06:00', end: '2024-01-31T00:00:00-06:00' }, implementation: { start: '2024-02-01T00:00:00-06:00' } });
  });

  it('says when a project ended and how many days after its planned end (retraso_dias), through the index in one piece and in its two halves', () => {
    // Ended three months late; a second not ended, its planned end still to come (no figure: nothing to say yet).
    const late = { id: 'oc4ids-abc123-2', title: 'Parque', status: 'completion', period: { startDate: '2023-01-09T00:00:00-06:00', endDate: '2023-08-31T00:00:00-06:00' }, completion: { endDate: '2023-11-30T00:00:00-06:00' } };
    const ahead = { id: 'oc4ids-abc123-3', title: 'Escuela', status: 'implementation', period: { startDate: '2026-01-05T00:00:00-06:00', endDate: '2099-12-31T00:00:00-06:00' } };
    const answer = { publishers: [{ publisherId: 'p', name: 'P', state: 'Yucatán', publicationId: 'x', publishedAt: '2025-01-01', ...publicationIndex([], [late, ahead]) }] };
    const compact = compactIndex(answer);
    const core = compactPart(compact, 'core');
    const halves = compactRows(core);
    expect(addDetails(halves, core, compactPart(compact, 'details'))).toBe(true);
    for (const rows of [compactRows(compact).projects, halves.projects]) {
      const cells = rows.map((row) => Object.fromEntries(PROJECT_CSV_HEADER.map((column, i) => [column, projectCsvRow(row)[i]])));
      expect(cells.map((c) => [c.id, c.fin, c.terminacion, c.retraso_dias])).toEqual([['oc4ids-abc123-2', '2023-08-31', '2023-11-30', 91], ['oc4ids-abc123-3', '2099-12-31', undefined, undefined]]);
    }
    expect(PROJECT_CSV_HEADER.slice(PROJECT_CSV_HEADER.indexOf('valor_final_mxn'), PROJECT_CSV_HEADER.indexOf('valor_final_mxn') + 3)).toEqual(['valor_final_mxn', 'terminacion', 'retraso_dias']);
    expect(expandIndex(compact).publishers[0].projects[0].ended).toBe('2023-11-30T00:00:00-06:00');
  });

  it('an index stored before the stages (version 6) is not current: it is built again from the publication when read', () => {
    expect(INDEX_VERSION).toBeGreaterThanOrEqual(7);
    expect(isCurrentIndex({ projects: [], processes: [], version: 6 })).toBe(false);
  });
});
