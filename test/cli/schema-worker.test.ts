/**
 * Issue 17: the built CLI runs the release validator on a worker thread
 * (functions/src/cli/schema-worker.ts). In-process, as the other CLI tests run it, there is no worker: the same
 * command must print the same findings, exit with the same code and write the same files either way.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { templateSpec } from '../../core/template/template-spec';
import type { WorkbookModel } from '../../core/workbook/model';
import { buildCli } from '../../scripts/build';
import { writeXlsx } from '../../scripts/bench/write-xlsx';
import { ROOT } from '../standards';
import { runCli, scratchDir } from './run-cli';

const FECHA = ['--fecha', '2025-06-30T12:00:00Z'];
const CLI = path.join(ROOT, 'dist', 'cli.js');
let dir: string;

beforeAll(async () => {
  dir = scratchDir('schema-worker-');
  await buildCli();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `Contrataciones` with one data row per entry of `rows`, values by path. */
function contrataciones(rows: Record<string, string | number>[]): WorkbookModel {
  const sheet = templateSpec().sheets.find((s) => s.name === 'Contrataciones');
  if (!sheet) throw new Error('no Contrataciones sheet');
  return { sheets: [{ name: sheet.name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), ...rows.map((v) => sheet.columns.map((c) => v[c.path] ?? ''))] }] };
}

/** Runs `args` in-process and as the built CLI; both write to the same paths, read back after each run. */
async function both(args: string[], outputs: string[]): Promise<{ inProcess: unknown[]; built: unknown[] }> {
  const files = (): (string | null)[] => outputs.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null));
  const clear = (): void => outputs.forEach((f) => fs.rmSync(f, { force: true }));
  clear();
  const run = await runCli(...args);
  const inProcess = [run.code, run.out, run.err, ...files()];
  clear();
  const child = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
  const built = [child.status, child.stdout.replace(/\n$/, ''), child.stderr.replace(/\n$/, ''), ...files()];
  return { inProcess, built };
}

test('convert and validate: the same findings, exit code and files with the worker thread as without it', async () => {
  const book = path.join(dir, 'libro.xlsx');
  // Releases the schema accepts and releases it does not (a budget link that is no URI), over several of the
  // worker's batches, with conversion findings (a code outside its list) among them.
  const rows = Array.from({ length: 60 }, (_, i) => ({
    ocid: `ocds-abc123-${String(i).padStart(4, '0')}`,
    'tender/id': `T-${i}`,
    ...(i % 7 === 3 ? { 'planning/budget/uri': 'no es un enlace' } : {}),
    ...(i % 11 === 5 ? { 'tender/status': 'no-existe' } : {}),
  }));
  await writeXlsx(contrataciones(rows), book);
  const out = path.join(dir, 'salida.json');
  const converted = await both(['convert', book, '-o', out, ...FECHA], [out]);
  expect(converted.built).toEqual(converted.inProcess);
  expect(converted.built[0]).toBe(1);
  const strict = await both(['convert', book, '-o', out, '--estricto', '--todos', ...FECHA], [out]);
  expect(strict.built).toEqual(strict.inProcess);
  const validated = await both(['validate', book, '--json', ...FECHA], []);
  expect(validated.built).toEqual(validated.inProcess);
  expect(String(validated.built[1])).toMatch(/"code": "schema\./);
}, 120_000);

test('convert of a workbook with projects: both packages written alike', async () => {
  const out = path.join(dir, 'ejemplo.json');
  const projects = path.join(dir, 'ejemplo-proyectos.json');
  const converted = await both(['convert', path.join(ROOT, 'templates', 'examples', 'merida.xlsx'), '-o', out, ...FECHA], [out, projects]);
  expect(converted.built).toEqual(converted.inProcess);
  expect(converted.built[4]).not.toBeNull();
}, 120_000);
