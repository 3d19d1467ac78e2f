/**
 * A package nested thousands of levels deep (hostile, broken, or a linked release downloaded from its address) is
 * valid JSON, and JSON.parse reads it; the code that walks it then overflows the stack. Every command said
 * «Error inesperado: Maximum call stack size exceeded», in English and without a cause; now in Spanish, with what
 * to check.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli, scratchDir, STACK_TRACE } from './run-cli';

const DEPTH = 100_000;

function deepPackage(kind: 'array' | 'object'): string {
  const nested = kind === 'array' ? `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}` : `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  return `{"uri":"https://datos.example/p.json","publishedDate":"2024-01-01T00:00:00Z","version":"1.1","releases":[{"ocid":"ocds-abc123-1","id":"r1","date":"2024-01-01T00:00:00Z","tag":["tender"],"initiationType":"tender","tender":{"id":"t","title":"Obra","x":${nested}}}]}`;
}

test.each(['array', 'object'] as const)('JSON nested 100,000 levels deep (%s): each command says so in Spanish, exit 3, nothing written', async (kind) => {
  const dir = scratchDir('deep-');
  const file = path.join(dir, `profundo-${kind}.json`);
  fs.writeFileSync(file, deepPackage(kind));
  for (const args of [['compile', file, '-o', path.join(dir, 'r.json')], ['import', file, '-o', path.join(dir, 'l.xlsx'), '--sin-descargar'], ['validate', file]]) {
    const run = await runCli(...args);
    expect([args[0], run.code]).toEqual([args[0], 3]);
    expect(run.err).toMatch(/^Los datos tienen demasiados niveles anidados \(listas u objetos dentro de otros, miles de veces\)/);
    expect(run.err).not.toMatch(/Error inesperado|Maximum call stack/);
    expect(run.err).not.toMatch(STACK_TRACE);
  }
  expect(fs.readdirSync(dir)).toEqual([`profundo-${kind}.json`]);
  fs.rmSync(dir, { recursive: true, force: true });
});
