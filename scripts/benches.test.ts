/**
 * Every bench the README lists runs, as a person runs it (`npm run bench:…`, the whole command), at a tiny size:
 * a bench that crashes is found here, not by the next person who wants figures. Nothing is timed or compared:
 * the benches print figures, and this only checks that they finish and print them.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHROMIUM } from './lib/chromium';

const ROOT = path.resolve(__dirname, '..');

function npmRun(script: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', ...script.split(' ')], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, out: `${stdout}\n${stderr}` });
    });
  });
}

let scratch: string;
beforeAll(() => { scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'benches-')); });
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

// [script, tiny-size environment, a figure the bench must print]
const BENCHES: [string, Record<string, string>, RegExp][] = [
  ['bench:convert', { BENCH_SIZE: '5', BENCH_RUNS: '2' }, /\d+ \(\d+–\d+\)[\s\S]*Arranque de Node \(node -e ""\): \d+ ms/],
  ['bench:validate', { BENCH_SIZE: '5', BENCH_RUNS: '2' }, /\d+ \(\d+–\d+\)/],
  ['bench:compile', { BENCH_SIZE: '5', BENCH_RUNS: '2' }, /\d+ \(\d+–\d+\)/],
  ['bench:send', { BENCH_SIZE: '5' }, /gzip \(ahora\)[\s\S]*enviado comprimido al servidor propio: 201/],
  ['bench:preview', { BENCH_PREVIEW_PROCESSES: '5' }, /vista previa de 5 procesos cambiados: primera respuesta [\d.]+ s/],
  ['bench:pending -- 5', {}, /primera consulta[^\n]*: \d+ ms[\s\S]*juzgarlos[^\n]*: \d+ ms/],
  ['bench:monthly-report', { BENCH_IMPLEMENTERS: '2', BENCH_MONTHS: '3' }, /tarea diaria \(cierres de mes\): [\d,.]+ ms, completa[\s\S]*el siguiente: 200/],
  // Two implementers, one of them late (reminded): each kind the job handles, a year of log each.
  ['bench:daily', { BENCH_PUBLISHERS: '2', BENCH_LATE: '0.5' }, /1\. primera ejecución tras actualizar[\s\S]*cierres [\d,]+ ms, [\d,]+ lecturas[\s\S]*a 2,500 implementadores: ~[\d,]+ lecturas/],
  ['bench:api', { BENCH_PROCESSES: '20', BENCH_REVISION_PROCESSES: '10', BENCH_SECONDS: '0.25', BENCH_BULK_RELEASES: '40', BENCH_CONNECTIONS: '4' }, /p99|ms/],
  ['bench:publish', { BENCH_REVISION_PROCESSES: '5' }, /[✓✗] Publicar 5 procesos × 3 revisiones/],
  ['bench:publish -- --firestore', { BENCH_FIRESTORE_PROCESSES: '5' }, /Documento más grande: [\d,]+ bytes/],
  ['bench:load', { BENCH_LOAD_SECONDS: '1', BENCH_LOAD_PROCESSES: '20', BENCH_LOAD_CONNECTIONS: '4', BENCH_LOAD_REVIEW: '20', BENCH_LOAD_DB: 'SCRATCH/load.sqlite' }, /p99|ms/],
  ...(fs.existsSync(CHROMIUM) ? [['bench:dashboard', { BENCH_PROJECTS: '10', BENCH_PUBLISHERS: '2', BENCH_RUNS: '1' }, /ms/] as [string, Record<string, string>, RegExp]] : []),
];

/**
 * Two benches at a time, each a whole command in its own processes: one alone left a core mostly idle (they wait on
 * their servers, the emulator, Chromium and fixed-length load), about half of this file's ~125 s on CI, while the
 * suite's other worker could use only the other core. Two lanes take the benches in the listed order; each test
 * waits for its own bench, so a failure is still reported under the bench's name.
 */
const AT_ONCE = 2;
type Run = { code: number; out: string };
const finished = new Map<string, { run: Promise<Run>; settle: (r: Run) => void }>();
beforeAll(() => {
  for (const [script] of BENCHES) {
    let settle!: (r: Run) => void;
    finished.set(script, { run: new Promise<Run>((resolve) => { settle = resolve; }), settle });
  }
  const queue = [...BENCHES];
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [script, env] = next;
      const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('SCRATCH', scratch)]));
      finished.get(script)?.settle(await npmRun(script, resolved));
    }
  };
  for (let k = 0; k < AT_ONCE; k++) void lane();
});

test.each(BENCHES)('%s runs at a tiny size and prints its figures', async (script, _env, figure) => {
  const { code, out } = await (finished.get(script) as { run: Promise<Run> }).run;
  if (code !== 0) throw new Error(`${script} terminó con código ${code}:\n${out.slice(-3000)}`);
  expect(out).toMatch(figure);
  expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}, 120_000);
