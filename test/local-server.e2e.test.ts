/**
 * `npm start` end to end: the bundled CLI starts the real server on an empty SQLite file, seeds it from
 * templates/examples on first run, prints the URL, and serves the published example data there.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { buildCli, ROOT } from '../scripts/build';

let child: ChildProcess | undefined;
let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-e2e-'));
});
afterAll(() => {
  child?.kill('SIGINT');
  fs.rmSync(dir, { recursive: true, force: true });
});

function startServer(args: string[] = [], file = 'datos.sqlite'): Promise<{ url: string; output: () => string }> {
  let output = '';
  child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, INFRA_SQLITE: path.join(dir, file), PORT: '0', HOST: '127.0.0.1', METADATA_SERVER_DETECTION: 'none' },
  });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  return new Promise((resolve, reject) => {
    child?.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) resolve({ url: m[1], output: () => output });
    });
    child?.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

it('serves the seeded example data at the printed URL', async () => {
  const { url, output } = await startServer();
  expect(output()).toContain('Datos de ejemplo: Municipio de Mérida → publicado');
  const publishers = (await (await fetch(`${url}api/publishers`)).json()) as { publishers: { id: string; currentPublication: unknown }[] };
  expect(publishers.publishers.map((p) => p.id).sort()).toEqual(['merida', 'nuevo-leon', 'tuxtla-gutierrez']);
  expect(publishers.publishers.every((p) => p.currentPublication !== null)).toBe(true);
  const projects = (await (await fetch(`${url}api/oc4ids/projects?limit=100`)).json()) as { projects: unknown[] };
  expect(projects.projects.length).toBeGreaterThanOrEqual(12);
}, 120000);

it('--sin-ejemplos: a real server\'s first start publishes none of the fictitious implementers', async () => {
  if (child && child.exitCode === null) await new Promise((resolve) => { child?.once('exit', resolve); child?.kill('SIGINT'); });
  const { url, output } = await startServer(['--sin-ejemplos'], 'real.sqlite');
  expect(output()).not.toContain('Datos de ejemplo');
  const publishers = (await (await fetch(`${url}api/publishers`)).json()) as { publishers: unknown[] };
  expect(publishers.publishers).toEqual([]);
}, 120000);
