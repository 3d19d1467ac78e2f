/**
 * `compile` reads each release from its own bytes (locate-list.ts) when the input is a plain package, and parses the
 * whole document otherwise: both give the same record package, byte for byte, and the same messages.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli, scratchDir } from './run-cli';

const dir = scratchDir('compile-located-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Stages of a few processes, out of ocid order and interleaved, with what merging has to handle. */
function releases(): unknown[] {
  const out: unknown[] = [];
  for (const [n, ocid] of ['ocds-b-2', 'ocds-a-1', 'ocds-c-3'].entries()) {
    out.push({ ocid, id: `${ocid}-1`, date: `2024-0${n + 1}-01T00:00:00Z`, tag: ['tender'], tender: { id: 'T', title: `Obra «${n}» en Mérida — ñ 🚧 漢字`, items: [{ id: '1', quantity: 1 }, { id: 2, quantity: 2 }], value: { amount: 10.5, currency: 'MXN' } }, parties: [{ id: 'p1', roles: ['buyer'] }] });
  }
  out.push(null, 7, { id: 'sin-ocid' }, { ocid: '', id: 'vacío' });
  for (const [n, ocid] of ['ocds-c-3', 'ocds-a-1', 'ocds-b-2'].entries()) {
    out.push({ ocid, id: `${ocid}-2`, date: `2024-0${n + 4}-01T00:00:00Z`, tag: ['award'], tender: { title: null, items: [{ id: '2', quantity: 5 }, { id: '3' }] }, awards: [{ id: 'A', value: { amount: 1e21, currency: 'MXN' }, note: 'texto con \n    },\n    { adentro' }], parties: [{ id: 'p1', roles: ['buyer', 'payer'] }] });
  }
  out.push({ ocid: 'ocds-a-1', id: 'ocds-a-1-1', date: '2024-01-01T00:00:00Z', tag: ['tenderUpdate'], tender: { status: 'active' } });
  return out;
}

const PACKAGE = { uri: 'https://example.mx/paquete.json', version: '1.1', publishedDate: '2024-07-01T00:00:00Z', publisher: { name: 'Municipio de Mérida' }, license: 'https://creativecommons.org/licenses/by/4.0/', extensions: ['https://example.mx/ext.json'], releases: releases() };

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The output without the two lines that differ by run (where and when it was written). */
async function compiled(files: string[], versioned: boolean): Promise<{ text: string; err: string; code: number }> {
  const out = path.join(dir, 'registros.json');
  const run = await runCli('compile', ...files, '-o', out, ...(versioned ? ['--versionadas'] : []));
  const text = run.code === 0 ? fs.readFileSync(out, 'utf8').replace(/^ {2}"(uri|publishedDate)": .*\n/gm, '') : '';
  return { text, err: run.err.replace(out, 'registros.json'), code: run.code };
}

// The key written with an escape is the same document to JSON.parse, but the locator leaves it to the whole-document path.
const wholeDocument = (text: string): string => text.replace('"releases":', '"rel\\u0065ases":');

describe.each([false, true])('compile (versioned: %s) gives the same bytes from located releases as from the whole document', (versioned) => {
  it.each([
    ['indented by 2', (d: unknown) => JSON.stringify(d, null, 2)],
    ['indented by 4', (d: unknown) => JSON.stringify(d, null, 4)],
    ['on one line', (d: unknown) => JSON.stringify(d)],
  ])('a package %s', async (label, format) => {
    const text = format(PACKAGE);
    const located = await compiled([write(`located-${label}.json`, text)], versioned);
    const whole = await compiled([write(`whole-${label}.json`, wholeDocument(text))], versioned);
    expect(located.code).toBe(0);
    expect(located.err).toContain('Se omitieron 4 entregas sin «ocid».');
    expect(located.err).toContain('3 registros compilados de 7 entregas');
    expect(located.text).toBe(whole.text);
    expect(located.err).toBe(whole.err);
  });

  it('several files, one of them a bare list of releases, the publisher taken from the first that names one', async () => {
    const all = releases();
    const first = write('parte-1.json', JSON.stringify(all.slice(0, 5), null, 2));
    const second = write('parte-2.json', JSON.stringify({ ...PACKAGE, releases: all.slice(5) }, null, 2));
    const located = await compiled([first, second], versioned);
    const whole = await compiled([first, write('parte-2-whole.json', wholeDocument(fs.readFileSync(second, 'utf8')))], versioned);
    expect(located.code).toBe(0);
    expect(located.text).toContain('"name": "Municipio de Mérida"');
    expect(located.text).toBe(whole.text);
  });
});

/** The line (1-based) where `needle` first appears in `text`. */
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

