/**
 * `publications rebuild-bulk`: after an upgrade, the bulk files written by the older version (a package without the
 * publisher's licence, a `datos.xlsx` without frozen headers) stop being served, and every current publication's files
 * are written in this version's form — on the local SQLite store with its BULK_DIR, and with `--nube` on Firestore
 * (the emulator) and Cloud Storage (the stub). Again, it writes nothing more; cut short, it goes on where it stopped.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { runCli, scratchDir, STACK_TRACE } from './run-cli';
import { cloudUnderTest } from './cloud-under-test';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { publish } from '../../functions/src/publication/publish';
import type { Publisher, Store } from '../../functions/src/store/store';
import { BULK_FORM, bulkPrefix, olderBulkPrefixes, publicationBulkFolder, publicationFolder } from '../../functions/src/publication/bulk-files';
import { createApp } from '../../functions/src/app';
import { diskBlobStore } from '../../functions/src/publication/disk-blob-store';
import { exceljs } from '../../functions/src/xlsx/load-exceljs';
import { SETTINGS_SHEET } from '../../core/template/settings';
import { BENCH_PUBLISHER, syntheticDocumentsFor, syntheticWorkbook, workbookOf } from '../../scripts/bench/synthetic-publisher';

const LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
const BENCH: Publisher = { ...BENCH_PUBLISHER, license: LICENSE };
const OTHER: Publisher = { ...BENCH_PUBLISHER, id: 'otro', name: 'Otro implementador', ocidPrefix: 'ocds-otr001', projectIdPrefix: 'oc4ids-otr001', license: LICENSE };
/** What the version before wrote: a package without the licence, and a workbook that is not this version's. */
const OLD_RELEASES = JSON.stringify({ uri: 'http://127.0.0.1/api/bulk/releases.json', version: '1.1', releases: [] });

async function seed(store: Store): Promise<string[]> {
  const ids: string[] = [];
  for (const [publisher, workbook] of [[BENCH, syntheticWorkbook(3, 1)], [OTHER, workbookOf(syntheticDocumentsFor(OTHER, 2))]] as const) {
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook, actor: 'test', now: '2025-08-10T12:00:00.000Z', baseUrl: 'http://127.0.0.1' });
    if (result.status !== 'published') throw new Error(`not published: ${result.status}`);
    ids.push(result.publication.id);
  }
  return ids;
}

/** The frozen rows of each data sheet of a `datos.xlsx` (not the `Léame` sheet, which has none, nor `Configuración`). */
async function frozenRows(file: Buffer): Promise<number[]> {
  const workbook = new (exceljs().Workbook)();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook.worksheets.slice(1).filter((ws) => ws.name !== SETTINGS_SHEET).map((ws) => Number((ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0));
}

describe('publications rebuild-bulk on the local store', () => {
  let dir: string;
  const saved = { sqlite: process.env.INFRA_SQLITE, base: process.env.PUBLIC_BASE_URL };
  beforeEach(() => { dir = scratchDir('rebuild-'); process.env.INFRA_SQLITE = path.join(dir, 'datos.sqlite'); process.env.PUBLIC_BASE_URL = 'http://127.0.0.1:8080'; });
  afterEach(() => {
    for (const [name, value] of [['INFRA_SQLITE', saved.sqlite], ['PUBLIC_BASE_URL', saved.base]] as const) if (value === undefined) delete process.env[name]; else process.env[name] = value;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes each current publication\'s files in this form, serves them instead of the old ones, and removes those', async () => {
    let store = openSqliteStore(process.env.INFRA_SQLITE as string);
    const [bench, other] = await seed(store);
    await store.close();
    const bulkDir = path.join(dir, 'bulk');
    // The old version's files, where it wrote them, complete as it left them (datos.xlsx last).
    const blobs = diskBlobStore(bulkDir);
    const old = path.join(dir, 'viejo.json');
    fs.writeFileSync(old, OLD_RELEASES);
    for (const name of ['releases.json', 'datos.xlsx']) await blobs.put(`${publicationFolder(bench)}${name}`, old, 'application/json');
    // And its downloads of everyone together (the form before this one, and before forms were numbered), which stayed
    // until `prune` a day later; a combined folder of other publications is prune's to judge, and stays.
    const sets = [bench, other].map((id) => ({ publisher: { id }, publication: { id, createdAt: '' } }));
    const olderAll = olderBulkPrefixes(sets, undefined);
    expect(olderAll).toHaveLength(BULK_FORM);
    expect(olderAll).not.toContain(bulkPrefix(sets, undefined));
    for (const prefix of [olderAll[0], olderAll[BULK_FORM - 1], bulkPrefix(sets.slice(0, 1), undefined)]) await blobs.put(`${prefix}releases.json`, old, 'application/json');

    const run = await runCli('publications', 'rebuild-bulk');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out.split('\n')).toEqual([
      'Archivos de descarga como los escribe esta versión de la plataforma: 2 implementadores con publicación vigente, y los de todos juntos.',
      expect.stringMatching(/^ {2}1\/3 bench \(Publicador de prueba de carga\): escritos \(3 entregas, 3 registros, 2 proyectos\) en [\d.]+ s\.$/),
      expect.stringMatching(/^ {2}2\/3 otro \(Otro implementador\): escritos \(2 entregas, 2 registros, 1 proyecto\) en [\d.]+ s\.$/),
      expect.stringMatching(/^ {2}3\/3 todos los implementadores juntos: escritos \(5 entregas, 5 registros, 3 proyectos\) en [\d.]+ s\.$/),
      'Listo: 3 conjuntos de archivos escritos de nuevo, 0 ya estaban al día.',
    ]);
    // The old form is gone from the disk; the new one is there, with the licence and the frozen headers.
    expect(fs.readdirSync(path.join(bulkDir, ...publicationFolder(bench).split('/')))).toEqual([`v${BULK_FORM}`]);
    expect(fs.readdirSync(path.join(bulkDir, 'todos')).sort()).toEqual([bulkPrefix(sets, undefined), bulkPrefix(sets.slice(0, 1), undefined)].map((p) => p.split('/')[1]).sort());
    const folder = path.join(bulkDir, ...publicationBulkFolder(bench).split('/'));
    expect((JSON.parse(fs.readFileSync(path.join(folder, 'releases.json'), 'utf8')) as { license?: string }).license).toBe(LICENSE);
    expect((await frozenRows(fs.readFileSync(path.join(folder, 'datos.xlsx')))).every((n) => n === 2)).toBe(true);

    // The server (same BULK_DIR) serves the new files, without building anything.
    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const app = createApp({ store, config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(bulkDir) });
      const served = await request(app).get('/api/bulk/releases.json?publisher=bench').set('Accept-Encoding', 'identity');
      expect(served.status).toBe(200);
      expect((JSON.parse(served.text) as { license?: string; releases: unknown[] }).license).toBe(LICENSE);
    } finally {
      await store.close();
    }

    // Again: nothing to write, and nothing written.
    const written = fs.statSync(path.join(folder, 'datos.xlsx')).mtimeMs;
    const again = await runCli('publications', 'rebuild-bulk');
    expect(again.out).toContain('  1/3 bench (Publicador de prueba de carga): ya estaban al día.');
    expect(again.out).toContain('Listo: 0 conjuntos de archivos escritos de nuevo, 3 ya estaban al día.');
    expect(fs.statSync(path.join(folder, 'datos.xlsx')).mtimeMs).toBe(written);

    // Cut short while writing the other publisher's files (datos.xlsx, written last, missing): only those are written.
    const otherFolder = path.join(bulkDir, ...publicationBulkFolder(other).split('/'));
    for (const f of ['datos.xlsx', 'datos.xlsx.meta.json']) fs.rmSync(path.join(otherFolder, f));
    const resumed = await runCli('publications', 'rebuild-bulk', '--publicador', 'otro');
    expect(resumed.out.split('\n')).toEqual([
      'Archivos de descarga como los escribe esta versión de la plataforma: 1 implementador con publicación vigente.',
      expect.stringMatching(/^ {2}1\/1 otro \(Otro implementador\): escritos/),
      'Listo: 1 conjunto de archivos escrito de nuevo, 0 ya estaban al día.',
    ]);
    expect(fs.existsSync(path.join(otherFolder, 'datos.xlsx'))).toBe(true);
    const unknown = await runCli('publications', 'rebuild-bulk', '--publicador', 'nadie');
    expect(unknown.code).toBe(2);
    expect(unknown.err).not.toMatch(STACK_TRACE);
  });
});

