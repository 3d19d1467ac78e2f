/**
 * register-ts.js keeps each file's stripped output on disk: a file run again is read from there, and a file whose
 * text changed is stripped again (the key is its text), even when its size and time would not tell.
 */
import { execFileSync } from 'child_process';
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
