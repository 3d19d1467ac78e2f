/**
 * `node -r ./scripts/register-ts.js scripts/x.ts`: runs the project's TypeScript scripts (build, generate, benches)
 * with the suite's transform (jest-transform.js: esbuild, types stripped one file at a time; `npm test` type-checks
 * the whole project first). ts-node compiled each file with TypeScript's own transpiler, which took 1–2 s of every
 * `npm run build` and `npm run bench:…` before any work began (about a second and a half per bench on this machine).
 *
 * Each file's output is kept in node_modules/.cache/register-ts under jest's own cache key (the transform, esbuild's
 * version, the file and its text), so a file changes nothing until its text does: `npm start` runs three build
 * scripts and the benches' smoke test about fifteen programs over the same few hundred modules, and stripping them
 * again cost 1.2–1.4 s of CPU per process of ~300 modules (bench:load 3.1–3.3 → 1.8–1.9 CPU-s to load). A cache
 * that cannot be written (a read-only checkout) is only not kept.
 */
const fs = require('fs');
const path = require('path');
const { process: transform, getCacheKey } = require('./jest-transform');

const CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'register-ts');

// Stack traces name the TypeScript lines (the transform's source map, inlined below).
process.setSourceMapsEnabled(true);

function compiled(source, filename) {
  const file = path.join(CACHE, `${getCacheKey(source, filename, { configString: 'register-ts' })}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const { code, map } = transform(source, filename);
    const out = `${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}`;
    try {
      // Written aside and renamed: another process reading the same key sees the whole file or none.
      fs.mkdirSync(CACHE, { recursive: true });
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, out);
      fs.renameSync(partial, file);
    } catch { /* not kept */ }
    return out;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(compiled(fs.readFileSync(filename, 'utf8'), filename), filename);
};
