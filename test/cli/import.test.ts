/**
 * Import of published data: the official examples (OCDS release/record packages of the sample data, the OC4IDS
 * worked example) and hand-made fixtures of older Mexican publications (test/fixtures/import), through
 * `importDocuments` and through `infra-abierta import` → .xlsx → `convert`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { importDocuments } from '../../core/import';
import { renderMessage } from '../../core/messages/render';
import type { Finding } from '../../core/findings/finding';
import { VALIDATORS } from '../../core/validate';
import { hasStandards, ROOT, STANDARDS_DIR } from '../standards';
import { flatten } from '../../core/flatten';
import { unflatten } from '../../core/unflatten';
import { checkWorkbook } from '../../core/pipeline/check-workbook';
import { templateSpec } from '../../core/template/template-spec';
import { heldFields, leafKind, leaves } from '../../core/import/template-coverage';
import { publicationIndex } from '../../core/stats/publication-index';
import { readJson, runCli, scratchDir, STACK_TRACE } from './run-cli';
import { xlsxCells } from '../support/xlsx-cells';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'import');
const EXAMPLES = path.join(STANDARDS_DIR, 'examples');
const SAMPLE = path.join(EXAMPLES, 'ocds', 'sample-data', 'fictional-example-1.1');
const load = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const withStandards = hasStandards ? describe : describe.skip;

/**
 * What importing an official example may say: fields the template has no column for (one warning each, with the
 * count), texts with spaces at their ends (a cell cannot keep them), the UK example's procedure description,
 * outside the program's closed list of Mexican procedures, and that the releases themselves are not carried.
 */
/** The notes every import gives (release ids and dates, a project's `updated`, are not carried), left out where a test lists the others. */
const upgrades = (findings: Finding[]): Finding[] => findings.filter((f) => f.code !== 'import.releases-not-carried' && f.code !== 'import.updated-not-carried');
const REPORTED_ONLY = new Set(['import.dropped', 'import.trimmed', 'import.code-not-in-list', 'import.releases-not-carried', 'import.updated-not-carried']);
const trimmed = (docs: unknown[]): unknown[] => JSON.parse(JSON.stringify(docs), (_k, v: unknown) => (typeof v === 'string' ? v.trim() : v)) as unknown[];

let dir: string;
beforeAll(() => { dir = scratchDir('import-'); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

withStandards('official examples', () => {
  test.each([
    ['ocds-213czf-000-00001-01-planning.json'],
    ['ocds-213czf-000-00001-04-award.json'],
    ['ocds-213czf-000-00001-06-implementation.json'],
  ])('release package %s imports as is, apart from reported fields the template has no column for and trimmed texts', (file) => {
    const input = load(path.join(SAMPLE, file)) as { releases: unknown[] };
    const result = importDocuments(input, file);
    expect(result.findings.filter((f) => !REPORTED_ONLY.has(f.code))).toEqual([]);
    expect(result.releases).toEqual(trimmed(input.releases));
  });

  test('record packages give their compiled release, or their embedded releases compiled', () => {
    const compiled = load(path.join(SAMPLE, 'record', 'ocds-213czf-000-00001.json')) as { records: { compiledRelease: unknown }[] };
    const a = importDocuments(compiled, 'registro.json');
    expect(a.findings.filter((f) => !REPORTED_ONLY.has(f.code))).toEqual([]);
    expect(a.releases).toEqual(trimmed([compiled.records[0].compiledRelease]));

    const embedded = load(path.join(EXAMPLES, 'ocds', 'record-embedded-releases.json')) as { records: { releases: unknown[]; compiledRelease?: unknown }[] };
    const b = importDocuments(embedded, 'embebidas.json');
    expect(b.releases).toHaveLength(1);
    const rec = embedded.records[0];
    expect(b.releases[0]).toEqual(trimmed([rec.compiledRelease ?? rec.releases[rec.releases.length - 1]])[0]);
  });

  test("CLI: a process published a release per stage (one file each) comes in as one process, with each field's latest value (OCDS merge), not the first release's", async () => {
    const stages = fs.readdirSync(SAMPLE).filter((f) => /^ocds-213czf-000-00001-0\d-\w+\.json$/.test(f)).sort().map((f) => path.join(SAMPLE, f));
    expect(stages).toHaveLength(6);
    const book = path.join(dir, 'etapas.xlsx');
    const run = await runCli('import', ...stages, '-o', book);
    expect(run.code).toBe(0);
    expect(run.err).toContain('1 proceso venía en más de una entrega (6 entregas; por ejemplo «ocds-213czf-000-00001», 6 entregas del 15/03/2009 08:45 al 10/01/2011 03:30); cada proceso quedó en una sola fila de «Contrataciones»');
    expect(run.err).toMatch(/Escrito .*etapas\.xlsx: 1 proceso de contratación y 0 proyectos\./);
    // What the workbook does not carry, once for the six files (it was a line per file, each saying «1 proceso»).
    expect(run.err.split('\n').filter((l) => l.includes('no sus entregas'))).toEqual([expect.stringMatching(/^El libro lleva el estado más reciente de 1 proceso, no sus entregas \(6 entregas publicadas hasta el 10\/01\/2011 03:30\)/)]);
    const out = path.join(dir, 'etapas.json');
    await runCli('convert', book, '-o', out);
    const [release] = readJson(out).releases as Record<string, any>[];
    // As the official record compiles the six releases (its compiledRelease), not as the planning release said.
    const compiled = (load(path.join(SAMPLE, 'record', 'ocds-213czf-000-00001.json')) as { records: { compiledRelease: Record<string, any> }[] }).records[0].compiledRelease;
    expect([release.tender.status, release.tender.value, release.tender.tenderPeriod.startDate, release.awards[0].status, release.awards[0].date])
      .toEqual([compiled.tender.status, compiled.tender.value, compiled.tender.tenderPeriod.startDate, compiled.awards[0].status, compiled.awards[0].date]);
    expect(release.tender.items[0].quantity).toBe(compiled.tender.items[0].quantity);
  });

  test('the OC4IDS worked example imports its project unchanged (its coordinates are outside Mexico: not swapped)', () => {
    const input = load(path.join(EXAMPLES, 'oc4ids', 'example.json')) as { projects: unknown[] };
    const result = importDocuments(input, 'example.json');
    expect(upgrades(result.findings).filter((f) => f.code !== 'import.dropped' && f.code !== 'import.publication-derived')).toEqual([]);
    expect(result.projects).toEqual(input.projects);
  });

  test('CLI: release package + OC4IDS example → template workbook that converts back', async () => {
    const book = path.join(dir, 'oficiales.xlsx');
    const run = await runCli('import', path.join(SAMPLE, 'ocds-213czf-000-00001-06-implementation.json'), path.join(EXAMPLES, 'oc4ids', 'example.json'), '-o', book);
    expect(run.err).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/1 proceso de contratación y 1 proyecto\./);
    const out = path.join(dir, 'oficiales.json');
    const back = await runCli('convert', book, '-o', out);
    expect(back.code).toBeLessThan(2);
    const releases = readJson(out).releases as { ocid: string }[];
    expect(releases.map((r) => r.ocid)).toEqual(['ocds-213czf-000-00001']);
    const projects = readJson(path.join(dir, 'oficiales-proyectos.json')).projects as { id: string }[];
    expect(projects.map((p) => p.id)).toEqual([(load(path.join(EXAMPLES, 'oc4ids', 'example.json')) as { projects: { id: string }[] }).projects[0].id]);
  });
});

describe('older Mexican publications: every upgrade is an info finding with its pointer', () => {
  test('SHCP budget breakdowns: budgetclassifications (Measures, level, classifications) and url take the declared names', () => {
    const release = {
      ocid: 'ocds-07smqs-1', id: 'ocds-07smqs-1-1', date: '2019-01-01T00:00:00-06:00', tag: ['planning'], initiationType: 'tender',
      planning: { budget: { budgetBreakdown: [{ id: '16K141', url: 'http://nptp.hacienda.gob.mx/programas/16K141', budgetclassifications: [
        { id: '16B00', level: 2, classifications: 'Administrative', levelLabel: 'Unidad Responsable', description: 'Comisión Nacional del Agua', Measures: [{ id: 'Aprobado', value: { amount: 1071520, currency: 'MXN' } }] },
      ] }] } },
    };
    const result = importDocuments({ releases: [release] }, 'shcp.json');
    expect(upgrades(result.findings).map((f) => [f.code, f.severity, f.pointer ?? f.params.field])).toEqual([
      ['import.budget-url', 'info', '/releases/0/planning/budget/budgetBreakdown/0/uri'],
      ['import.budget-classification', 'info', '/releases/0/planning/budget/budgetBreakdown/0/budgetClassification'],
      ['import.code-normalized', 'info', 'planning/budget/budgetBreakdown/budgetClassification/measures/id'],
    ]);
    for (const f of result.findings) expect(renderMessage(f)).not.toMatch(/\{\w+\}/);
    const [breakdown] = (result.releases[0] as Record<string, any>).planning.budget.budgetBreakdown;
    expect(breakdown).toEqual({ id: '16K141', uri: 'http://nptp.hacienda.gob.mx/programas/16K141', budgetClassification: [
      { id: '16B00', levelId: 2, classification: 'Administrative', levelLabel: 'Unidad Responsable', description: 'Comisión Nacional del Agua', measures: [{ id: 'approved', value: { amount: 1071520, currency: 'MXN' } }] },
    ] });
  });

  test('EDCAPI 0.9.x project package: status, [lat, lng], nature outside summary, budgetBreakdown', () => {
    const result = importDocuments(load(path.join(FIXTURES, 'edcapi-0.9.2-proyectos.json')), 'edcapi-0.9.2-proyectos.json');
    expect(upgrades(result.findings).map((f) => [f.code, f.severity, f.pointer])).toEqual([
      ['import.status-completed', 'info', '/projects/0/status'],
      ['import.coordinates-swapped', 'info', '/projects/0/locations/0/geometry/coordinates'],
      ['import.nature-moved', 'info', '/projects/0/contractingProcesses/0/summary/nature'],
      ['import.nature-moved', 'info', '/projects/0/contractingProcesses/1/summary/nature'],
      ['import.budget-breakdowns', 'info', '/projects/0/budget/budgetBreakdowns'],
      // The capture tool's sector `recreation`, outside OC4IDS 0.9.5, is the sector that holds it (code-aliases.ts).
      ['import.code-normalized', 'info', undefined],
    ]);
    for (const f of result.findings) expect(renderMessage(f)).not.toMatch(/\{\w+\}/);
    // Said by where the official finds them in the workbook, not only by EDCAPI's names («summary.nature», «budgetBreakdowns»).
    const said = (code: string): string => renderMessage(result.findings.find((f) => f.code === code) as Finding);
    expect(said('import.nature-moved')).toContain('quedó en la columna «Naturaleza del proceso» de la hoja «Procesos del proyecto»');
    expect(said('import.budget-breakdowns')).toContain('sus líneas quedaron en la hoja «Desglose presupuestal»');
    const [project] = result.projects as Record<string, any>[];
    expect(project.status).toBe('completion');
    expect(project.sector).toEqual(['cultureSportsAndRecreation']);
    expect(project.locations[0].geometry.coordinates).toEqual([-98.1981, 19.0433]);
    expect(project.contractingProcesses[0]).toEqual({ id: 'ocds-ej0001-OP-LP-2020-031', summary: { ocid: 'ocds-ej0001-OP-LP-2020-031', title: 'Rehabilitación del mercado municipal Cinco de Mayo', status: 'closed', nature: ['construction'] } });
    expect(project.contractingProcesses[1]).toEqual({ id: 'ocds-ej0001-SRO-AD-2020-007', summary: { nature: ['supervision'] } });
    expect(project.budget.budgetBreakdowns).toEqual([{ id: '1', budgetBreakdown: [expect.objectContaining({ id: 'FISM-2020' })] }]);
    expect(project.budget.budgetBreakdown).toBeUndefined();
    expect(VALIDATORS.project(project) ? [] : VALIDATORS.project.errors).toEqual([]);
  });

  test('EDCA-MX release package with a tag written as text', () => {
    const result = importDocuments(load(path.join(FIXTURES, 'edca-mx-entregas-etiqueta-texto.json')), 'entregas.json');
    expect(upgrades(result.findings).map((f) => [f.code, f.severity, f.pointer, f.params])).toEqual([['import.tag-as-string', 'info', '/releases/0/tag', { value: 'award' }]]);
    expect(result.releases.map((r) => r.tag)).toEqual([['award'], ['tender']]);
    for (const r of result.releases) expect(VALIDATORS.release(r) ? [] : VALIDATORS.release.errors).toEqual([]);
  });

  test('a second import of upgraded data changes nothing more', () => {
    const once = importDocuments(load(path.join(FIXTURES, 'edcapi-0.9.2-proyectos.json')), 'a.json');
    const twice = importDocuments({ projects: once.projects }, 'b.json');
    expect(upgrades(twice.findings)).toEqual([]);
    expect(twice.projects).toEqual(once.projects);
  });

  test('CLI: the upgrades are printed in Spanish and the workbook converts back to the upgraded documents', async () => {
    const book = path.join(dir, 'antiguos.xlsx');
    const run = await runCli('import', path.join(FIXTURES, 'edcapi-0.9.2-proyectos.json'), path.join(FIXTURES, 'edca-mx-entregas-etiqueta-texto.json'), '-o', book);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/edcapi-0\.9\.2-proyectos\.json \/projects\/0\/status: La etapa «completed» \(terminado\) no existe en EDCAPI 0\.9\.5, .*quedó «Conclusión»/);
    expect(run.err).toMatch(/se corrigieron al orden GeoJSON \[longitud, latitud\]/);
    expect(run.err).toMatch(/edca-mx-entregas-etiqueta-texto\.json \/releases\/0\/tag: La etiqueta de la entrega venía como texto/);
    const out = path.join(dir, 'antiguos.json');
    expect((await runCli('convert', book, '-o', out)).code).toBeLessThan(2);
    const project = (readJson(path.join(dir, 'antiguos-proyectos.json')).projects as Record<string, any>[])[0];
    expect(project.status).toBe('completion');
    expect(project.locations[0].geometry.coordinates).toEqual([-98.1981, 19.0433]);
    expect(project.contractingProcesses.map((c: any) => c.summary?.nature)).toEqual([['construction'], ['supervision']]);
    expect((readJson(out).releases as { ocid: string }[]).map((r) => r.ocid)).toEqual(['ocds-ej0001-OP-LP-2020-031', 'ocds-ej0001-SRO-AD-2020-007']);
  });

  test('shapes that are not packages are errors, not exceptions', () => {
    for (const input of [null, 42, 'texto', {}, { releases: [{ sinOcid: true }] }, { records: [{ ocid: 'x' }] }, { projects: [7] }]) {
      const result = importDocuments(input, 'raro.json');
      expect(result.releases).toEqual([]);
      expect(result.projects).toEqual([]);
      expect(result.findings.length).toBeGreaterThan(0);
      for (const f of result.findings) expect(renderMessage(f)).toContain('raro.json');
    }
  });

  test('CLI: a folder given for a package is said in Spanish (it was «Error inesperado: EISDIR…»)', async () => {
    const run = await runCli('import', dir, '-o', path.join(dir, 'carpeta.xlsx'));
    expect(run.code).toBe(2);
    expect(run.err).toBe(`«${path.basename(dir)}» es una carpeta, no un archivo JSON. Indique los archivos de la carpeta, por ejemplo «${path.join(dir, '*.json')}».`);
  });

  test('CLI: a file that is no package writes no workbook (a blank template looked like an import that worked)', async () => {
    const input = path.join(dir, 'raro.json');
    fs.writeFileSync(input, '{"a": 1}');
    const out = path.join(dir, 'raro.xlsx');
    const run = await runCli('import', input, '-o', out);
    expect(run.code).toBe(1);
    expect(run.err.split('\n')).toEqual([
      'raro.json: El archivo «raro.json» no es un paquete de entregas, de registros ni de proyectos.',
      'No se escribió raro.xlsx: el archivo no trae procesos de contratación ni proyectos. Para una plantilla en blanco use «infra-abierta template».',
    ]);
    expect(fs.existsSync(out)).toBe(false);
  });
});

