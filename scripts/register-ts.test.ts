/**
 * register-ts.js keeps each file's stripped output on disk: a file run again is read from there, and a file whose
 * text changed is stripped again (the key is its text), even when its size and time would not tell.
 */
import { execFileSync } from 'child_process';
import { transformSync } from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REGISTER = path.join(__dirname, 'register-ts.js');
const CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'register-ts');

test('a script run twice is read from the cache the second time; its text changed, it runs what it now says', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-ts-'));
  try {
    const script = path.join(dir, 'hola.ts');
    const run = (): string => execFileSync(process.execPath, ['-r', REGISTER, script], { encoding: 'utf8' }).trim();
    const cached = (): string[] => (fs.existsSync(CACHE) ? fs.readdirSync(CACHE) : []);
    fs.writeFileSync(script, "const greeting: string = 'uno';\nconsole.log(greeting);\n");
    const before = new Set(cached());
    expect(run()).toBe('uno');
    const added = cached().filter((f) => !before.has(f));
    expect(added).toHaveLength(1);
    // Its cached output is what runs: changed there, the run says so.
    fs.writeFileSync(path.join(CACHE, added[0]), "console.log('desde la caché');\n");
    expect(run()).toBe('desde la caché');
    // Same length, same second: only the text tells the change.
    const stat = fs.statSync(script);
    fs.writeFileSync(script, "const greeting: string = 'dos';\nconsole.log(greeting);\n");
    fs.utimesSync(script, stat.atime, stat.mtime);
    expect(run()).toBe('dos');
    for (const f of cached().filter((f) => !before.has(f))) fs.rmSync(path.join(CACHE, f), { force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a module reads the builtins through bindings of its own (jest\'s vm context makes each global lookup slow), not a name it declares itself, and its lines keep their numbers', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { process: transform } = require('./jest-transform') as { process(source: string, filename: string): { code: string; map: string } };
  const source = "const Map = new globalThis.Map([[1, 2]]);\nexport const sum: number = Map.get(1) + Math.max(1, 2);\nthrow new Error('línea 3');\n";
  const file = path.join(os.tmpdir(), 'modulo.ts');
  const { code, map } = transform(source, file);
  const [first] = code.split('\n');
  expect(first).toMatch(/^const \{ [^}]*\bMath\b[^}]*\} = globalThis;$/);
  expect(first).not.toMatch(/\bMap\b|\bDate\b/);
  // It parses and runs as written (its own Map, the builtin Math).
  const module = { exports: {} as { sum?: number } };
  expect(() => new Function('module', 'exports', 'require', code)(module, module.exports, require)).toThrow('línea 3');
  expect(module.exports.sum).toBe(4);
  // Below the bindings, esbuild's output and its source map, each line moved down by one.
  const stripped = transformSync(source, { format: 'cjs', target: 'node20', supported: { 'dynamic-import': false }, sourcemap: true, sourcesContent: false, loader: 'ts', sourcefile: file });
  expect(code.slice(first.length + 1)).toBe(stripped.code);
  expect((JSON.parse(map) as { mappings: string }).mappings).toBe(`;${(JSON.parse(stripped.map) as { mappings: string }).mappings}`);
});
