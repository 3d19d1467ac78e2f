/**
 * `npm test`: the type check (scripts/typecheck.js) and jest at the same time, instead of one after the other. Jest
 * strips types without checking them (scripts/jest-transform.js), so neither waits for the other; on CI's two cores
 * the type check's ~17 s ran with jest idle, and jest alone leaves a core free at moments (a test waiting for a
 * browser or a server). Fails when either fails; arguments go to jest (`npm test -- path/to/file.test.ts`).
 */
const { spawn } = require('child_process');
const path = require('path');

function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const typecheck = run(path.join(__dirname, 'typecheck.js'), []);
const jest = run(require.resolve('jest/bin/jest'), process.argv.slice(2));
Promise.all([typecheck, jest]).then(([types, tests]) => {
  if (types !== 0) console.error('La comprobación de tipos (tsc) falló: vea sus errores arriba.');
  process.exitCode = types !== 0 || tests !== 0 ? 1 : 0;
});
