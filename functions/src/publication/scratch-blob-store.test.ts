/** An in-memory database's bulk files go to a temporary folder that must not outlive the process. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');

test('the scratch bulk folder is removed when the process exits', () => {
  const script = `
    const fs = require('fs'), os = require('os'), path = require('path');
    const { scratchBlobStore } = require(${JSON.stringify(path.join(__dirname, 'disk-blob-store'))});
    const src = path.join(os.tmpdir(), 'scratch-src-' + process.pid);
    fs.writeFileSync(src, 'x');
    const before = new Set(fs.readdirSync(os.tmpdir()));
    Promise.all([scratchBlobStore().put('a/b.json', src, 'application/json'), scratchBlobStore().put('c.json', src, 'application/json')]).then(() => {
      fs.rmSync(src);
      const made = fs.readdirSync(os.tmpdir()).filter((n) => !before.has(n) && n.startsWith('infra-abierta-bulk-' + process.pid + '-'));
      process.stdout.write(JSON.stringify(made.map((n) => path.join(os.tmpdir(), n))));
    });
  `;
  const out = execFileSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register-ts.js'), '-e', script], { cwd: ROOT, encoding: 'utf8' });
  const made = JSON.parse(out) as string[];
  expect(made).toHaveLength(2);
  for (const dir of made) expect(fs.existsSync(dir)).toBe(false);
});

test('folders left by a process that is gone are removed by the next one; a live process keeps its own', () => {
  const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
  const abandoned = path.join(os.tmpdir(), `infra-abierta-bulk-${deadPid}-1-0`);
  const live = path.join(os.tmpdir(), `infra-abierta-bulk-${process.pid}-1-0`);
  for (const dir of [abandoned, live]) {
    fs.mkdirSync(path.join(dir, 'publicaciones'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'publicaciones', 'datos.json'), '{}');
  }
  try {
    const script = `require(${JSON.stringify(path.join(__dirname, 'disk-blob-store'))}).scratchBlobStore();`;
    execFileSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register-ts.js'), '-e', script], { cwd: ROOT });
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  } finally {
    for (const dir of [abandoned, live]) fs.rmSync(dir, { recursive: true, force: true });
  }
});
