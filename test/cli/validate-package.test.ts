/**
 * `validate paquete.json` (issue 17 item 3): release, record and project packages checked by the same runner as a
 * workbook, findings at JSON pointers, `--json`, and exit codes (0 valid, 1 errors, 2 not a package).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readJson, runCli, scratchDir, STACK_TRACE } from './run-cli';

const ROOT = path.resolve(__dirname, '..', '..');
const FECHA = ['--fecha', '2025-06-30T12:00:00Z'];
let dir: string;
let releases: string;
let projects: string;
let records: string;

beforeAll(async () => {
  dir = scratchDir('validate-json-');
  releases = path.join(dir, 'entregas.json');
  projects = path.join(dir, 'entregas-proyectos.json');
  records = path.join(dir, 'registros.json');
  await runCli('convert', path.join(ROOT, 'templates', 'examples', 'merida.xlsx'), '-o', releases, ...FECHA);
  await runCli('compile', releases, '-o', records);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface JsonFinding { code: string; severity: string; pointer: string; cell?: unknown }
const findingsOf = async (file: string) => {
  const run = await runCli('validate', file, '--json', ...FECHA);
  return { code: run.code, findings: JSON.parse(run.out) as JsonFinding[] };
};

test('the packages converted from the example workbook: the workbook\'s verdict, no schema errors, no cells', async () => {
  const workbook = await runCli('validate', path.join(ROOT, 'templates', 'examples', 'merida.xlsx'), '--json', ...FECHA);
  for (const file of [releases, projects, records]) {
    const { code, findings } = await findingsOf(file);
    expect(findings.filter((f) => f.severity === 'error' && f.code.startsWith('schema.'))).toEqual([]);
    expect(findings.every((f) => f.cell === undefined && typeof f.pointer === 'string')).toBe(true);
    expect(code).toBe(workbook.code);
  }
});

test('a planted mistake is found at its JSON pointer in each kind of package, with exit code 1', async () => {
  let planted = 0;
  const plant = (file: string, edit: (pkg: Record<string, any>) => void): string => {
    const pkg = readJson(file) as Record<string, any>;
    edit(pkg);
    const out = file.replace(/\.json$/, `-mal-${++planted}.json`);
    fs.writeFileSync(out, JSON.stringify(pkg));
    return out;
  };
  const cases: [string, string][] = [
    [plant(releases, (p) => { p.releases[1].tender.value = { amount: 'mucho', currency: 'MXN' }; }), '/releases/1/tender/value/amount'],
    [plant(records, (p) => { p.records[0].compiledRelease.tender.value = { amount: 'mucho', currency: 'MXN' }; }), '/records/0/compiledRelease/tender/value/amount'],
    [plant(projects, (p) => { p.projects[0].budget = { amount: { amount: 'mucho', currency: 'MXN' } }; }), '/projects/0/budget/amount/amount'],
  ];
  for (const [file, pointer] of cases) {
    const { code, findings } = await findingsOf(file);
    expect(code).toBe(1);
    expect(findings).toContainEqual(expect.objectContaining({ code: 'schema.type', severity: 'error', pointer }));
    // Said once: a record's compiled release is checked as a release, not again by the record package's schema.
    expect(findings.filter((f: { pointer?: string }) => f.pointer === pointer)).toHaveLength(1);
  }
  // The package's own fields are checked too.
  const noUri = plant(releases, (p) => { delete p.uri; });
  expect((await findingsOf(noUri)).findings).toContainEqual(expect.objectContaining({ code: 'schema.required', pointer: '/uri' }));
  // Without --json: one Spanish line per finding with its pointer, and a summary, on stdout.
  const text = await runCli('validate', cases[0][0], ...FECHA);
  expect(text.out).toMatch(/^Error — \/releases\/1\/tender\/value\/amount: /m);
  expect(text.out).toMatch(/paquete de entregas \(EDCA-MX \/ OCDS\) con (?:1 elemento|\d+ elementos)\. Resumen: (?:1 error|\d+ errores)/);
});

test('not a package, not JSON, missing: exit code 2 and a Spanish message, never a stack trace', async () => {
  const other = path.join(dir, 'otro.json');
  fs.writeFileSync(other, JSON.stringify({ hola: 1 }));
  const broken = path.join(dir, 'roto.json');
  fs.writeFileSync(broken, '{"releases": [');
  for (const [file, message] of [[other, /no es un paquete de entregas, de registros ni de proyectos/], [broken, /no es JSON válido/], [path.join(dir, 'no.json'), /No se encontró/]] as const) {
    const run = await runCli('validate', file);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(STACK_TRACE);
  }
});

test('a package saved with a byte-order mark (Windows editors) is read; broken JSON is placed by line and column', async () => {
  const withBom = path.join(dir, 'con-bom.json');
  fs.writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(releases)]));
  const plain = await runCli('validate', releases, '--json', ...FECHA);
  const bom = await runCli('validate', withBom, '--json', ...FECHA);
  expect([bom.code, bom.out]).toEqual([plain.code, plain.out]);
  for (const command of [['validate'], ['import'], ['compile']]) {
    const broken = path.join(dir, 'roto.json');
    fs.writeFileSync(broken, '{\n  "releases": [\n    {"ocid": "ocds-abc123-1",}\n  ]\n}\n');
    const output = command[0] === 'validate' ? [] : ['-o', path.join(dir, command[0] === 'import' ? 'roto.xlsx' : 'roto-salida.json')];
    const run = await runCli(...command, broken, ...output);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^El archivo «roto\.json» no es JSON válido \(línea 3, columna \d+\)\.$/);
    expect(run.err).not.toMatch(STACK_TRACE);
  }
});

test('a release or a project published alone, outside a package, is checked as one, its pointers into the file', async () => {
  for (const [file, key, words] of [[releases, 'releases', 'una entrega (EDCA-MX / OCDS), sin paquete'], [projects, 'projects', 'un proyecto (EDCAPI / OC4IDS), sin paquete']] as const) {
    const item = (readJson(file)[key] as unknown[])[0];
    const alone = path.join(dir, `suelto-${key}.json`);
    fs.writeFileSync(alone, JSON.stringify(item, null, 2));
    const inPackage = (await findingsOf(file)).findings.filter((f) => f.pointer.startsWith(`/${key}/0/`) || f.pointer === `/${key}/0`);
    const single = await findingsOf(alone);
    expect(single.findings.map((f) => [f.code, f.pointer])).toEqual(inPackage.map((f) => [f.code, f.pointer.slice(`/${key}/0`.length)]));
    const text = await runCli('validate', alone, ...FECHA);
    expect(text.out).toContain(`suelto-${key}.json: ${words}.`);
  }
});