it('an invalid release is refused with the usual message, and no output is written', async () => {
  const text = JSON.stringify(PACKAGE, null, 2).replace('"ocid": "ocds-c-3",', '"ocid": "ocds-c-3",,');
  const out = path.join(dir, 'no-escrito.json');
  const run = await runCli('compile', write('roto.json', text), '-o', out);
  expect(run.code).toBe(2);
  expect(run.err).toBe(`El archivo «roto.json» no es JSON válido (línea ${lineOf(text, ',,')}, columna 26).`);
  expect(fs.existsSync(out)).toBe(false);
});

it('an invalid release leaves an earlier output as it was, and no partial file behind', async () => {
  const text = JSON.stringify(PACKAGE, null, 2).replace('"ocid": "ocds-a-1",', '"ocid": "ocds-a-1",,');
  const out = path.join(dir, 'anterior.json');
  fs.writeFileSync(out, 'anterior\n');
  const run = await runCli('compile', write('roto-2.json', text), '-o', out);
  expect(run.code).toBe(2);
  expect(run.err).toBe(`El archivo «roto-2.json» no es JSON válido (línea ${lineOf(text, ',,')}, columna 26).`);
  expect(fs.readFileSync(out, 'utf8')).toBe('anterior\n');
  expect(fs.readdirSync(dir).filter((f) => f.includes('.parcial-'))).toEqual([]);
});

it('an output written again keeps its permissions', async () => {
  const out = path.join(dir, 'permisos.json');
  fs.writeFileSync(out, '');
  fs.chmodSync(out, 0o640);
  const run = await runCli('compile', write('permisos-entrada.json', JSON.stringify(PACKAGE, null, 2)), '-o', out);
  expect(run.code).toBe(0);
  expect(fs.statSync(out).mode & 0o777).toBe(0o640);
  expect(JSON.parse(fs.readFileSync(out, 'utf8')).records).toHaveLength(3);
});

it('an output with a second name (hard link) is written in place: both names keep showing the new records', async () => {
  const out = path.join(dir, 'enlazado.json');
  const other = path.join(dir, 'enlazado-otro-nombre.json');
  fs.writeFileSync(out, '');
  fs.linkSync(out, other);
  const run = await runCli('compile', write('enlace-entrada.json', JSON.stringify(PACKAGE, null, 2)), '-o', out);
  expect(run.code).toBe(0);
  expect(fs.statSync(out).ino).toBe(fs.statSync(other).ino);
  expect(JSON.parse(fs.readFileSync(other, 'utf8')).records).toHaveLength(3);
  expect(fs.readdirSync(dir).filter((f) => f.includes('.parcial-'))).toEqual([]);
});

it('a partial file left by a killed compile is removed by the next one; one of a running process is not', async () => {
  const out = path.join(dir, 'interrumpido.json');
  const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
  fs.writeFileSync(`${out}.parcial-${gone}`, '{"records": [');
  fs.writeFileSync(`${out}.parcial-${process.ppid}`, '{"records": [');
  const run = await runCli('compile', write('interrumpido-entrada.json', JSON.stringify(PACKAGE, null, 2)), '-o', out);
  expect(run.code).toBe(0);
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('interrumpido.json.parcial-'))).toEqual([`interrumpido.json.parcial-${process.ppid}`]);
  fs.rmSync(`${out}.parcial-${process.ppid}`);
});

it.each([
  // JSON.parse keeps the last of a key written twice: the ocid read from the first line is not the release's.
  ['its ocid written twice', (t: string) => t.replace('"id": "ocds-b-2-1",', '"id": "ocds-b-2-1",\n      "ocid": "ocds-z-9",')],
  // An ocid on a line indented like a top-level key, but inside another object.
  ['a nested ocid indented like its own', (t: string) => t.replace('"tender": {\n        "id": "T",', '"tender": {\n      "ocid": "ocds-y-8",\n        "id": "T",').replace(/\n {6}"ocid": "ocds-b-2",/, '')],
])('a release with %s is grouped by the ocid JSON.parse reads', async (label, edit) => {
  const original = JSON.stringify(PACKAGE, null, 2);
  const text = edit(original);
  expect(text).not.toBe(original);
  const located = await compiled([write(`enganoso-${label}.json`, text)], false);
  const whole = await compiled([write(`enganoso-whole-${label}.json`, wholeDocument(text))], false);
  expect(located.code).toBe(0);
  expect(located.text).toBe(whole.text);
  expect(located.err).toBe(whole.err);
  expect(fs.readdirSync(dir).filter((f) => f.includes('.parcial-'))).toEqual([]);
});
