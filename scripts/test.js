/**
 * `npm test`: the type check (scripts/typecheck.js) and jest at the same time, failing when either fails. One after
 * the other, jest waited the whole type check (about 19 s on CI), during which one of the two cores was mostly idle:
 * the backend's tsc runs alone for its last ~10 s. Jest's own transform only strips types (jest-transform.js), so
 * the type check is still what finds type errors; its errors print as tsc prints them, and a summary line at the end
 * says which of the two failed. Arguments go to jest (`npm test -- path/to/file`).
 *
 * Jest runs three workers per two cores unless told otherwise (`npm test -- --maxWorkers=N`): a worker also waits
 * (for Chromium, child processes, the emulator, timers), and with one per core the cores were idle about 8 % of the
 * run. On this 2-core machine, the whole of `npm test` back to back: 2 workers 502.9 s (927 CPU-s), 3 workers 478.6 s
 * (934 CPU-s). Given here, not in package.json: jest reads a percentage above 100 % there as a number of workers.
 */
const { spawn } = require('child_process');
const os = require('os');

const args = process.argv.slice(2);
const workers = args.some((a) => /^(--maxWorkers|-w|--runInBand|-i)\b/.test(a)) ? [] : [`--maxWorkers=${Math.ceil(os.availableParallelism() * 1.5)}`];

const run = (argv) => new Promise((resolve) => {
  const child = spawn(process.execPath, argv, { stdio: 'inherit' });
  child.on('error', () => resolve(1));
  child.on('exit', (code) => resolve(code ?? 1));
});

Promise.all([
  run([require.resolve('./typecheck.js')]),
  run([require.resolve('jest/bin/jest'), ...workers, ...args]),
]).then(([types, jest]) => {
  if (types !== 0) console.error('\nnpm test: la revisión de tipos (npm run typecheck) falló: vea sus errores arriba.');
  if (jest !== 0) console.error(`\nnpm test: jest falló (código ${jest}).`);
  process.exitCode = types !== 0 || jest !== 0 ? 1 : 0;
});
