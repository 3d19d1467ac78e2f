/**
 * `serve --procesos 2` (issue 16, item 4): the built CLI serves from two worker processes behind one port,
 * seeded once by the primary; a worker that dies is replaced and the port keeps answering.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { buildCli, ROOT } from '../scripts/build';
import { openSqliteStore } from '../functions/src/store/sqlite-store';

let child: ChildProcess | undefined;
let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-cluster-'));
  // A registered publisher: the server does not seed the examples (that is tested elsewhere), so it starts fast.
  const store = openSqliteStore(path.join(dir, 'datos.sqlite'));
  await store.putPublisher({ id: 'merida', name: 'Municipio de Mérida', state: 'Yucatán', ocidPrefix: 'ocds-mid001', projectIdPrefix: 'oc4ids-mid001', commitment: { projects: 5, periodicityDays: 90 } });
  await store.close();
}, 60000);
afterAll(async () => {
  if (child && child.exitCode === null) await new Promise((resolve) => { child?.once('exit', resolve); child?.kill('SIGINT'); });
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Pids of the processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try { return Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid; } catch { return false; }
  }).map(Number);
}

it('serves from two processes on one port and replaces a worker that dies', async () => {
  let output = '';
  child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'serve', '--procesos', '2'], {
    cwd: ROOT,
    env: { ...process.env, INFRA_SQLITE: path.join(dir, 'datos.sqlite'), PORT: '0', HOST: '127.0.0.1', METADATA_SERVER_DETECTION: 'none' },
  });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    child?.stdout?.on('data', (d: Buffer) => { output += d.toString(); const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output); if (m) resolve(m[1]); });
    child?.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const workers = childrenOf(child.pid as number);
  expect(workers).toHaveLength(2);
  const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}api/publishers`).then((r) => r.json() as Promise<{ publishers: { id: string }[] }>)));
  expect(answers.every((a) => a.publishers[0].id === 'merida')).toBe(true);

  process.kill(workers[0], 'SIGKILL');
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && !(childrenOf(child.pid as number).length === 2 && !childrenOf(child.pid as number).includes(workers[0]))) await new Promise((r) => setTimeout(r, 200));
  expect({ children: childrenOf(child.pid as number).filter((p) => p !== workers[0]), output }).toMatchObject({ children: [expect.any(Number), expect.any(Number)] });
  await new Promise((r) => setTimeout(r, 300)); // the primary's message may still be in the pipe
  expect(output).toMatch(/El proceso de servicio \d terminó \(SIGKILL\); se inicia otro\./);
  const after = await Promise.all(Array.from({ length: 10 }, () => fetch(`${url}api/ocds/records?limit=1`).then((r) => r.status)));
  expect(after.every((s) => s === 200)).toBe(true);
}, 30000);
