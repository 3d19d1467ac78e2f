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

/**
 * Builtins each module reads through a binding of its own, declared on a first line before its code. Jest runs every
 * test file and what it loads in a `vm` context, whose global object has Node's interceptor: each global lookup goes
 * through it, about 200 ns against 1 in plain Node 20 — `Math.imul` 17 times slower in direct-compile.test.ts's seeded
 * generator, `Array.isArray`, `Object.keys` and `JSON.stringify` in the core's innermost loops (the add-on's bundle
 * does the same for its Apps Script stand-in: scripts/bundle-globals.ts). The values are the same objects, read once
 * when the module loads. Not `Date`, timers or `Promise`: jest's fake timers replace those globals, and a module must
 * see the replacement. A name the module declares itself anywhere is left to it (a second declaration would not parse).
 */
const BUILTINS = ['Array', 'Object', 'JSON', 'Math', 'Number', 'String', 'Symbol', 'Reflect', 'Map', 'Set', 'WeakMap', 'RegExp'];

function withBuiltins(code, map) {
  const names = BUILTINS.filter((name) => !new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}\\b|[{,]\\s*${name}\\s*[,}]`).test(code));
  if (names.length === 0) return { code, map };
  // A module that opens with "use strict" keeps it: the first line says it again, before the bindings.
  const strict = /^\s*(['"])use strict\1/.test(code) ? '"use strict";' : '';
  // One line more at the top: the source map's lines move down by one (a leading ";" in its mappings).
  const shifted = JSON.parse(map);
  shifted.mappings = `;${shifted.mappings}`;
  return { code: `${strict}const { ${names.join(', ')} } = globalThis;\n${code}`, map: JSON.stringify(shifted) };
}

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...OPTIONS, loader: filename.endsWith('x') ? 'tsx' : 'ts', sourcefile: filename });
    return withBuiltins(code, map);
  },
  getCacheKey(source, filename, options) {
    return createHash('sha256').update(TRANSFORM).update('\0').update(options.configString).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