describe('publications rebuild-bulk --nube', () => {
  const cloud = cloudUnderTest('rehacer_', 'rebuild-nube-');

  it('writes them to the deployment\'s bucket, says in Spanish what Cloud Storage refused, and resumes', async () => {
    const { project, storage } = cloud;
    const store = cloud.openStore();
    const env = cloud.writeEnvFile('https://datos.example.mx');
    try {
      const [bench] = await seed(store);
      const cli = (...more: string[]) => runCli('publications', 'rebuild-bulk', '--nube', '--proyecto', project, '--entorno', env, ...more);

      // The bucket refuses the first upload: said in Spanish, the exit code says so, the next sets are still tried.
      storage.refuseUploads = { code: 403, message: 'does not have storage.objects.create access' };
      const refused = await cli();
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('  1/3 bench (Publicador de prueba de carga): NO se escribieron: la cuenta con la que se escribe no tiene permiso en el depósito de BULK_BUCKET');
      expect(refused.out).toContain('Listo: 0 conjuntos de archivos escritos de nuevo, 0 ya estaban al día, 3 con falla.');
      expect(refused.err).toContain('Corrija la causa y repita la misma orden: retoma donde quedó');
      expect(`${refused.out}${refused.err}`).not.toMatch(/does not have|Permission/);
      expect(`${refused.out}${refused.err}`).not.toMatch(STACK_TRACE);
      delete storage.refuseUploads;

      const run = await cli();
      expect([run.code, run.err]).toEqual([0, '']);
      expect(run.out).toContain('Listo: 3 conjuntos de archivos escritos de nuevo, 0 ya estaban al día.');
      const object = storage.objects.get(`demo-bulk/${publicationBulkFolder(bench)}releases.json`);
      const pkg = JSON.parse(object!.data.toString('utf8')) as { license?: string; uri: string };
      expect(pkg.license).toBe(LICENSE);
      // Under the deployment's address (its environment file), not this computer's.
      expect(pkg.uri).toBe('https://datos.example.mx/api/bulk/releases.json?publisher=bench');
      expect((await frozenRows(storage.objects.get(`demo-bulk/${publicationBulkFolder(bench)}datos.xlsx`)!.data)).every((n) => n === 2)).toBe(true);
      expect([...storage.objects.keys()].filter((k) => k.endsWith('/datos.xlsx')).map((k) => k.split('/')[1]).sort()).toEqual(['publicaciones', 'publicaciones', 'todos']);

      const uploads = storage.objects.size;
      const again = await cli();
      expect(again.out).toContain('Listo: 0 conjuntos de archivos escritos de nuevo, 3 ya estaban al día.');
      expect(storage.objects.size).toBe(uploads);
    } finally {
      delete storage.refuseUploads;
      await store.close();
    }
  });
});
