/**
 * Import of published data: the official examples (OCDS release/record packages of the sample data, the OC4IDS
 * worked example) and hand-made fixtures of older Mexican publications (test/fixtures/import), through
 * `importDocuments` and through `infra-abierta import` → .xlsx → `convert`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { importDocuments } from '../../core/import';
import { renderMessage } from '../../core/messages/render';
import { VALIDATORS } from '../../core/validate';
import { hasStandards, ROOT, STANDARDS_DIR } from '../standards';
import { readJson, runCli, scratchDir, STACK_TRACE } from './run-cli';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'import');
const EXAMPLES = path.join(STANDARDS_DIR, 'examples');
const SAMPLE = path.join(EXAMPLES, 'ocds', 'sample-data', 'fictional-example-1.1');
const load = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const withStandards = hasStandards ? describe : describe.skip;

let dir: string;
beforeAll(() => { dir = scratchDir('import-'); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

withStandards('official examples', () => {
  test.each([
    ['ocds-213czf-000-00001-01-planning.json'],
    ['ocds-213czf-000-00001-04-award.json'],
    ['ocds-213czf-000-00001-06-implementation.json'],
  ])('release package %s imports as is, without findings', (file) => {
    const input = load(path.join(SAMPLE, file)) as { releases: unknown[] };
    const result = importDocuments(input, file);
    expect(result.findings).toEqual([]);
    expect(result.releases).toEqual(input.releases);
  });

  test('record packages give their compiled release, or the last embedded release', () => {
    const compiled = load(path.join(SAMPLE, 'record', 'ocds-213czf-000-00001.json')) as { records: { compiledRelease: unknown }[] };
    const a = importDocuments(compiled, 'registro.json');
    expect(a.findings).toEqual([]);
    expect(a.releases).toEqual([compiled.records[0].compiledRelease]);

    const embedded = load(path.join(EXAMPLES, 'ocds', 'record-embedded-releases.json')) as { records: { releases: unknown[]; compiledRelease?: unknown }[] };
    const b = importDocuments(embedded, 'embebidas.json');
    expect(b.releases).toHaveLength(1);
    const rec = embedded.records[0];
    expect(b.releases[0]).toEqual(rec.compiledRelease ?? rec.releases[rec.releases.length - 1]);
  });

  test('the OC4IDS worked example imports its project unchanged (its coordinates are outside Mexico: not swapped)', () => {
    const input = load(path.join(EXAMPLES, 'oc4ids', 'example.json')) as { projects: unknown[] };
    const result = importDocuments(input, 'example.json');
    expect(result.findings).toEqual([]);
    expect(result.projects).toEqual(input.projects);
  });

  test('CLI: release package + OC4IDS example → template workbook that converts back', async () => {
    const book = path.join(dir, 'oficiales.xlsx');
    const run = await runCli('import', path.join(SAMPLE, 'ocds-213czf-000-00001-06-implementation.json'), path.join(EXAMPLES, 'oc4ids', 'example.json'), '-o', book);
    expect(run.err).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/1 procesos de contratación y 1 proyectos/);
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
  test('EDCAPI 0.9.x project package: status, [lat, lng], nature outside summary, budgetBreakdown', () => {
    const result = importDocuments(load(path.join(FIXTURES, 'edcapi-0.9.2-proyectos.json')), 'edcapi-0.9.2-proyectos.json');
    expect(result.findings.map((f) => [f.code, f.severity, f.pointer])).toEqual([
      ['import.status-completed', 'info', '/projects/0/status'],
      ['import.coordinates-swapped', 'info', '/projects/0/locations/0/geometry/coordinates'],
      ['import.nature-moved', 'info', '/projects/0/contractingProcesses/0/summary/nature'],
      ['import.nature-moved', 'info', '/projects/0/contractingProcesses/1/summary/nature'],
      ['import.budget-breakdowns', 'info', '/projects/0/budget/budgetBreakdowns'],
    ]);
    for (const f of result.findings) expect(renderMessage(f)).not.toMatch(/\{\w+\}/);
    const [project] = result.projects as Record<string, any>[];
    expect(project.status).toBe('completion');
    expect(project.locations[0].geometry.coordinates).toEqual([-98.1981, 19.0433]);
    expect(project.contractingProcesses[0]).toEqual({ id: 'ocds-ej0001-OP-LP-2020-031', summary: { ocid: 'ocds-ej0001-OP-LP-2020-031', title: 'Rehabilitación del mercado municipal Cinco de Mayo', status: 'closed', nature: ['construction'] } });
    expect(project.contractingProcesses[1]).toEqual({ id: 'ocds-ej0001-SRO-AD-2020-007', summary: { nature: ['supervision'] } });
    expect(project.budget.budgetBreakdowns).toEqual([{ id: '1', budgetBreakdown: [expect.objectContaining({ id: 'FISM-2020' })] }]);
    expect(project.budget.budgetBreakdown).toBeUndefined();
    expect(VALIDATORS.project(project) ? [] : VALIDATORS.project.errors).toEqual([]);
  });

  test('EDCA-MX release package with a tag written as text', () => {
    const result = importDocuments(load(path.join(FIXTURES, 'edca-mx-entregas-etiqueta-texto.json')), 'entregas.json');
    expect(result.findings.map((f) => [f.code, f.severity, f.pointer, f.params])).toEqual([['import.tag-as-string', 'info', '/releases/0/tag', { value: 'award' }]]);
    expect(result.releases.map((r) => r.tag)).toEqual([['award'], ['tender']]);
    for (const r of result.releases) expect(VALIDATORS.release(r) ? [] : VALIDATORS.release.errors).toEqual([]);
  });

  test('a second import of upgraded data changes nothing more', () => {
    const once = importDocuments(load(path.join(FIXTURES, 'edcapi-0.9.2-proyectos.json')), 'a.json');
    const twice = importDocuments({ projects: once.projects }, 'b.json');
    expect(twice.findings).toEqual([]);
    expect(twice.projects).toEqual(once.projects);
  });

  test('CLI: the upgrades are printed in Spanish and the workbook converts back to the upgraded documents', async () => {
    const book = path.join(dir, 'antiguos.xlsx');
    const run = await runCli('import', path.join(FIXTURES, 'edcapi-0.9.2-proyectos.json'), path.join(FIXTURES, 'edca-mx-entregas-etiqueta-texto.json'), '-o', book);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/edcapi-0\.9\.2-proyectos\.json \/projects\/0\/status: El estatus «completed» no existe en EDCAPI 0\.9\.5/);
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
});
