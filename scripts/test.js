/**
 * `npm test`: the type check (scripts/typecheck.js) and jest at the same time, failing when either fails. One after
 * the other, jest waited the whole type check (about 19 s on CI), during which one of the two cores was mostly idle:
 * the backend's tsc runs alone for its last ~10 s. Jest's own transform only strips types (jest-transform.js), so
 * the type check is still what finds type errors; its errors print as tsc prints them, and a summary line at the end
 * says which of the two failed. Arguments go to jest (`npm test -- path/to/file`).
 */
const { spawn } = require('child_process');

const run = (args) => new Promise((resolve) => {
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  child.on('error', () => resolve(1));
  child.on('exit', (code) => resolve(code ?? 1));
});

Promise.all([
  run([require.resolve('./typecheck.js')]),
  run([require.resolve('jest/bin/jest'), ...process.argv.slice(2)]),
]).then(([types, jest]) => {
  if (types !== 0) console.error('\nnpm test: la revisión de tipos (npm run typecheck) falló: vea sus errores arriba.');
  if (jest !== 0) console.error(`\nnpm test: jest falló (código ${jest}).`);
  process.exitCode = types !== 0 || jest !== 0 ? 1 : 0;
});