/**
 * The real Mexican publications (../shared/standards/examples/real-mx): every value the template holds comes back
 * from import → workbook → convert exactly; every other value is named in a finding of the import, per field with
 * its count. The only values that do not come back are those the import reported outside a closed program list
 * (they land in their cell and the conversion refuses them there, with the row they key).
 */
/** The pristine official release schema (no extension), compiled once. */
let officialValidator: ValidateFunction | undefined;
function officialRelease(): ValidateFunction {
  if (officialValidator) return officialValidator;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  officialValidator = ajv.compile(load(path.join(STANDARDS_DIR, 'ocds-1.1.5', 'release-schema.json')) as object);
  return officialValidator;
}

withStandards('real Mexican publications round-trip', () => {
  const REAL_MX = path.join(EXAMPLES, 'real-mx');
  const files = hasStandards ? fs.readdirSync(REAL_MX).filter((f) => f.endsWith('.json')).sort() : [];
  const spec = templateSpec();
  const held = heldFields(spec);
  const totals = { held: 0, kept: 0 };
  const arrayOf = (field: string): string => spec.sheets.find((s) => s.columns.some((c) => c.field === field && !c.key))?.array ?? '';

  test('CLI: a capture-tool file\'s notes read one line per kind, each listing its fields (19 left out: one line)', async () => {
    const file = 'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json';
    const run = await runCli('import', path.join(REAL_MX, file), '-o', path.join(dir, 'cpe-021.xlsx'));
    const lines = run.err.split('\n').filter(Boolean);
    const dropped = lines.filter((l) => l.includes('la plantilla no tiene columna'));
    expect(dropped).toHaveLength(1);
    // Each by the sheet its items are on and the rest of its path, not by a JSON path from the release's root
    // («contracts/period/durationInDays»): the template has no Spanish title for a field it has no column for.
    expect(dropped[0]).toMatch(/^RecordPackage-\S+\.json: Se omitieron 18 valores de 18 campos .*: hoja «Contrataciones»: «planning\/numberOfBeneficiaries», «tender» \(tenderPeriod\/maxExtentDate, .*\); hoja «Adjudicaciones»: «contractPeriod\/durationInDays»; hoja «Contratos»: «x_financial_advance», .*«period» \(maxExtentDate, durationInDays\), .*«x_observedPhysicalProgress»\.$/);
    // Its year-0001 dates (the capture tool's «no date») are left empty, said in one line; and the workbook's next step.
    expect(lines.filter((l) => l.includes('año anterior a 1900'))).toHaveLength(1);
    expect(lines[lines.length - 1]).toBe('Siguiente paso: abra cpe-021.xlsx, complete o corrija lo que dicen las notas de arriba y revíselo con «infra-abierta validate cpe-021.xlsx», que señala cada celda por corregir.');
    // (One of them says what the publisher name written in Configuración is for: import.publisher-name; another, the
    // joint bidder's name with doubled spaces written on one line: import.one-line.)
    expect(lines.length).toBeLessThan(14);
  });

  test("CLI: Nuevo León's parties identified by their RFC under scheme «RFC» are written MX-RFC, said once; ids as published", async () => {
    const book = path.join(dir, 'nl-ad-009.xlsx');
    const run = await runCli('import', path.join(REAL_MX, 'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json'), '-o', book);
    expect(run.code).toBe(0);
    expect(run.err.split('\n').filter((l) => l.includes('«RFC»'))).toEqual([
      'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json: 1 valor de la columna «Esquema del identificador» de la hoja «Actores» decía «RFC»: en EDCA-MX el esquema del RFC se escribe «MX-RFC», y así se escribió. El RFC y el identificador de cada actor quedaron como se publicaron.',
    ]);
    const out = path.join(dir, 'nl-ad-009.json');
    const converted = await runCli('convert', book, '-o', out);
    // Every party of the file said «El esquema del identificador es «RFC», pero … se identifican con su RFC».
    expect(converted.err).not.toMatch(/es «RFC»/);
    const parties = (readJson(out).releases as { parties: { id: string; identifier?: { scheme?: string; id?: string } }[] }[])[0].parties;
    expect(parties.find((p) => p.identifier?.id === 'CUR950920ER0')).toMatchObject({ id: 'RFC-CUR950920ER0', identifier: { scheme: 'MX-RFC' } });
  });

  test('repeated parties are joined, said without naming the file again (each report line starts with it)', () => {
    const party = { id: 'MX-RFC-AAA010101AAA', name: 'Constructora A', roles: ['tenderer'] };
    const release = { ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['tender'], initiationType: 'tender', parties: [party, { ...party, roles: ['supplier'] }, { ...party, name: 'Constructora A, S.A.', roles: ['payee'] }] };
    const { releases, findings } = importDocuments({ releases: [release] }, 'paquete.json');
    expect((releases[0].parties as { roles: string[] }[])[0].roles).toEqual(['tenderer', 'supplier', 'payee']);
    const said = findings.filter((f) => f.code.startsWith('import.part')).map(renderMessage);
    expect(said).toEqual([
      '2 actores se repetían con el mismo identificador de otro; cada grupo se unió en uno, con todos sus roles.',
      'El actor «Constructora A (MX-RFC-AAA010101AAA)» venía repetido; al unirlo se omitió 1 dato de la repetición que no coincidía con el primero: «Nombre del actor» (hoja «Actores») «Constructora A, S.A.» (quedó «Constructora A»). Si el dato omitido es el correcto, escríbalo en su celda.',
    ]);
  });

  test('a repeated party\'s value the template has no column for is named by its sheet and the rest of its path, not from the release\'s root', () => {
    const party = { id: 'MX-RFC-AAA010101AAA', name: 'Constructora A', roles: ['tenderer'], identifier: { id: 'AAA010101AAA', scheme: 'MX-RFC', schemeUrl: 'https://a.example' } };
    const release = { ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['tender'], initiationType: 'tender', parties: [party, { ...party, roles: ['supplier'], identifier: { ...party.identifier, schemeUrl: 'https://b.example' } }] };
    const { findings } = importDocuments({ releases: [release] }, 'paquete.json');
    expect(findings.filter((f) => f.code.startsWith('import.party-values-lost') || f.code === 'import.dropped').map(renderMessage)).toEqual([
      // It ended «Si el dato omitido es el correcto, escríbalo en su celda», of a value no cell can hold.
      'El actor «Constructora A (MX-RFC-AAA010101AAA)» venía repetido; al unirlo se omitió 1 dato de la repetición que no coincidía con el primero: «identifier/schemeUrl» (hoja «Actores») «https://b.example» (quedó «https://a.example»). La plantilla no tiene columna para ese dato, así que no se publicará desde este libro ni el valor omitido ni el que quedó.',
      'Se omitió 1 valor de «identifier/schemeUrl» (hoja «Actores»): la plantilla no tiene columna para ese dato, así que no se publicará de nuevo desde este libro.',
    ]);
  });

  test('a repeated party\'s values with a column and without one: each said with what can be done about it', () => {
    const party = { id: 'MX-RFC-AAA010101AAA', name: 'Constructora A', roles: ['tenderer'], identifier: { id: 'AAA010101AAA', scheme: 'MX-RFC', schemeUrl: 'https://a.example' } };
    const release = { ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['tender'], initiationType: 'tender', parties: [party, { ...party, name: 'Constructora A, S.A.', roles: ['supplier'], identifier: { ...party.identifier, schemeUrl: 'https://b.example' } }] };
    const { findings } = importDocuments({ releases: [release] }, 'paquete.json');
    expect(findings.filter((f) => f.code.startsWith('import.party-values-lost')).map(renderMessage)).toEqual([
      'El actor «Constructora A (MX-RFC-AAA010101AAA)» venía repetido; al unirlo se omitió 1 dato de la repetición que no coincidía con el primero: «Nombre del actor» (hoja «Actores») «Constructora A, S.A.» (quedó «Constructora A»). Si el dato omitido es el correcto, escríbalo en su celda.',
      'El actor «Constructora A (MX-RFC-AAA010101AAA)» venía repetido; al unirlo se omitió 1 dato de la repetición que no coincidía con el primero: «identifier/schemeUrl» (hoja «Actores») «https://b.example» (quedó «https://a.example»). La plantilla no tiene columna para ese dato, así que no se publicará desde este libro ni el valor omitido ni el que quedó.',
    ]);
  });

  test("CLI: Nuevo León's project lists its Secretaría de Infraestructura twice, with two addresses: each value left out is named, with its column and the value kept", async () => {
    const run = await runCli('import', path.join(REAL_MX, 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json'), '-o', path.join(dir, 'nl-000001.xlsx'));
    expect(run.code).toBe(0);
    expect(run.err.split('\n').filter((l) => l.includes('venía repetido'))).toEqual([
      'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json: El actor «Secretaría de Infraestructura (SIASI-000011)» venía repetido; al unirlo se omitieron 3 datos de la repetición que no coincidían con el primero: «Calle y número» (hoja «Actores del proyecto») «Washington» (quedó «Washigton»); «Código postal» (hoja «Actores del proyecto») «64010» (quedó «64000»); «Página web del contacto» (hoja «Actores del proyecto») «http://si.nl.gob.mx» (quedó «http://si.nl.gob.mx/»). Si el dato omitido es el correcto, escríbalo en su celda.',
    ]);
  });

  test('CLI: a file saved in Windows-1252 (Latin-1) instead of UTF-8 keeps its accents, and says so; it did not become «SECRETAR\uFFFDA»', async () => {
    const file = 'ocds-07smqs-1386-1386.json';
    const original = fs.readFileSync(path.join(REAL_MX, file), 'utf8');
    const latin = path.join(dir, 'shcp-latin1.json');
    // Every character of this file is in Latin-1: its bytes as an older Windows export writes them.
    fs.writeFileSync(latin, Buffer.from(original, 'latin1'));
    const book = path.join(dir, 'shcp-latin1.xlsx');
    const run = await runCli('import', latin, '-o', book);
    expect(run.code).toBe(0);
    expect(run.err.split('\n')[0]).toBe('shcp-latin1.json: El archivo «shcp-latin1.json» no está en UTF-8, la codificación de JSON: se leyó como Windows-1252 (Latin-1), la de muchos sistemas anteriores, para conservar sus acentos y eñes. Revise que los nombres se lean bien en lo que se escribió; si no, guarde el archivo como UTF-8 y repita.');
    const out = path.join(dir, 'shcp-latin1-out.json');
    await runCli('convert', book, '-o', out);
    const names = (readJson(out).releases as { parties: { name: string }[] }[])[0].parties.map((p) => p.name);
    expect(names).toContain('Comisión Nacional del Agua');
    expect(JSON.stringify(readJson(out))).not.toContain('\uFFFD');
  });

  test('CLI: files of different publishers gathered in one workbook: the name kept in Configuración and the others are said', async () => {
    const run = await runCli('import', path.join(REAL_MX, 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json'), path.join(REAL_MX, 'ocds-07smqs-1386-1386.json'), '-o', path.join(dir, 'dos.xlsx'));
    expect(run.code).toBe(0);
    // The SHCP's contract has its amount only with VAT («valueWithTax»), which no column holds: said once, with where it goes.
    expect(run.err.split('\n').filter((l) => l.includes('valueWithTax') && !l.includes('Se omitieron'))).toEqual(['1 contrato publicaba su monto solo con IVA, en «valueWithTax» (el contrato «201716004425» del proceso «ocds-07smqs-1386», $885,888.61), un dato que la plantilla no tiene: en el libro quedó sin monto. Si antes de publicar el libro publica la historia de sus procesos con «infra-abierta history» (lo explica la nota sobre las entregas), su registro conserva ese monto; si no, el tablero lo mostrará sin monto contratado. Para que el libro también lo lleve, escríbalo en la columna «Monto del contrato» de la hoja «Contratos», que pide el total con impuestos.']);
    expect(run.err.split('\n')).toContain('Los paquetes importados nombran a más de un publicador. La hoja «Configuración» tiene un solo «Nombre del publicador» y quedó «CDMX-SEFIN»; no se usó «SECRETARÍA DE LA FUNCIÓN PÚBLICA / SECRETARIA DE HACIENDA Y CRÉDITO PÚBLICO». Al enviar el libro a revisión, todo se publica con el nombre con que está registrada su institución (el de «Configuración» solo lo usa «infra-abierta convert»): si los datos no son todos de una misma institución, importe por separado los de cada publicador.');
    // One file, one publisher: not «más de un publicador», but what the name written in Configuración is for (it sat
    // there with nothing saying that the platform publishes with the registered name).
    const one = (await runCli('import', path.join(REAL_MX, 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json'), '-o', path.join(dir, 'uno.xlsx'))).err.split('\n');
    expect(one.join('\n')).not.toContain('más de un publicador');
    expect(one).toContain('En la hoja «Configuración», «Nombre del publicador» quedó «CDMX-SEFIN», el publicador que nombran los paquetes. Al enviar el libro a revisión, los datos se publican con el nombre con que está registrada su institución, no con este: el de «Configuración» solo da el nombre en los archivos que escribe «infra-abierta convert» (y al registrar una institución nueva con «infra-abierta publish»).');
  });

  // Ciudad de México wrote every date at -06:00, also in the summer of 2016, when the city was at -05:00: those stay
  // as their published text (a date cell would publish them an hour off), and the official found
  // «2016-04-05T00:00:00-06:00» in a column that asks for dd/mm/aaaa with nothing saying why.
  test('CLI: the dates left as their published text are said, by sheet and column, and are text in exactly those cells', async () => {
    const book = path.join(dir, 'cdmx-fechas.xlsx');
    const run = await runCli('import', path.join(REAL_MX, 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json'), '-o', book);
    expect(run.code).toBe(0);
    expect(run.err.split('\n').filter((l) => l.includes('como texto'))).toEqual([
      '15 fechas quedaron como texto, tal como se publicaron (por ejemplo «2016-06-30T00:00:00-06:00»): vienen en UTC, con un desfase horario distinto del que tenía ese día la zona de la hoja «Configuración» (America/Mexico_City) o con fracciones de segundo, y como celdas de fecha se publicarían cambiadas. Así se publican igual; si escribe una como fecha (dd/mm/aaaa), se publica a la medianoche de esa zona: hoja «Contratos»: «Término del contrato»; hoja «Hitos de ejecución»: «Fecha programada» (6); hoja «Transacciones»: «Fecha de la transacción» (8).',
    ]);
    // What it counts is what the workbook holds: the text cells of those columns (the winter ones are dates).
    const wb = await xlsxCells(book);
    const texts = (sheet: string, title: string): number => {
      const ws = wb.getWorksheet(sheet);
      if (!ws) throw new Error(sheet);
      let col = 0;
      ws.getRow(1).eachCell((c, n) => { if (String(c.value).replace(/ \*$/, '') === title) col = n; });
      let n = 0;
      for (let r = 3; r <= ws.rowCount; r++) if (typeof ws.getRow(r).getCell(col).value === 'string') n++;
      return n;
    };
    expect([texts('Contratos', 'Término del contrato'), texts('Hitos de ejecución', 'Fecha programada'), texts('Transacciones', 'Fecha de la transacción')]).toEqual([1, 6, 8]);
    // A file whose dates all fit its zone (Nuevo León's, at Monterrey's midnights) says nothing of the kind.
    expect((await runCli('import', path.join(REAL_MX, 'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json'), '-o', path.join(dir, 'nl-fechas.xlsx'))).err).not.toMatch(/quedaron? como texto/);
  });

  test('CLI: Nuevo León\'s and the INAI\'s files state different licences and policies: the ones kept in Configuración and the others are said', async () => {
    const run = await runCli('import', path.join(REAL_MX, 'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json'), path.join(REAL_MX, 'record-package_269.json'), '-o', path.join(dir, 'nl-inai.xlsx'));
    expect(run.code).toBe(0);
    const said = run.err.split('\n').filter((l) => l.startsWith('Los paquetes importados declaran'));
    expect(said).toEqual([
      expect.stringMatching(/^Los paquetes importados declaran más de un valor para «Licencia \(URL\)»\. .*quedó «https:\/\/datos\.gob\.mx\/libreusomx»; no se usó «https:\/\/datos\.gob\.mx\/libreusomxssa»\./),
      expect.stringMatching(/^Los paquetes importados declaran más de un valor para «Política de publicación \(URL\)»\. .*quedó «http:\/\/si\.nl\.gob\.mx»; no se usó «http:\/\/bit\.ly\/politicadepublicacionINAIsssa»\./),
    ]);
  });

  // Nuevo León's release packages carry the version in their ocid («…-E14-2019-v001»); without their record only its
  // project names the process («Release-ocds-7wj9x5-LO-919009986-E14-2019», its release «…-E14-2019-v001»). Kept
  // versioned, the process did not match its project's and the dashboard linked neither. The ocid alone is not
  // enough (a process may be named «…-v1»): a release package alone keeps its ocid.
  test('CLI: Nuevo León\'s release package without its record takes its process\'s ocid from the project that lists it; alone it keeps its own', async () => {
    const project = 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json';
    const versioned = 'ocds-7wj9x5-LO-919009986-E14-2019-v001';
    // Its release, built from another of its processes' record (the real file is not among the examples).
    const compiled = (load(path.join(REAL_MX, 'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json')) as { records: { compiledRelease: Record<string, unknown> }[] }).records[0].compiledRelease;
    const release = path.join(dir, `Release-${versioned}-contract.json`);
    fs.writeFileSync(release, JSON.stringify({ uri: `http://si.nl.gob.mx/Acceso/DatosAbiertos/000005/LO-919009986-E14-2019/v001/Release-${versioned}-contract.json`, releases: [{ ...compiled, ocid: versioned, id: `${versioned}-contract` }] }));
    const ocidsOf = async (name: string, ...files: string[]): Promise<{ ocids: string[]; err: string }> => {
      const workbook = path.join(dir, `${name}.xlsx`);
      const run = await runCli('import', ...files, '-o', workbook);
      expect(run.code).toBe(0);
      const json = path.join(dir, `${name}.json`);
      await runCli('convert', workbook, '-o', json);
      return { ocids: (readJson(json).releases as { ocid: string }[]).map((r) => r.ocid), err: run.err };
    };
    const withProject = await ocidsOf('nl-con-proyecto', path.join(REAL_MX, project), release);
    expect(withProject.ocids).toEqual(['ocds-7wj9x5-LO-919009986-E14-2019']);
    expect(withProject.err.split('\n')).toContain(`1 entrega de «Release-${versioned}-contract.json» traía un ocid con la versión de la entrega («${versioned}»); el proyecto que la enlaza nombra su proceso sin ella, «ocds-7wj9x5-LO-919009986-E14-2019», y así quedó en el libro: el ocid de un proceso es el mismo en todas sus versiones, y con él el tablero liga el proceso a su proyecto.`);
    const alone = await ocidsOf('nl-sin-proyecto', release);
    expect(alone.ocids).toEqual([versioned]);
    expect(alone.err).not.toContain('traía un ocid con la versión');
  });

  test('CLI: the notes name the sheet and the column an official reads, and a JSON path only for data no column holds', async () => {
    const file = 'ocds-xs1qbl-SFIN-03-0007-00-2017.json';
    const run = await runCli('import', path.join(REAL_MX, file), '-o', path.join(dir, 'sfin.xlsx'));
    const lines = run.err.split('\n').filter(Boolean);
    expect(lines).toContain(`${file}: Se quitaron 8 textos vacíos: hoja «Actores»: «Correo electrónico del contacto» (3), «Fax del contacto» (3), «Teléfono del contacto» (2).`);
    // Jalisco's documents typed «contrato» and «Bases»: the contract signed and the bidding documents (code-aliases.ts).
    expect(lines).toContain(`${file}: 3 valores con otras mayúsculas, con su nombre, con un código de otra versión del catálogo o escritos de otra forma se escribieron como el código del catálogo: hoja «Documentos de contrato»: «Tipo de documento»; hoja «Documentos de licitación»: «Tipo de documento»; hoja «Contrataciones»: «Tipo de procedimiento».`);
    expect(lines.find((l) => l.includes('espacios o caracteres invisibles'))).toMatch(/: hoja «Artículos adjudicados»: «Unidad de medida», «Clave de clasificación»; hoja «Actores»: «País» \(3\);/);
    // What the template has no column for has no Spanish title either: it is named by the sheet its items are on and
    // the rest of its path, what several fields share said once.
    expect(lines.find((l) => l.includes('la plantilla no tiene columna'))).toBe(`${file}: Se omitieron 34 valores de 34 campos para los que la plantilla no tiene columna, así que no se publicarán de nuevo desde este libro. Cada uno se nombra por la hoja a la que corresponde y su nombre técnico: hoja «Artículos adjudicados»: «itemAmount» (amount, currency), «taxRate» (percentage, value/amount, value/currency), «additionalClassifications» (id, description, scheme); hoja «Contrataciones»: «additionalProcessInformation» (purchaseNumber, startDateContractingProcess, processYear, estimatedAmount/amount, estimatedAmount/currency, contractedAmount/amount, contractedAmount/currency, originProcess, stageDescription/currentStage, stageDescription/description, stageDescription/stageNumber, consolidated, family, purchaseRequisitionDate); hoja «Contratos»: «period/durationInDays»; hoja «Artículos del contrato»: «itemAmount» (amount, currency), «taxRate» (percentage, value/amount, value/currency), «additionalClassifications» (id, description, scheme); hoja «Artículos»: «additionalClassifications» (id, description, scheme).`);
    // No note names a path from the release's root: the official reads sheets and columns.
    for (const l of lines.filter((x) => !x.includes('Los datos de paquete'))) expect(l.slice(file.length)).not.toMatch(/«(awards|contracts|tender|planning)\/[a-zA-Z/]+»/);
    for (const l of lines.filter((x) => !x.includes('la plantilla no tiene columna') && !x.includes('Los datos de paquete'))) expect(l.slice(file.length)).not.toMatch(/«[a-zA-Z]+\/[a-zA-Z/]+»/);
  });

  test.each(files)('%s: nothing lost silently', (file) => {
    const imported = importDocuments(load(path.join(REAL_MX, file)), file);
    expect(imported.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const back = unflatten(flatten({ releases: imported.releases, projects: imported.projects }), { now: '2025-01-01T00:00:00-06:00' });
    const refused = imported.findings.filter((f) => f.code === 'import.code-not-in-list').map((f) => String(f.params.field));
    const dropped = new Map(imported.findings.filter((f) => f.code === 'import.dropped').map((f) => [String(f.params.field), Number(f.params.count)]));
    const lostSilently: string[] = [];
    const notHeld = new Map<string, number>();
    for (const [standard, inputs, outputs, key] of [['ocds', imported.releases, back.releases, 'ocid'], ['oc4ids', imported.projects, back.projects, 'id']] as const) {
      for (const doc of inputs) {
        const out = (outputs as Record<string, unknown>[]).find((o) => o[key] === doc[key]);
        const values = new Map<string, unknown[]>();
        for (const l of leaves(out ?? {})) values.set(l.field, [...(values.get(l.field) ?? []), l.value]);
        for (const l of leaves(doc)) {
          const kind = leafKind(l.field, standard, held);
          if (kind === 'dropped') notHeld.set(l.field, (notHeld.get(l.field) ?? 0) + 1);
          if (kind !== 'held') continue;
          totals.held++;
          const list = values.get(l.field) ?? [];
          const i = list.indexOf(l.value);
          if (i >= 0) { list.splice(i, 1); totals.kept++; continue; }
          const reported = refused.some((r) => r === l.field || (arrayOf(r) !== '' && l.field.startsWith(`${arrayOf(r)}/`)));
          if (!reported) lostSilently.push(`${l.field} = ${JSON.stringify(l.value)}`);
        }
      }
    }
    expect(lostSilently).toEqual([]);
    // The budget lines (EDCAPI's extension of OC4IDS) come out valid against the profile's schema.
    const budgetLineErrors = back.projects.flatMap((p) => (VALIDATORS.project(p) ? [] : VALIDATORS.project.errors ?? [])).filter((e) => e.instancePath.includes('budgetLines'));
    expect(budgetLineErrors).toEqual([]);
    // So do EDCA-MX's budget structures (budget lines, classification, origin, fund type) against the release schema
    // with its extensions (schemas/extensions/edca-mx-budget).
    const budgetErrors = back.releases.flatMap((r) => (VALIDATORS.release(r) ? [] : VALIDATORS.release.errors ?? [])).filter((e) => /budget/i.test(e.instancePath));
    expect(budgetErrors).toEqual([]);
    // And against the official OCDS 1.1.5 release schema as published, which the declared extensions only add to.
    const official = officialRelease();
    expect(back.releases.flatMap((r) => (official(r) ? [] : official.errors ?? [])).filter((e) => /budget/i.test(e.instancePath))).toEqual([]);
    // One warning per field the template cannot hold, with exactly the number of values it loses.
    expect(dropped).toEqual(notHeld);
  });

  test("Jalisco's record links the 5 releases it published: the import says their ids and dates are not carried, and until when they run; Nuevo León's project, its «updated» (both were dropped unsaid)", () => {
    const file = 'ocds-xs1qbl-SFIN-03-0007-00-2017.json';
    const said = importDocuments(load(path.join(REAL_MX, file)), file).findings.filter((f) => f.code.startsWith('import.releases-not-carried')).map(renderMessage);
    expect(said).toEqual(['El libro lleva el estado más reciente de 1 proceso, no sus entregas (5 entregas publicadas hasta el 17/01/2018 22:39): sus identificadores y fechas no se copian. Al publicarlo, cada proceso tendrá en este sistema una entrega nueva, con la fecha de ese día, y sus entregas anteriores se quedan donde se publicaron: mantenga esas direcciones, que son la historia de cada proceso. Para traer esa historia a este sistema (las entregas con sus identificadores y fechas), publique antes esos mismos archivos con «infra-abierta history archivo.json … --publicador ID» (en la nube, con --nube), cuando el publicador aún no tenga publicaciones; después publique este libro: solo los procesos que cambien tendrán una entrega nueva.']);
    // A project file publishes no releases: nothing said of them; its project's «updated» is not carried either, said.
    const project = 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json';
    const projectNotes = importDocuments(load(path.join(REAL_MX, project)), project).findings.filter((f) => /-not-carried$/.test(f.code));
    expect(projectNotes.map(renderMessage)).toEqual(['El libro no lleva la fecha de última actualización de 1 proyecto (la más reciente, del 09/04/2020 13:40): al publicarlo, cada proyecto tendrá la fecha de ese día, que conserva mientras sus datos no cambien.']);
  });

  // The note named the new status «Terminación», which no option of the drop-down reads: the official looked for it in
  // the list and in the cell, and found «Conclusión».
  test("Nuevo León's project status «completed»: the note names the option as the drop-down shows it, and its column", () => {
    const file = 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json';
    const note = importDocuments(load(path.join(REAL_MX, file)), file).findings.find((f) => f.code === 'import.status-completed') as Finding;
    const column = templateSpec().sheets.find((s) => s.name === 'Proyectos')?.columns.find((c) => c.field === 'status');
    const option = column?.options?.find((o) => o.code === 'completion')?.title;
    expect(option).toBeTruthy();
    expect(renderMessage(note)).toContain(`«${option}»`);
    expect(renderMessage(note)).toContain(`«${column?.title}» de la hoja «Proyectos»`);
  });

  // A note about a value the workbook does not hold (a project's links to its processes' releases, which publication
  // writes again; a placeholder date of a field without a column) told the official of a change to something no cell
  // shows, by its JSON path: «5 fechas … se completaron …: «contractingProcesses/releases/date» (1)».
  test('Notes about values the workbook does not hold are not given: only the column an official can find is named', () => {
    for (const file of ['ProjectRelease-oc4ids-gx3fo2-000001-v000001.json', 'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json']) {
      const { findings } = importDocuments(load(path.join(REAL_MX, file)), file);
      const notes = findings.filter((f) => f.code === 'import.date-offset.fields' || f.code === 'import.placeholder-date.fields' || f.code === 'import.date-offset' || f.code === 'import.placeholder-date');
      expect(notes.length).toBeGreaterThan(0);
      for (const f of notes) expect(renderMessage(f)).not.toMatch(/contractingProcesses\/releases|maxExtentDate/);
    }
  });

  // Nuevo León's project links its processes' releases on its old server. Publication writes those links (and the
  // processes' tenderers) again from the releases it publishes: they were told as lost for good, «no se publicarán».
  test("Nuevo León's project: its processes' release links, which publication derives again, are told apart from what is lost", () => {
    const file = 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json';
    const { findings } = importDocuments(load(path.join(REAL_MX, file)), file);
    expect(findings.filter((f) => f.code === 'import.dropped').map((f) => f.params.field)).toEqual([]);
    expect(findings.filter((f) => f.code === 'import.publication-derived').map(renderMessage)).toEqual([
      '8 valores de los procesos de contratación de los proyectos no se copiaron al libro, que no tiene columna para ellos: hoja «Procesos del proyecto»: «releases» (id (2), tag (2), date (2), url (2)). Al publicar se calculan de nuevo de los datos de contratación de cada proceso (sus entregas y sus licitantes) que este implementador publique, en este libro o ya publicados; los de un proceso que no publique aquí no se publicarán de nuevo.',
    ]);
  });

  test("Ciudad de México's next release of a process (a file per release) is compiled with the first: one process, as of its latest release", () => {
    const file = 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json';
    const first = load(path.join(REAL_MX, file)) as Record<string, any>;
    // Its second release, as that server writes them: the same ocid, a later date, the contract now terminated.
    const second = { ocid: first.ocid, id: '02', date: '2016-02-15T00:00:00-06:00', tag: ['contractUpdate'], contracts: [{ id: first.contracts[0].id, awardID: first.contracts[0].awardID, status: 'terminated' }] };
    const imported = importDocuments({ releases: [first, second] }, 'cdmx.json');
    expect(imported.releases).toHaveLength(1);
    const [release] = imported.releases as Record<string, any>[];
    expect(release.contracts.map((c: { status: string }) => c.status)).toEqual(['terminated']);
    // The rest as the first release had it: its contract's title and its 11 payments, the tender.
    expect(release.contracts[0].title).toBe('A-014/2016');
    expect(release.contracts[0].implementation.transactions).toHaveLength(11);
    expect(release.tender.title).toBe(first.tender.title);
    // Without their dates (the schema asks for them), merged in the order given, and the note names no dates.
    const undated = importDocuments({ releases: [{ ...first, date: undefined }, { ...second, date: undefined }] }, 'cdmx.json');
    expect((undated.releases[0] as Record<string, any>).contracts[0].status).toBe('terminated');
    expect(undated.findings.filter((f) => f.code.startsWith('import.releases-compiled')).map(renderMessage)).toEqual([expect.stringContaining('2 entregas sin fecha, unidas en el orden en que venían')]);
    // The same two embedded in a record without a compiled release: compiled too (its last release alone lost the rest).
    expect(importDocuments({ records: [{ ocid: first.ocid, releases: [first, second] }] }, 'cdmx.json').releases).toEqual(imported.releases);
    // …and a later release that writes the prefix in lower case, as the OCP registers it, is the same process; a
    // project names it so too (the dashboard links a project's process to its releases by the ocid).
    expect(importDocuments({ releases: [first, { ...second, ocid: 'ocds-87sd3t-SEFIN-DRM-A-002-2016' }] }, 'cdmx.json').releases).toEqual(imported.releases);
    const project = importDocuments({ projects: [{ id: 'oc4ids-87sd3t-1', title: 'Obra', contractingProcesses: [{ id: first.ocid, summary: { ocid: first.ocid } }] }] }, 'p.json');
    expect(project.projects[0].contractingProcesses).toEqual([{ id: 'ocds-87sd3t-SEFIN-DRM-A-002-2016', summary: { ocid: 'ocds-87sd3t-SEFIN-DRM-A-002-2016' } }]);
    expect(project.findings.map((f) => f.code)).toContain('import.ocid-prefix-lowered');
    expect(imported.findings.filter((f) => f.code === 'import.releases-compiled').map(renderMessage)).toEqual([
      '1 proceso venía en más de una entrega (2 entregas; por ejemplo «ocds-87sd3t-SEFIN-DRM-A-002-2016», 2 entregas del 28/12/2015 al 15/02/2016); cada proceso quedó en una sola fila de «Contrataciones» con el valor más reciente de cada dato, como OCDS compila las entregas de un proceso (reglas de fusión).',
    ]);
  });

  test("Ciudad de México's «submissionmethoddetails» (other capitals) comes in as «submissionMethodDetails», reported, not dropped", () => {
    const file = 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json';
    const original = load(path.join(REAL_MX, file)) as { tender: Record<string, unknown> };
    const imported = importDocuments(original, file);
    const tender = (imported.releases[0] as Record<string, any>).tender;
    expect(tender.submissionMethodDetails).toBe(original.tender.submissionmethoddetails);
    expect(tender).not.toHaveProperty('submissionmethoddetails');
    expect(imported.findings.filter((f) => f.code === 'import.renamed').map(renderMessage)).toEqual(['1 valor de «submissionmethoddetails» quedó en la columna «Detalle de la forma de presentación» de la hoja «Contrataciones»: «submissionMethodDetails» es el nombre que declara EDCA-MX para ese dato.']);
    expect(imported.findings.filter((f) => f.code === 'import.dropped').map((f) => f.params.field)).not.toContain('tender/submissionmethoddetails');
    // A value already under the standard's name wins, and the other is reported as a field without a column.
    const both = importDocuments({ ...original, tender: { ...original.tender, submissionMethodDetails: 'Escrito' } }, file);
    expect((both.releases[0] as Record<string, any>).tender.submissionMethodDetails).toBe('Escrito');
    expect(both.findings.filter((f) => f.code === 'import.dropped').map((f) => f.params.field)).toContain('tender/submissionmethoddetails');
  });

  test('OCDS 1.0 payments (Ciudad de México, 2016) come in as OCDS 1.1 value, payer and payee, tied to their parties', () => {
    const file = 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json';
    const original = load(path.join(REAL_MX, file)) as { contracts: { implementation?: { transactions?: { amount: { amount: number } }[] } }[] };
    const paid = original.contracts.flatMap((c) => c.implementation?.transactions ?? []).map((t) => t.amount.amount);
    expect(paid).toHaveLength(11);
    const imported = importDocuments(original, file);
    expect(imported.findings.filter((f) => f.code === 'import.transactions-upgraded').map((f) => renderMessage(f))).toEqual([
      '11 pagos venían con los campos de OCDS 1.0 («amount», «providerOrganization», «receiverOrganization»); se pasaron a «value», «payer» y «payee», los de OCDS 1.1, ligados a sus actores.',
    ]);
    const back = unflatten(flatten({ releases: imported.releases, projects: [] }), { now: '2025-01-01T00:00:00-06:00' }).releases[0] as typeof original & { parties: { id: string; roles: string[] }[] };
    const transactions = back.contracts.flatMap((c) => (c.implementation?.transactions ?? []) as unknown as { value: { amount: number; currency: string }; payer: { id: string }; payee: { id: string } }[]);
    expect(transactions.map((t) => t.value.amount)).toEqual(paid);
    const roleOf = (id: string): string[] => back.parties.find((p) => p.id === id)?.roles ?? [];
    for (const t of transactions) {
      expect(t.value.currency).toBe('MXN');
      expect(roleOf(t.payer.id)).toContain('payer');
      expect(roleOf(t.payee.id)).toContain('payee');
    }
  });

  test('EDCAPI\'s own document types and the capture tool\'s «wireTransfer» are on the lists: no «not in the list» warning', () => {
    const offList = (file: string): string[] => {
      const imported = importDocuments(load(path.join(REAL_MX, file)), file);
      const checked = checkWorkbook(flatten({ releases: imported.releases, projects: imported.projects }), { now: '2025-06-01T00:00:00-06:00' });
      return checked.findings.filter((f) => f.code === 'cell.code-not-in-list' && /^(documentType|paymentMethod)$/.test(String(f.params.codelist))).map((f) => String(f.params.value));
    };
    // projectPlanUpdate, projectApprovalOpinion, progressionReport, executiveContractReport, finalAudit (the capture
    // tool's edcapi_cat_document_type) were warned, and «evaluationReport», one letter from evaluationReports
    // (code-aliases.ts); what is left is a code of neither catalogue.
    expect(offList('ProjectRelease-oc4ids-gx3fo2-000005-v000002.json').sort()).toEqual(['infrastructureProgramme']);
    // Five payments by «wireTransfer» (INAI's capture tool) come back as the paymentMethod extension's «wireTransfe».
    expect(offList('record-package_269.json')).toEqual([]);
    const imported = importDocuments(load(path.join(REAL_MX, 'record-package_269.json')), 'record-package_269.json');
    const back = unflatten(flatten({ releases: imported.releases, projects: [] }), { now: '2025-06-01T00:00:00-06:00' });
    expect(JSON.stringify(back.releases).match(/"paymentMethod":"[^"]*"/g)).toEqual(Array(5).fill('"paymentMethod":"wireTransfe"'));
  });

  afterAll(() => {
    if (totals.held) console.log(`real-mx: ${totals.kept} de ${totals.held} valores que la plantilla admite volvieron idénticos (${(100 * totals.kept / totals.held).toFixed(2)} %).`);
  });
});

// The INAI's capture tool writes its descriptions with Windows line breaks («Proveedores:\r\n1. …»). An .xlsx keeps
// them in its XML, which every reader takes back as «\n»: the workbook published «\n» and the import said nothing,
// the one silent change the migration comparison (migration-fidelity.test.ts) found in the real publications.
test('CLI: Windows line breaks are written as a cell keeps them, and said; the workbook converts to what the import wrote', async () => {
  const file = path.join(dir, 'saltos.json');
  const release = { ocid: 'ocds-abc123-S-1', id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['tender'], initiationType: 'tender', tender: { id: 'S-1', title: 'Saltos', description: 'Invitados:\r\n1. Uno\r\n2. Dos\rFin' } };
  fs.writeFileSync(file, JSON.stringify({ releases: [release] }));
  const imported = importDocuments(load(file), 'saltos.json');
  expect((imported.releases[0] as { tender: { description: string } }).tender.description).toBe('Invitados:\n1. Uno\n2. Dos\nFin');
  const book = path.join(dir, 'saltos.xlsx');
  const run = await runCli('import', file, '-o', book);
  expect(run.err.split('\n')).toContain('saltos.json: 1 texto de la columna «Descripción de la licitación» de la hoja «Contrataciones» traía saltos de línea con el formato de Windows; se escribió con el que guarda una celda: el texto se ve igual.');
  const out = path.join(dir, 'saltos-out.json');
  await runCli('convert', book, '-o', out);
  expect((readJson(out).releases as { tender: { description: string } }[])[0].tender.description).toBe('Invitados:\n1. Uno\n2. Dos\nFin');
});

// A publisher's name typed over two lines (Alt+Enter in the capture tool) split the note quoting it, and its second
// half read as a line of its own, about no file; import's notes are one line each, as validate's are.
test('CLI: import says each note on one line, also one quoting a name published with a line break', async () => {
  const release = (ocid: string) => ({ ocid, id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['tender'], initiationType: 'tender', tender: { id: ocid.slice(-3) } });
  const files = [['Municipio de\nMérida', 'ocds-abc123-L-1'], ['Otro\r\npublicador', 'ocds-abc123-L-2']].map(([name, ocid], i) => {
    const file = path.join(dir, `saltos-${i}.json`);
    fs.writeFileSync(file, JSON.stringify({ publisher: { name }, releases: [release(ocid)] }));
    return file;
  });
  const run = await runCli('import', ...files, '-o', path.join(dir, 'saltos-publicador.xlsx'));
  expect(run.code).toBe(0);
  const lines = run.err.split('\n');
  expect(lines.find((l) => l.startsWith('Los paquetes importados nombran a más de un publicador.'))).toContain('quedó «Municipio de / Mérida»; no se usó «Otro / publicador».');
  expect(lines.filter((l) => /^(Mérida|publicador)»/.test(l))).toEqual([]);
});

describe('the release tag', () => {
  test('a published tag (compiled, an update) is not copied into the tag column: the converter derives it anew', () => {
    const compiled = { ocid: 'ocds-abc123-T-1', id: 'x', date: '2024-06-01T10:00:00-06:00', tag: ['compiled'], initiationType: 'tender', tender: { id: 'T-1', title: 'Etiquetas' } };
    const imported = importDocuments({ releases: [compiled] }, 'compilada.json');
    expect(imported.findings.filter((f) => f.code === 'import.dropped')).toEqual([]);
    const workbook = flatten({ releases: imported.releases, projects: [] });
    const sheet = workbook.sheets.find((s) => s.name === 'Contrataciones');
    expect(sheet?.rows[2][sheet.rows[1].indexOf('tag')]).toBe('');
    expect(unflatten(workbook, { now: '2025-01-01T00:00:00-06:00' }).releases[0].tag).toEqual(['tender']);
  });
});

describe('dates keep what they say', () => {
  const release = {
    ocid: 'ocds-abc123-F-1', id: 'ocds-abc123-F-1-1', date: '2024-06-01T10:00:00-06:00', tag: ['tender'], initiationType: 'tender',
    tender: {
      id: 'F-1', title: 'Fechas', tenderPeriod: { startDate: '2024-03-01T09:30:15.250-05:00', endDate: '2024-03-20T00:00:00-06:00' },
      enquiryPeriod: { startDate: '0001-01-01T00:00:00Z', endDate: '2019-03-01' },
    },
  };

  test('a time and an offset stay exactly; year 0001 (the capture tool\'s «no date») is left empty, reported; local midnight becomes a sheet date; a date alone is completed and reported', () => {
    const imported = importDocuments({ releases: [release] }, 'fechas.json');
    expect(upgrades(imported.findings).map((f) => [f.code, f.severity, f.params.field, f.params.count])).toEqual([
      ['import.placeholder-date', 'warning', 'tender/enquiryPeriod/startDate', 1], ['import.date-offset', 'info', 'tender/enquiryPeriod/endDate', 1],
    ]);
    const workbook = flatten({ releases: imported.releases, projects: [] });
    const sheet = workbook.sheets.find((s) => s.name === 'Contrataciones');
    const cell = (p: string): unknown => sheet?.rows[2][sheet.rows[1].indexOf(p)];
    expect(cell('tender/tenderPeriod/startDate')).toBe('2024-03-01T09:30:15.250-05:00');
    expect(cell('tender/tenderPeriod/endDate')).toEqual(new Date(Date.UTC(2024, 2, 20)));
    expect(cell('tender/enquiryPeriod/startDate')).toBe('');
    const tender = unflatten(workbook, { now: '2025-01-01T00:00:00-06:00' }).releases[0].tender as Record<string, Record<string, string>>;
    expect(tender.tenderPeriod).toEqual({ startDate: '2024-03-01T09:30:15.250-05:00', endDate: '2024-03-20T00:00:00-06:00' });
    expect(tender.enquiryPeriod).toEqual({ endDate: '2019-03-01T00:00:00-06:00' });
  });
});

test('CLI: a date with a time of day is written as a date cell showing it (dd/mm/yyyy hh:mm), which converts back to the same date-time', async () => {
  const file = path.join(dir, 'horas.json');
  const release = {
    ocid: 'ocds-abc123-H-1', id: '1', date: '2024-06-01T10:00:00-06:00', tag: ['tender'], initiationType: 'tender',
    tender: { id: 'H-1', title: 'Horas', tenderPeriod: { startDate: '2024-03-01T09:30:15-06:00', endDate: '2024-03-20T00:00:00-06:00' }, awardPeriod: { startDate: '2024-03-25T17:45:00-06:00' } },
  };
  fs.writeFileSync(file, JSON.stringify({ releases: [release] }));
  const book = path.join(dir, 'horas.xlsx');
  expect((await runCli('import', file, '-o', book)).code).toBeLessThan(2);
  const wb = await xlsxCells(book);
  const ws = wb.getWorksheet('Contrataciones')!;
  const cell = (p: string) => ws.getRow(3).getCell((ws.getRow(2).values as unknown[]).indexOf(p));
  const shown = (p: string) => [cell(p).value instanceof Date ? (cell(p).value as Date).toISOString() : cell(p).value, cell(p).numFmt];
  expect(shown('tender/tenderPeriod/startDate')).toEqual(['2024-03-01T09:30:15.000Z', 'dd/mm/yyyy hh:mm:ss']);
  expect(shown('tender/awardPeriod/startDate')).toEqual(['2024-03-25T17:45:00.000Z', 'dd/mm/yyyy hh:mm']);
  expect(shown('tender/tenderPeriod/endDate')).toEqual(['2024-03-20T00:00:00.000Z', 'dd/mm/yyyy']);
  const out = path.join(dir, 'horas-out.json');
  await runCli('convert', book, '-o', out);
  const tender = (readJson(out).releases as { tender: Record<string, unknown> }[])[0].tender;
  expect([tender.tenderPeriod, tender.awardPeriod]).toEqual([release.tender.tenderPeriod, release.tender.awardPeriod]);
});

test('CLI: dates published in Quintana Roo\'s zone are date cells of the zone Configuración states, not text', async () => {
  const file = path.join(dir, 'cancun.json');
  const release = { ocid: 'ocds-abc123-Q-1', id: '1', date: '2024-06-01T10:00:00-05:00', tag: ['tender'], initiationType: 'tender', tender: { id: 'Q-1', title: 'Malecón', tenderPeriod: { startDate: '2024-03-01T00:00:00-05:00', endDate: '2024-03-20T12:00:00-05:00' } } };
  fs.writeFileSync(file, JSON.stringify({ releases: [release] }));
  const book = path.join(dir, 'cancun.xlsx');
  expect((await runCli('import', file, '-o', book)).code).toBeLessThan(2);
  const wb = await xlsxCells(book);
  expect((wb.getWorksheet('Configuración')!.getSheetValues().flat() as unknown[])).toContain('America/Cancun');
  const ws = wb.getWorksheet('Contrataciones')!;
  const value = (p: string) => ws.getRow(3).getCell((ws.getRow(2).values as unknown[]).indexOf(p)).value;
  // Written in Mexico City's zone they were text (2024-03-01T00:00:00-05:00), though they read back the same.
  expect([value('tender/tenderPeriod/startDate'), value('tender/tenderPeriod/endDate')]).toEqual([new Date('2024-03-01T00:00:00Z'), new Date('2024-03-20T12:00:00Z')]);
  const out = path.join(dir, 'cancun-out.json');
  await runCli('convert', book, '-o', out);
  expect((readJson(out).releases as { tender: Record<string, unknown> }[])[0].tender.tenderPeriod).toEqual(release.tender.tenderPeriod);
});

describe("the capture tool's own field names", () => {
  test('«juridicalPersonhood» and «quotePeriod» come in as EDCA-MX names them, reported, not dropped', () => {
    const release = {
      ocid: 'ocds-abc123-R-1', id: 'r-1', date: '2018-07-03T12:00:00Z', tag: ['planning'], initiationType: 'tender',
      parties: [{ id: 'MX-RFC-UNA2907227Y5', name: 'UNAM', roles: ['tenderer'], identifier: { scheme: 'MX-RFC', id: 'UNA2907227Y5', legalName: 'UNAM', juridicalPersonhood: 'legalPerson' } }],
      planning: { requestsForQuotes: [{ id: 'rfq-1', quotes: [{ id: 'q-1', quotePeriod: { startDate: '2018-07-03T12:00:00Z', endDate: '2018-08-27T12:00:00Z' } }] }] },
    };
    const imported = importDocuments({ releases: [release] }, 'inai.json');
    const r = imported.releases[0] as Record<string, any>;
    expect(r.parties[0].identifier).toEqual({ scheme: 'MX-RFC', id: 'UNA2907227Y5', legalName: 'UNAM', legalPersonality: 'legalPerson' });
    expect(r.planning.requestsForQuotes[0].quotes[0].period).toEqual({ startDate: '2018-07-03T12:00:00Z', endDate: '2018-08-27T12:00:00Z' });
    expect(imported.findings.filter((f) => f.code === 'import.renamed').map((f) => [f.params.from, f.params.count])).toEqual([['juridicalPersonhood', 1], ['quotePeriod', 1]]);
    // Each named by the column it now fills, where the official finds it (the note named two JSON field names only).
    expect(imported.findings.filter((f) => f.code === 'import.renamed').map(renderMessage)).toEqual([
      '1 valor de «juridicalPersonhood» quedó en la columna «Tipo de persona» de la hoja «Actores»: «legalPersonality» es el nombre que declara EDCA-MX para ese dato.',
      // A period has two columns (start and end), none its own: named by its path.
      expect.stringMatching(/^1 valor de «quotePeriod» quedó en «planning\/requestsForQuotes\/quotes\/period»: /),
    ]);
    expect(imported.findings.filter((f) => f.code === 'import.dropped').map((f) => f.params.field)).toEqual([]);
  });
});

describe('codes that became one', () => {
  test('a project published with `sports` and `cultureSportsAndRecreation` has that sector once, said; a repeat the file had stays for validation to name', () => {
    const project = (id: string, sector: string[]) => ({ id, title: 'Unidad deportiva', status: 'implementation', sector });
    const imported = importDocuments({ version: '0.9', projects: [
      project('oc4ids-abc123-0001', ['sports', 'cultureSportsAndRecreation', 'Recreación', 'education']),
      project('oc4ids-abc123-0002', ['education', 'education']),
    ] }, 'deportes.json');
    expect(imported.projects.map((p) => p.sector)).toEqual([['cultureSportsAndRecreation', 'education'], ['education', 'education']]);
    const said = imported.findings.filter((f) => f.code === 'import.repeat-removed');
    expect(said.map((f) => [f.params.field, f.params.count])).toEqual([['sector', 2]]);
    expect(renderMessage(said[0])).toMatch(/^Se quitaron 2 valores de la columna «Sector» de la hoja «Proyectos» que, escritos como el código del catálogo, repetían otro/);
    // The workbook then says nothing of the first project's sectors; the second's repeat is the file's own.
    const checked = checkWorkbook(flatten({ releases: [], projects: imported.projects }), { now: '2025-06-01T00:00:00-06:00' });
    expect(checked.findings.filter((f) => f.pointer?.endsWith('/sector')).map((f) => [f.code, f.pointer])).toEqual([[expect.any(String), '/projects/1/sector']]);
  });
});

describe('a budget line without its id', () => {
  test('gets its clave presupuestaria (its components joined), which validation then accepts', () => {
    const release = {
      ocid: 'ocds-abc123-B-1', id: 'b-1', date: '2024-06-01T10:00:00-06:00', tag: ['planning'], initiationType: 'tender',
      planning: { budget: { budgetBreakdown: [{ id: 'BB1', budgetLines: [{ components: [{ name: 'ramo', level: 1, code: '44' }, { name: 'unidad', level: 2, code: '100' }] }] }] } },
    };
    const imported = importDocuments({ releases: [release] }, 'claves.json');
    const line = (((imported.releases[0].planning as Record<string, any>).budget.budgetBreakdown[0].budgetLines as Record<string, unknown>[])[0]);
    expect(line.id).toBe('44100');
    expect(imported.findings.map((f) => f.code)).toContain('import.id-added');
  });
});

describe('links with spaces or accents', () => {
  test('are written as a browser sends them (the same address), reported, and then valid', () => {
    const url = 'http://si.nl.gob.mx/Acceso/DatosAbiertos//DocumentosPublicos/000002/Acta de fallo%2C versión 1.pdf';
    const release = { ocid: 'ocds-abc123-U-1', id: 'u-1', date: '2024-06-01T10:00:00-06:00', tag: ['tender'], initiationType: 'tender', tender: { id: 'U-1', documents: [{ id: 'd1', documentType: 'awardNotice', url }] } };
    const imported = importDocuments({ releases: [release] }, 'enlaces.json');
    const doc = ((imported.releases[0].tender as Record<string, unknown>).documents as Record<string, string>[])[0];
    // `%2C` (already encoded) stays as it is.
    expect(doc.url).toBe('http://si.nl.gob.mx/Acceso/DatosAbiertos//DocumentosPublicos/000002/Acta%20de%20fallo%2C%20versi%C3%B3n%201.pdf');
    expect(decodeURI(doc.url)).toBe(url);
    const notice = imported.findings.find((f) => f.code === 'import.url-encoded');
    expect(notice && renderMessage(notice)).toBe('1 dirección de la columna «Enlace del documento» de la hoja «Documentos de licitación» tenía espacios o acentos; se escribió codificada como las envía el navegador (un espacio es %20): es la misma dirección.');
    expect(VALIDATORS.release(imported.releases[0])).toBe(true);
  });
});

withStandards('OC4IDS-only input', () => {
  test('converts to its project package only: no empty (invalid) release package is written', async () => {
    const book = path.join(dir, 'solo-proyecto.xlsx');
    const file = path.join(EXAMPLES, 'real-mx', 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json');
    expect((await runCli('import', file, '-o', book)).code).toBe(0);
    const out = path.join(dir, 'solo-proyecto.json');
    const run = await runCli('convert', book, '-o', out);
    expect(run.err).toMatch(/no se escribe paquete de entregas/);
    const pkg = readJson(out);
    expect(pkg.releases).toBeUndefined();
    expect((pkg.projects as { id: string }[]).map((p) => p.id)).toEqual(['oc4ids-gx3fo2-000001']);
    expect(fs.existsSync(path.join(dir, 'solo-proyecto-proyectos.json'))).toBe(false);
  });
});

withStandards("Nuevo León's projects, which name their processes by their release files", () => {
  test('each process is identified by its OCID (in its id and «OCID del proceso»), and the report names the id it was published with', async () => {
    const files = ['ProjectRelease-oc4ids-gx3fo2-000001-v000001.json', 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json'].map((f) => path.join(EXAMPLES, 'real-mx', f));
    const book = path.join(dir, 'nl-proyectos.xlsx');
    const run = await runCli('import', ...files, '-o', book);
    expect(run.code).toBe(0);
    // What was published stays traceable: the report says which id became which OCID.
    expect(run.err).toContain('ProjectRelease-oc4ids-gx3fo2-000005-v000002.json /contractingProcesses/0/id: El proceso de contratación «Release-ocds-7wj9x5-LO-919009986-E14-2019» se identificaba con el nombre de su archivo de entrega; se identifica con su OCID, «ocds-7wj9x5-LO-919009986-E14-2019», como pide EDCAPI (también en «OCID del proceso»).');
    const out = path.join(dir, 'nl-proyectos.json');
    await runCli('convert', book, '-o', out);
    const processes = (readJson(out).projects as { contractingProcesses: { id: string; summary?: { ocid?: string } }[] }[]).flatMap((p) => p.contractingProcesses);
    expect(processes.map((c) => [c.id, c.summary?.ocid])).toEqual([
      ['ocds-7wj9x5-SINL-CPE-018-2017', 'ocds-7wj9x5-SINL-CPE-018-2017'],
      ['ocds-7wj9x5-LO-919009986-E14-2019', 'ocds-7wj9x5-LO-919009986-E14-2019'],
      ['ocds-7wj9x5-LO-919009986-E15-2019', 'ocds-7wj9x5-LO-919009986-E15-2019'],
    ]);
  });

  test('a project published in versions, a file each (-v000001, -v000002), comes in as its latest version, not as two projects of which the oldest won', async () => {
    const v1 = path.join(EXAMPLES, 'real-mx', 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json');
    const first = load(v1) as Record<string, any>;
    // Its next version, as the capture tool publishes one: the whole project again, updated later.
    const next = { ...first, updated: '2021-01-10T10:00:00-06:00', title: `${first.title} (segunda etapa)` };
    const v2 = path.join(dir, 'ProjectRelease-oc4ids-gx3fo2-000001-v000002.json');
    fs.writeFileSync(v2, JSON.stringify(next));
    const run = await runCli('import', v2, v1, '-o', path.join(dir, 'versiones.xlsx'));
    expect(run.code).toBe(0);
    expect(run.err).toContain('1 proyecto venía en más de una versión (2 versiones; por ejemplo «oc4ids-gx3fo2-000001», 2 versiones); de cada uno se usó la más reciente según su fecha de actualización (la de «oc4ids-gx3fo2-000001», del 10/01/2021 10:00)');
    expect(run.err).toMatch(/Escrito .*versiones\.xlsx: 0 procesos de contratación y 1 proyecto\./);
    const imported = importDocuments([first, next], 'versiones.json');
    expect(imported.projects.map((p) => p.title)).toEqual([next.title]);
  });

  test('an id that only looks like a file name is kept as published when the releases it lists say otherwise', () => {
    const project = (releases: unknown[]) => ({ id: 'oc4ids-x', title: 'P', contractingProcesses: [{ id: 'Release-ocds-abc123-LP-1', releases }] });
    const ids = (p: unknown) => (importDocuments(p, 'p.json').projects[0].contractingProcesses as { id: string }[]).map((c) => c.id);
    expect(ids(project([{ id: 'ocds-abc123-LP-1-v002' }]))).toEqual(['ocds-abc123-LP-1']);
    expect(ids(project([{ id: 'ocds-zzz999-OTRO-v001' }]))).toEqual(['Release-ocds-abc123-LP-1']);
  });
});

withStandards('real publications as the dashboard reads them once imported', () => {
  test("Nuevo León's projects, which publish no publicAuthority, have their one buyer as their institution", () => {
    const authorities = ['ProjectRelease-oc4ids-gx3fo2-000001-v000001.json', 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json'].map((f) => {
      const index = publicationIndex([], importDocuments(load(path.join(EXAMPLES, 'real-mx', f)), f).projects);
      return index.parties?.[index.projects[0].authority as number];
    });
    expect(authorities).toEqual([{ id: 'SIASI-000011', name: 'Secretaría de Infraestructura' }, { id: 'SIASI-000099', name: 'Mpio. El Carmen' }]);
  });

  test("the INAI's buyer keeps the register of its clave (MX-INAI 610), which is not an RFC", () => {
    const imported = importDocuments(load(path.join(EXAMPLES, 'real-mx', 'record-package_269.json')), 'record-package_269.json');
    const index = publicationIndex(imported.releases.map((r) => ({ ocid: r.ocid, compiledRelease: r })), []);
    expect(index.parties?.[index.processes[0].buyer as number]).toEqual({ id: 'MX-INAI-610', name: 'DGVCCEF', identifier: '610', scheme: 'MX-INAI' });
  });
});

withStandards("Nuevo León's record packages, whose record and release give the process two ocids", () => {
  test('the process takes the OCID both share, without the version, and the report names the two it had', async () => {
    const file = 'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json';
    const imported = importDocuments(load(path.join(EXAMPLES, 'real-mx', file)), file);
    expect(imported.releases.map((r) => r.ocid)).toEqual(['ocds-7wj9x5-SINL-CPE-021-2018']);
    expect(imported.findings.filter((f) => f.code === 'import.ocid-versioned').map((f) => [f.pointer, renderMessage(f)])).toEqual([[
      '/records/0/compiledRelease/ocid',
      'El proceso traía dos ocid: «ocds-7wj9x5-SINL-CPE-021-2018001» en el registro y «ocds-7wj9x5-SINL-CPE-021-2018-v001», con la versión de la entrega, en la entrega; se identifica con «ocds-7wj9x5-SINL-CPE-021-2018», la parte que comparten: el ocid de un proceso es el mismo en todas sus versiones.',
    ]]);
  });

  test('a record whose ocids agree, or differ otherwise, keeps its release\'s', () => {
    const pkg = (recordOcid: string, releaseOcid: string) => ({ records: [{ ocid: recordOcid, compiledRelease: { ocid: releaseOcid, id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['compiled'] } }] });
    const ocid = (p: unknown) => importDocuments(p, 'p.json').releases[0].ocid;
    expect(ocid(pkg('ocds-abc123-LP-1-v001', 'ocds-abc123-LP-1-v001'))).toBe('ocds-abc123-LP-1-v001');
    expect(ocid(pkg('ocds-abc123-OTRO', 'ocds-abc123-LP-1-v001'))).toBe('ocds-abc123-LP-1-v001');
    expect(ocid(pkg('ocds-abc123-LP-1002', 'ocds-abc123-LP-1-v002'))).toBe('ocds-abc123-LP-1');
  });
});

withStandards("Ciudad de México's ocid, its prefix in capitals (OCDS-87SD3T-…)", () => {
  test('import writes the prefix in lower case (the rest is kept) and says so; validate then has nothing to say of the OCID', async () => {
    const book = path.join(dir, 'cdmx.xlsx');
    const file = path.join(EXAMPLES, 'real-mx', 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json');
    const imported = await runCli('import', file, '-o', book);
    expect(imported.code).toBe(0);
    expect(imported.err).toContain('OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json: 1 proceso traía el prefijo de su ocid en mayúsculas (por ejemplo «OCDS-87SD3T-SEFIN-DRM-A-002-2016»); se escribió en minúsculas, «ocds-87sd3t-SEFIN-DRM-A-002-2016», como se registran los prefijos OCDS (lo demás del ocid queda como se publicó). Para OCDS un ocid con otras mayúsculas es otro proceso: así la entrega nueva de este libro queda en el mismo registro que su historia («infra-abierta history» también lo escribe así).');
    const run = await runCli('validate', book, '--todos');
    expect(run.out).not.toContain('OCDS-87SD3T');
    expect(run.out).not.toMatch(/^ {2}A3 \(Identificador de contratación \(OCID\)\)/m);
  });
});

withStandards("Nuevo León's payments name their payee by its RFC, not by its party's id", () => {
  test('validate names the party that has that RFC and the identifier to write, instead of asking to add it again', async () => {
    const book = path.join(dir, 'nl-cpe-021.xlsx');
    const file = path.join(EXAMPLES, 'real-mx', 'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json');
    expect((await runCli('import', file, '-o', book)).code).toBe(0);
    const lines = (await runCli('validate', book, '--todos')).out.split('\n');
    // The 8 payments, rows 3 to 10 of «Transacciones», column K (Identificador del beneficiario).
    expect(lines.filter((l) => l.includes('«MTE110517KS6»'))).toEqual([3, 4, 5, 6, 7, 8, 9, 10].map((row) => `  K${row} (Identificador del beneficiario): Error — El actor «MTE110517KS6» no está registrado con ese identificador, pero es el RFC o la clave de «M T EXCAVA Y CONSTRUYE, S.A. DE C.V.», registrado en la hoja «Actores» como «RFC-MTE110517KS6». Escriba «RFC-MTE110517KS6»; no lo agregue de nuevo.`));
    // A payer no party has, by id or by RFC, is still one to register.
    expect(lines.filter((l) => l.includes('«RFC-GEN620601DTA»'))).toHaveLength(8);
    expect(lines.filter((l) => l.includes('«RFC-GEN620601DTA»')).every((l) => l.includes('no está registrado en la hoja «Actores». Agréguelo allí'))).toBe(true);
  });
});

// An .xlsx holds no U+FFFE or U+FFFF and an Excel cell no more than 32,767 characters: the workbook import wrote from
// another system's texts with either was one Excel called damaged (core/format/excel-text.ts). Written as a cell
// holds them, and said with the column.
test('texts an Excel cell cannot hold are written as it can, and said: U+FFFE/U+FFFF dropped, over 32,767 characters cut', () => {
  const long = 'Obra de drenaje. '.repeat(2_400);
  const release = { ocid: 'ocds-abc123-X-1', id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['tender'], initiationType: 'tender', tender: { id: 'X-1', title: 'Drenaje\uFFFE pluvial\uFFFF', description: long } };
  const imported = importDocuments({ releases: [release] }, 'largo.json');
  const tender = (imported.releases[0] as { tender: { title: string; description: string } }).tender;
  expect(tender.title).toBe('Drenaje pluvial');
  expect(tender.description).toBe(`${long.slice(0, 32_766)}…`);
  const said = upgrades(imported.findings).filter((f) => f.code === 'import.text-cut' || f.code === 'import.noncharacters');
  expect(said.map((f) => [f.code, f.severity])).toEqual([['import.noncharacters', 'info'], ['import.text-cut', 'warning']]);
  expect(said.map(renderMessage)).toEqual([
    expect.stringContaining('1 texto de la columna «Título de la licitación» de la hoja «Contrataciones» los caracteres U+FFFE o U+FFFF'),
    expect.stringContaining('1 texto de la columna «Descripción de la licitación» de la hoja «Contrataciones» tenía más de 32,767 caracteres'),
  ]);
});
