/**
 * The template spec against the official standards (oracle: ../shared/standards): every field it exposes has
 * our Spanish label, every code it offers exists in its official codelist, and required follows the program.
 */
import * as fs from 'fs';
import * as path from 'path';
import { templateSpec } from '../core/template/template-spec';
import { CODES_ONLY_LISTS } from '../core/template/spec';
import { noteText } from '../core/template/layout';
import { PROFILES } from '../core/profile/profiles';
import { parseCsv } from '../scripts/lib/csv';
import { hasStandards, STANDARDS_DIR } from './standards';

const spec = templateSpec();
const describeIfStandards = hasStandards ? describe : describe.skip;

describe('template spec', () => {
  it('has a Spanish title and help text for every column (no placeholders)', () => {
    const missing = spec.sheets.flatMap((s) => s.columns.filter((c) => !c.title || c.title.startsWith('[') || c.help.length < 10).map((c) => `${s.name}:${c.field}`));
    expect(missing).toEqual([]);
  });

  it('sends no reader of a header note to the sheet the note is on', () => {
    // A parent key copied into a child sheet kept the help written for its own sheet: on «Mediciones de avance» the
    // «Indicador» note said to repeat the indicator «en la hoja "Mediciones de avance"». Labels give those a keyHelp.
    const selfReferring = spec.sheets.flatMap((s) => s.columns.filter((c) => noteText(c).includes(`«${s.name}»`)).map((c) => `${s.name}:${c.field}: ${c.help}`));
    expect(selfReferring).toEqual([]);
    const column = (sheet: string, field: string) => spec.sheets.find((s) => s.name === sheet)?.columns.find((c) => c.field === field);
    expect(noteText(column('Mediciones de avance', 'metrics/id')!)).toBe('Indicador al que pertenece esta medición: el mismo que registró para el proyecto en la hoja «Indicadores de avance» (avance físico o avance financiero). Obligatorio. Elija de la lista o escriba otro código.');
    // Where the items are listed, the field's own help still says where to repeat it.
    expect(column('Indicadores de avance', 'metrics/id')?.help).toMatch(/Repita el indicador en la hoja «Mediciones de avance»/);
  });

  it('tells, on a child sheet, which sheet lists the parent rows its keys point at', () => {
    // Each parent key (the `id` of an enclosing list item) names the sheet that lists those items, and no note on a
    // key says it may be left empty (an actor's «Si la deja vacía se forma…» read on the sheets of its contacts).
    const wrong: string[] = [];
    for (const sheet of spec.sheets) {
      for (const column of sheet.columns.filter((c) => c.key && c.field.endsWith('/id'))) {
        const array = column.field.slice(0, -'/id'.length);
        const parent = spec.sheets.find((s) => s.standard === sheet.standard && s.array === array);
        if (parent && parent !== sheet && !column.help.includes(`«${parent.name}»`)) wrong.push(`${sheet.name}:${column.field}: ${column.help}`);
        if (/deja vac/.test(column.help)) wrong.push(`${sheet.name}:${column.field}: ${column.help}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has a Spanish title for every code offered (codes themselves only for currency and country)', () => {
    const untitled = spec.sheets.flatMap((s) => s.columns.flatMap((c) => (c.options ?? [])
      .filter((o) => !CODES_ONLY_LISTS.has(c.codelist ?? '') && !c.codelist?.startsWith('mx/procurementMethodDetails') && o.title === o.code)
      .map((o) => `${c.codelist}:${o.code}`)));
    expect([...new Set(untitled)]).toEqual([]);
  });

  it('links every child sheet to its root by the root key, and every column path exists in the profile', () => {
    for (const sheet of spec.sheets) {
      const rootKey = sheet.standard === 'ocds' ? 'ocid' : 'id';
      expect(sheet.columns[0]).toMatchObject({ path: rootKey, key: true });
      for (const col of sheet.columns) {
        const field = col.field.replace(/\/\d+$/, '');
        expect({ field, known: PROFILES[sheet.standard].fields[field] !== undefined }).toEqual({ field, known: true });
      }
    }
  });

  it('has the two root sheets', () => {
    expect(spec.sheets.find((s) => s.name === 'Proyectos')).toMatchObject({ standard: 'oc4ids', array: '' });
    expect(spec.sheets.find((s) => s.name === 'Contrataciones')).toMatchObject({ standard: 'ocds', array: '' });
  });
});

/** Codes of a codelist as published: core list plus extension additions (+name.csv) and removals (-name.csv). */
function officialCodes(standard: 'ocds' | 'oc4ids', codelist: string): Set<string> {
  const codes = new Set<string>();
  const addFile = (file: string, column = 'Code', remove = false): void => {
    if (!fs.existsSync(file)) return;
    for (const row of parseCsv(fs.readFileSync(file, 'utf8'))) (remove ? codes.delete.bind(codes) : codes.add.bind(codes))(row[column]);
  };
  const mx = path.join(STANDARDS_DIR, 'edca-mx');
  if (codelist === 'mx/budgetMoment') addFile(path.join(mx, 'capture-tool-edcapi-edcapi_cat_budget_moment_type.csv'), 'code');
  // R-35: the OCDS budget lines' measures add `reserved` to the EDCAPI moments.
  if (codelist === 'mx/budgetMoment' && standard === 'ocds' && /approved\|modified\|executed\|committed\|reserved/.test(fs.readFileSync(path.join(mx, 'rules.md'), 'utf8'))) codes.add('reserved');
  // the capture tool's origins of public funds, emitted as their Spanish value.
  if (codelist === 'mx/budgetOrigin') addFile(path.join(mx, 'capture-tool-edcapi-edca_cat_origin.csv'), 'value');
  // R-35: the parts of the clave presupuestaria the capture tool names its budget lines' components by: EDCAPI's in
  // its field list's paths (`components[name=cycle]/code`), EDCA-MX's in the list of its `components/name` row.
  if (codelist === 'mx/budgetLineComponent') {
    for (const row of parseCsv(fs.readFileSync(path.join(mx, 'captured-fields-oc4ids.csv'), 'utf8'))) {
      const m = /components\[name=(\w+)\]/.exec(row.path);
      if (m) codes.add(m[1]);
    }
    const ocdsRow = parseCsv(fs.readFileSync(path.join(mx, 'captured-fields-ocds.csv'), 'utf8')).find((r) => r.path.endsWith('budgetLines/components/name'));
    for (const name of (ocdsRow?.codelist ?? '').split(',')) if (name.trim()) codes.add(name.trim());
  }
  // The budget classification's types, as the Federal Public Administration publishes them (its real sample).
  if (codelist === 'mx/budgetClassificationType') {
    const dir = path.join(STANDARDS_DIR, 'examples', 'real-mx');
    const visit = (node: unknown, key = ''): void => {
      if (Array.isArray(node)) node.forEach((x) => visit(x, key));
      else if (node && typeof node === 'object') {
        if (key === 'budgetClassification' && typeof (node as Record<string, unknown>).classification === 'string') codes.add((node as Record<string, string>).classification);
        for (const [k, v] of Object.entries(node)) visit(v, k);
      }
    };
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) visit(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  if (codelist === 'mx/procurementMethodDetails') {
    // INAI rule R-10: the three procedures of Mexican law, written in Spanish as the emitted value.
    const rules = fs.readFileSync(path.join(mx, 'rules.md'), 'utf8');
    for (const m of rules.matchAll(/`(Licitación pública|Invitación a cuando menos tres personas|Adjudicación directa)`/g)) codes.add(m[1]);
  }
  if (standard === 'oc4ids') {
    addFile(path.join(STANDARDS_DIR, 'oc4ids-0.9.5', 'codelists', `${codelist}.csv`));
    if (codelist === 'documentType') addFile(path.join(mx, 'capture-tool-edcapi-edcapi_cat_document_type.csv'), 'code');
    return codes;
  }
  addFile(path.join(STANDARDS_DIR, 'ocds-1.1.5', 'codelists', `${codelist}.csv`));
  const extDir = path.join(STANDARDS_DIR, 'extensions');
  for (const ext of fs.readdirSync(extDir)) {
    addFile(path.join(extDir, ext, 'codelists', `${codelist}.csv`));
    addFile(path.join(extDir, ext, 'codelists', `+${codelist}.csv`));
  }
  for (const ext of fs.readdirSync(extDir)) addFile(path.join(extDir, ext, 'codelists', `-${codelist}.csv`), 'Code', true);
  if (codelist === 'documentType') addFile(path.join(mx, 'capture-tool-catalog-documenttype.csv'), 'code');
  // the schemes the capture tool's item forms offer («CUCOP (Clasificador…), COG (…), CPC, …»).
  if (codelist === 'itemClassificationScheme') {
    const row = parseCsv(fs.readFileSync(path.join(mx, 'captured-fields-ocds.csv'), 'utf8')).find((r) => r.path === '/tender/items/classification/scheme');
    for (const m of (row?.codelist ?? '').replace(/^[^:]*:/, '').matchAll(/(?:^|,)\s*([A-Z]+)/g)) codes.add(m[1]);
  }
  return codes;
}

describe('template spec: the budget classification', () => {
  it('offers «Tipo de clasificación» as a drop-down of Spanish titles, on the process\'s and the contract\'s sheets', () => {
    // It was free text, where officials typed the Secretaría de Hacienda's English codes (financialSource, Economic…).
    const columns = spec.sheets.flatMap((s) => s.columns.filter((c) => c.field.endsWith('budgetClassification/classification')).map((c) => ({ sheet: s.name, c })));
    expect(columns.map((x) => x.sheet).sort()).toEqual(['Clasificación del contrato', 'Clasificación presupuestal']);
    for (const { c } of columns) {
      expect(c.title).toBe('Tipo de clasificación');
      expect(c.codelist).toBe('mx/budgetClassificationType');
      expect(c.options?.map((o) => o.code)).toEqual(expect.arrayContaining(['financialSource', 'Administrative', 'Economic']));
      expect(c.options?.every((o) => o.title !== o.code && /^[A-ZÁÉÍÓÚ][a-záéíóúñ]/.test(o.title))).toBe(true);
    }
  });
});

describeIfStandards('template spec against the official codelists', () => {
  it('offers only valid codes, and all of them', () => {
    const problems: string[] = [];
    for (const sheet of spec.sheets) for (const col of sheet.columns) {
      if (!col.options || !col.codelist) continue;
      const official = officialCodes(sheet.standard, col.codelist);
      if (official.size === 0) problems.push(`${col.codelist}: no official list found`);
      for (const o of col.options) if (!official.has(o.code)) problems.push(`${sheet.name}:${col.field} offers ${o.code}`);
      for (const code of official) if (!col.options.some((o) => o.code === code)) problems.push(`${sheet.name}:${col.field} lacks ${code}`);
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});

test('a coded column\'s note tells to choose from the list once, and says an open list takes other codes', () => {
  const notes = templateSpec().sheets.flatMap((s) => s.columns.filter((c) => c.options).map((c) => ({ at: `${s.name}:${c.field}`, note: noteText(c), open: Boolean(c.openCodelist) && c.type !== 'list' })));
  expect(notes.filter(({ note }) => (note.match(/\blista\b/gi) ?? []).length > 2 || /lista\b.*\bElija una opción de la lista\./i.test(note)).map((n) => n.at)).toEqual([]);
  expect(notes.filter(({ note, open }) => open && !/escrib/i.test(note)).map((n) => n.at)).toEqual([]);
  const status = templateSpec().sheets.find((s) => s.name === 'Proyectos')?.columns.find((c) => c.field === 'status');
  expect(noteText(status!)).toMatch(/^Elija de la lista la etapa .*\. Obligatorio\.$/);
});
