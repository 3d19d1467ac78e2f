/**
 * `node -r ./scripts/register-ts.js scripts/x.ts`: runs the project's TypeScript scripts (build, generate, benches)
 * with the suite's transform (jest-transform.js: esbuild, types stripped one file at a time; `npm test` type-checks
 * the whole project first). ts-node compiled each file with TypeScript's own transpiler, which took 1–2 s of every
 * `npm run build` and `npm run bench:…` before any work began (about a second and a half per bench on this machine).
 */
const fs = require('fs');
const { process: transform } = require('./jest-transform');

// Stack traces name the TypeScript lines (the transform's source map, inlined below).
process.setSourceMapsEnabled(true);

require.extensions['.ts'] = (module, filename) => {
  const { code, map } = transform(fs.readFileSync(filename, 'utf8'), filename);
  module._compile(`${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}`, filename);
};
