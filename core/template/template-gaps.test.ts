/** What an earlier template lacks of the current one, from the spec (core/template/template-gaps.ts, template-behind.ts). */
import { renderMessage } from '../messages/render';
import { templateBehindFindings } from './template-behind';
import { missingColumns, templateGaps } from './template-gaps';
import { templateSpec } from './template-spec';

const spec = templateSpec();
const processes = spec.sheets.find((s) => s.name === 'Contrataciones')!;
const paths = processes.columns.map((c) => c.path);

describe('template gaps', () => {
  it('names the columns a template sheet lacks, in the template\'s order, wherever its other columns are', () => {
    const gone = [paths[3], paths[paths.length - 1]];
    const older = paths.filter((p) => !gone.includes(p)).reverse();
    expect(missingColumns(processes, older).map((c) => c.path)).toEqual(gone);
    expect(missingColumns(processes, paths)).toEqual([]);
  });

  it('counts a column written with an index (flatten-tool\'s ocid, awards/0/id) as there, and says nothing of a sheet with none of the template\'s paths', () => {
    const awards = spec.sheets.find((s) => s.name === 'Adjudicaciones')!;
    const indexed = awards.columns.map((c) => c.path.replace(/^awards\//, 'awards/0/'));
    expect(missingColumns(awards, indexed)).toEqual([]);
    expect(missingColumns(processes, ['Folio', 'Obra', ''])).toEqual([]);
  });

  it('counts a column whose path was deleted as there by its title, even a title a few letters off (the engine asks about it): adding it again would split the field', () => {
    const titles = processes.columns.map((c) => c.title);
    const cut = paths.map((p, i) => (i === 2 || i === 4 ? '' : p));
    const typo = titles.map((t, i) => (i === 4 ? t.slice(0, -1) : t));
    expect(missingColumns(processes, cut, typo)).toEqual([]);
    expect(missingColumns(processes, cut).map((c) => c.path)).toEqual([paths[2], paths[4]]);
  });

  it('names the template sheets a workbook lacks (by name in any capitals) and tells a workbook of no template', () => {
    const found = spec.sheets.filter((s) => s.name !== 'Artículos adjudicados').map((s) => ({ name: s.name.toUpperCase(), paths: s.columns.map((c) => c.path) }));
    const gaps = templateGaps(spec, found);
    expect(gaps.sheets.map((s) => s.name)).toEqual(['Artículos adjudicados']);
    expect(gaps.columns).toEqual([]);
    expect(gaps.recognized).toBe(found.length);
    expect(templateGaps(spec, [{ name: 'Hoja 1', paths: [] }]).recognized).toBe(0);
  });

  it('says it in Spanish: one notice for the workbook with the way to catch up, one per sheet with its columns', () => {
    const found = [{ name: 'Contrataciones', paths: paths.slice(0, -7) }];
    const [book, sheet, ...rest] = templateBehindFindings(templateGaps(spec, found), 'file');
    expect(rest).toEqual([]);
    expect(book).toMatchObject({ code: 'template.behind', severity: 'info' });
    expect(sheet).toMatchObject({ code: 'template.columns-missing', severity: 'info', cell: { sheet: 'Contrataciones', row: 2 }, params: { count: 7 } });
    const text = renderMessage(book);
    expect(text).toMatch(/^Este libro se hizo con una versión anterior de la plantilla: le faltan las hojas «.*» y \d+ más, y a 1 hoja le faltan columnas .*descargue la plantilla actual/);
    expect(renderMessage(sheet)).toContain(`«${processes.columns[paths.length - 7].title}»`);
    expect(renderMessage(sheet)).toMatch(/y 2 más, que la plantilla actual tiene\./);
    const addon = templateBehindFindings(templateGaps(spec, spec.sheets.map((s) => ({ name: s.name, paths: s === processes ? paths.slice(1) : s.columns.map((c) => c.path) }))), 'addon');
    expect(renderMessage(addon[0])).toMatch(/^Este libro se hizo con una versión anterior de la plantilla: a 1 hoja le faltan columnas .*elija «Crear plantilla»/);
    for (const f of [book, sheet, ...addon]) expect(renderMessage(f)).not.toMatch(/[{}]/);
  });
});
