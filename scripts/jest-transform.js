/**
 * Jest's TypeScript transform: esbuild, one file at a time (as ts-jest did with `isolatedModules`). `npm test`
 * type-checks the whole project with tsc while jest runs (scripts/test.js); here only the types are stripped. A fresh
 * clone (CI) starts with an empty transform cache, and ts-jest's compiler spent a large part of the suite on it.
 * `import()` becomes `require`, as tsc's CommonJS output has it: jest's module sandbox runs no dynamic import.
 */
const { createHash } = require('crypto');
const fs = require('fs');
const { transformSync, version } = require('esbuild');

const OPTIONS = { format: 'cjs', target: 'node20', supported: { 'dynamic-import': false }, sourcemap: true, sourcesContent: false };
/** Jest keys its cache on the file and its config only: this file and esbuild's version name the transform. */
const TRANSFORM = `${fs.readFileSync(__filename, 'utf8')}\0${version}`;

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...OPTIONS, loader: filename.endsWith('x') ? 'tsx' : 'ts', sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename, options) {
    return createHash('sha256').update(TRANSFORM).update('\0').update(options.configString).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
