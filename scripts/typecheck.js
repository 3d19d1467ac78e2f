/**
 * `npm run typecheck`: the three TypeScript projects (backend and CLI, the add-on's sidebar, the dashboard) checked at
 * once, one tsc each, instead of one after another: on CI's two cores that was about 20 s of `npm test` with a core
 * idle. Fails when any of them does; each tsc prints its own errors, with their files.
 */
const { spawn } = require('child_process');

const PROJECTS = ['tsconfig.json', 'addon/sidebar/tsconfig.json', 'dashboard/tsconfig.json'];
const tsc = require.resolve('typescript/bin/tsc');

Promise.all(PROJECTS.map((project) => new Promise((resolve) => {
  const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit'], { stdio: 'inherit' });
  child.on('error', () => resolve(1));
  child.on('exit', (code) => resolve(code ?? 1));
}))).then((codes) => { process.exitCode = codes.some((code) => code !== 0) ? 1 : 0; });
