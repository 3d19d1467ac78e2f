/**
 * `publications prune`: an administrator clears superseded publications (each is a whole copy, so storage grows with
 * every publication) while what the public reads stays as it was — on the local SQLite store with its bulk-file
 * folder, and with `--nube` on Firestore (the emulator) with the deployment's bucket (the real Cloud Storage client
 * against a local stub).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli, scratchDir, STACK_TRACE } from './run-cli';
import { cloudUnderTest } from './cloud-under-test';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { publish } from '../../functions/src/publication/publish';
import { bulkPrefix, publicationFolder } from '../../functions/src/publication/bulk-files';
import { allPublishers, currentSets } from '../../functions/src/api/current-publications';
import { prunable, SETTLED_MS } from '../../functions/src/publication/prune-publications';
import type { Publication, Publisher, Store, Submission } from '../../functions/src/store/store';
import { BENCH_PUBLISHER, syntheticDocumentsFor, syntheticWorkbook, workbookOf } from '../../scripts/bench/synthetic-publisher';

const OTHER: Publisher = { ...BENCH_PUBLISHER, id: 'otro', name: 'Otro implementador', ocidPrefix: 'ocds-otr001', projectIdPrefix: 'oc4ids-otr001' };

/** Three revisions of the bench publisher (Aug, Sep, Oct 2025), a task that died in Aug, and one of another publisher. */
async function seed(store: Store): Promise<{ ids: string[]; other: string }> {
  await store.putPublisher(BENCH_PUBLISHER);
  await store.putPublisher(OTHER);
  const ids: string[] = [];
  for (const [rev, now] of ['2025-08-10T12:00:00.000Z', '2025-09-10T12:00:00.000Z', '2025-10-10T12:00:00.000Z'].entries()) {
    const result = await publish(store, { publisher: BENCH_PUBLISHER, workbook: syntheticWorkbook(3, rev), actor: 'test', now, baseUrl: 'http://127.0.0.1' });
    if (result.status !== 'published') throw new Error(`not published: ${result.status}`);
    ids.push(result.publication.id);
  }
  await store.createPublication({ id: 'bench-abandonada', publisherId: BENCH_PUBLISHER.id, contentHash: 'x', createdAt: '2025-08-20T12:00:00.000Z' });
  const other = await publish(store, { publisher: OTHER, workbook: workbookOf(syntheticDocumentsFor(OTHER, 2)), actor: 'test', now: '2025-08-15T12:00:00.000Z', baseUrl: 'http://127.0.0.1' });
  if (other.status !== 'published') throw new Error('not published');
  return { ids, other: other.publication.id };
}

const hash = (c: string): string => c.repeat(64);
const sent = (id: string, status: Submission['status'], updatedAt: string, contentHash: string): Submission => ({
  id, publisherId: 'bench', source: { kind: 'xlsx', fileId: id }, status, history: [{ at: updatedAt, by: 'u', action: status }], createdAt: updatedAt, updatedAt,
  snapshot: { contentHash, takenAt: updatedAt, sheets: 1, rows: 1, completeness: null },
});

/**
 * The submitted workbooks: of a send published in August (goes), of one published after the date, one under review,
 * one returned (all stay), one shared by a published send and one under review (stays), one no send refers to any
 * longer, kept in August (goes), and one kept an hour ago that a send may be about to refer to (stays).
 */
async function seedSnapshots(store: Store, now: Date): Promise<void> {
  const aug = '2025-08-11T12:00:00.000Z';
  for (const [c, keptAt] of [['1', aug], ['2', '2025-10-05T12:00:00.000Z'], ['3', aug], ['4', aug], ['5', aug], ['6', aug], ['7', new Date(now.getTime() - 3600_000).toISOString()]] as const) await store.putSnapshot(hash(c), `{"sheets":[],"n":${c}}`, keptAt);
  await store.createSubmission(sent('publicada', 'published', aug, hash('1')));
  await store.createSubmission(sent('publicada-despues', 'published', '2025-10-05T12:00:00.000Z', hash('2')));
  await store.createSubmission(sent('en-revision', 'submitted', aug, hash('3')));
  await store.createSubmission(sent('devuelta', 'returned', aug, hash('4')));
  await store.createSubmission(sent('publicada-igual', 'published', aug, hash('5')));
  await store.createSubmission(sent('en-revision-igual', 'submitted', aug, hash('5')));
}

describe('publications prune on the local store', () => {
  let dir: string;
  const saved = process.env.INFRA_SQLITE;
  beforeEach(() => { dir = scratchDir('prune-'); process.env.INFRA_SQLITE = path.join(dir, 'datos.sqlite'); });
  afterEach(() => { process.env.INFRA_SQLITE = saved; fs.rmSync(dir, { recursive: true, force: true }); });

  it('lists what it would remove, removes it only with --confirmar, and leaves what is served whole', async () => {
    let store = openSqliteStore(process.env.INFRA_SQLITE as string);
    const { ids, other } = await seed(store);
    const servedBefore = (await store.listReleases({ publicationId: ids[2], limit: 1000 })).items.map((r) => r.release);
    await store.close();
    // The first publication's bulk files, as the server leaves them in BULK_DIR (beside the database by default).
    const folder = path.join(dir, 'bulk', 'publicaciones', ids[0]);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'releases.json'), '{}');

    const dry = await runCli('publications', 'prune', '--antes-de', '2025-10-01');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Publicaciones anteriores al 01/10/2025 que ya no están vigentes (con ellas se borran sus archivos de descarga, carpeta ${path.join(dir, 'bulk')}):`);
    expect(dry.out).toContain('bench — Publicador de prueba de carga: 3 publicaciones del 10/08/2025 al 10/09/2025 (9 entregas, 6 registros, 4 proyectos; 1 sin terminar)');
    expect(dry.out).not.toContain('otro —');
    expect(dry.out).toMatch(/Nada se borró\. Para borrar estas 3 publicaciones, repita la orden con --confirmar/);

    const done = await runCli('publications', 'prune', '--antes-de', '01/10/2025', '--confirmar');
    expect(done.code).toBe(0);
    expect(done.out).toContain(`Se borraron 3 publicaciones de 1 publicador. Con ellas se borró 1 archivo de descarga (carpeta ${path.join(dir, 'bulk')}).`);
    expect(fs.existsSync(folder)).toBe(false);

    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    expect((await store.listPublications({ publisherId: 'bench' })).items.map((p) => p.id)).toEqual([ids[2]]);
    expect((await store.getCurrent('bench'))?.id).toBe(ids[2]);
    // Every revision's release is still published: the current publication carries them all.
    const served = (await store.listReleases({ publicationId: ids[2], limit: 1000 })).items.map((r) => r.release);
    expect(served).toEqual(servedBefore);
    expect(served).toHaveLength(9);
    expect((await store.getCurrent('otro'))?.id).toBe(other);
    await store.close();

    expect((await runCli('publications', 'prune', '--antes-de', '2025-10-01')).out).toMatch(/^No hay publicaciones anteriores al 01\/10\/2025 que se puedan borrar/);
  });

  it('removes the submitted workbooks no submission can still need, and says so in the dry run', async () => {
    const now = new Date();
    let store = openSqliteStore(process.env.INFRA_SQLITE as string);
    await seedSnapshots(store, now);
    await store.close();
    const dry = await runCli('publications', 'prune', '--antes-de', '2025-10-01');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Copias de libros enviados (la revisión que se guardó al enviar cada uno) que ya no se necesitan: 2 (1 de envíos publicados o retirados antes del 01/10/2025; 1 de versiones que un envío posterior reemplazó). Se conservan las de envíos en revisión, devueltos o con falla, y las guardadas en las últimas 24 horas.');
    expect(dry.out).toMatch(/Nada se borró\. Para borrar esas copias, repita la orden con --confirmar\. Respalde antes la base de datos con «infra-abierta backup -o respaldo\.sqlite»/);
    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    expect((await store.listSnapshots()).items).toHaveLength(7);
    await store.close();

    const done = await runCli('publications', 'prune', '--antes-de', '2025-10-01', '--confirmar');
    expect(done.out).toContain('Se borraron 2 copias de libros enviados.');
    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    expect((await store.listSnapshots()).items.map((x) => x.contentHash)).toEqual(['2', '3', '4', '5', '7'].map(hash));
    // What a pending review approves is still there, whole.
    expect(await store.getSnapshot(hash('3'))).toBe('{"sheets":[],"n":3}');
    await store.close();
    // One publisher's prune leaves the copies no send refers to (they belong to no publisher).
    expect((await runCli('publications', 'prune', '--antes-de', '2025-10-01', '--publicador', 'bench')).out).not.toContain('Copia');
  });

  // Each publication followed by a download of everyone's files left a whole copy of them in BULK_DIR/todos/; in the
  // cloud the bucket's lifecycle rule removes them (docs/deploy.md §3), self-hosted nothing did.
  it('removes the downloads of all publishers of earlier states from BULK_DIR, keeping the current and the recent ones', async () => {
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    await seed(store);
    const current = bulkPrefix(await currentSets(store, await allPublishers(store)), undefined);
    await store.close();
    const bulk = path.join(dir, 'bulk');
    const made = (relative: string, at: Date) => {
      const folder = path.join(bulk, ...relative.split('/').filter(Boolean));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'releases.json'), '{"releases":[]}');
      fs.utimesSync(folder, at, at);
      return folder;
    };
    const august = new Date('2025-08-20T12:00:00Z');
    const stale = [made(`todos/${'a'.repeat(32)}`, august), made(`publicador/bench/${'b'.repeat(32)}`, august)];
    const kept = [made(current, august), made(`todos/${'c'.repeat(32)}`, new Date('2025-10-05T12:00:00Z')), made(`todos/${'d'.repeat(32)}`, new Date())];

    const dry = await runCli('publications', 'prune', '--antes-de', '2025-10-01');
    expect(dry.out).toContain(`Archivos de descarga de todos los implementadores juntos, de estados anteriores al 01/10/2025 (cada publicación deja los suyos; los vigentes se conservan): 2 carpetas, 0.0 MB en ${bulk}.`);
    expect(dry.out).toMatch(/Nada se borró\. Para borrar estas 3 publicaciones y esos archivos de descarga, repita la orden con --confirmar/);
    expect([...stale, ...kept].every((f) => fs.existsSync(f))).toBe(true);

    const done = await runCli('publications', 'prune', '--antes-de', '2025-10-01', '--confirmar');
    expect(done.out).toContain('Se borraron 2 carpetas de archivos de descarga de todos los implementadores juntos.');
    expect(stale.map((f) => fs.existsSync(f))).toEqual([false, false]);
    expect(fs.existsSync(path.join(bulk, 'publicador', 'bench'))).toBe(false);
    expect(kept.map((f) => fs.existsSync(f))).toEqual([true, true, true]);
  });

  it('explains a missing, impossible or future date and an unknown publisher', async () => {
    // A misspelt publisher is answered with the registered ones.
    expect((await runCli('publishers', 'add', 'bench', '--nombre', 'Municipio de prueba', '--entidad', 'Jalisco', '--prefijo-ocid', 'ocds-bnch01', '--prefijo-proyectos', 'oc4ids-bnch01', '--proyectos', '1')).code).toBe(0);
    for (const [args, message] of [
      [[], /Indique con --antes-de AAAA-MM-DD/],
      [['--antes-de', '31/02/2025'], /«31\/02\/2025» no es una fecha/],
      [['--antes-de', '2999-01-01'], /es futura/],
      [['--antes-de', '2025-01-01', '--publicador', 'nadie'], /^No existe el publicador «nadie»\. Publicadores registrados: (.+, )?bench(, .+)?\.$/],
    ] as const) {
      const run = await runCli('publications', 'prune', ...args);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(message);
      expect(run.err).not.toMatch(STACK_TRACE);
    }
  });
});

describe('which publications may go', () => {
  const pub = (id: string, createdAt: string, status: Publication['status'] = 'complete'): Publication =>
    ({ id, publisherId: 'p', contentHash: id, createdAt, status, counts: { releases: 0, records: 0, projects: 0 } }) as Publication;
  const now = new Date('2025-06-10T12:00:00Z');
  const justNow = new Date(now.getTime() - SETTLED_MS / 2).toISOString();

  it('keeps the current one, anything newer, and what was superseded or started less than a day ago', () => {
    const a = pub('a', '2025-01-01T00:00:00Z');
    const b = pub('b', '2025-02-01T00:00:00Z');
    const dying = pub('w', justNow, 'writing');
    const c = pub('c', justNow);
    const writingLater = pub('later', '2025-06-10T11:59:00Z', 'writing');
    // b was superseded by c a few hours ago: an API instance may still serve it.
    expect(prunable([a, b, dying, c, writingLater], c, { before: '2025-12-31T00:00:00Z', now }).map((p) => p.id)).toEqual(['a']);
    expect(prunable([a, b, c], b, { before: '2025-12-31T00:00:00Z', now }).map((p) => p.id)).toEqual(['a']);
    expect(prunable([a, b, c], c, { before: '2025-01-15T00:00:00Z', now: new Date('2025-07-01T00:00:00Z') }).map((p) => p.id)).toEqual(['a']);
    expect(prunable([a], undefined, { before: '2025-12-31T00:00:00Z', now })).toEqual([]);
  });
});

describe('publications prune --nube', () => {
  const cloud = cloudUnderTest('prune_', 'prune-nube-');

  it('clears the deployment\'s Firestore the same way, and the removed publications\' files from its bucket', async () => {
    const { project, storage, dir } = cloud;
    const store = cloud.openStore();
    const prune = (...more: string[]) => runCli('publications', 'prune', '--nube', '--proyecto', project, '--antes-de', '2025-10-01', ...more);
    try {
      const { ids } = await seed(store);
      // Without the deployment's configuration it does not know the bucket: it says so and removes nothing.
      const lost = await prune('--entorno', path.join(dir, 'falta.env'), '--confirmar');
      expect(lost.code).toBe(2);
      expect(lost.err).toContain('Se necesita su BULK_BUCKET: los archivos de descarga de cada publicación que se borra se borran del depósito con ella.');
      expect(lost.err).toContain('No se borró nada.');
      expect((await store.listPublications({ publisherId: 'bench' })).items).toHaveLength(4);

      const env = cloud.writeEnvFile('https://datos.example.mx');
      // Files of a removed publication (two forms of them), and of the one kept.
      const file = (id: string, name: string) => `demo-bulk/${publicationFolder(id)}${name}`;
      for (const name of [file(ids[0], 'v5/releases.json'), file(ids[0], 'v6/datos.xlsx'), file(ids[2], 'v6/releases.json')]) storage.objects.set(name, { data: Buffer.from('{}'), metadata: { name: name.slice('demo-bulk/'.length), bucket: 'demo-bulk', size: '2' } });
      const dry = await prune('--entorno', env);
      expect(dry.out).toContain('que ya no están vigentes (con ellas se borran sus archivos de descarga, depósito gs://demo-bulk):');
      expect(storage.objects.size).toBe(3);

      const run = await prune('--entorno', env, '--confirmar');
      expect(run.err).toBe('');
      expect(run.out).toContain('Se borraron 3 publicaciones de 1 publicador. Con ellas se borraron 2 archivos de descarga (depósito gs://demo-bulk).');
      expect([...storage.objects.keys()]).toEqual([file(ids[2], 'v6/releases.json')]);
      expect((await store.listPublications({ publisherId: 'bench' })).items.map((p) => p.id)).toEqual([ids[2]]);
      expect((await store.listReleases({ publicationId: ids[0] })).items).toEqual([]);
      expect((await store.listReleases({ publicationId: ids[2], limit: 1000 })).items).toHaveLength(9);
      // The submitted workbooks no submission needs go from Firestore too.
      await seedSnapshots(store, new Date());
      const copies = await prune('--entorno', env, '--confirmar');
      expect(copies.out).toContain('Se borraron 2 copias de libros enviados.');
      expect(await store.getSnapshot(hash('1'))).toBeUndefined();
      expect(await store.getSnapshot(hash('6'))).toBeUndefined();
      expect(await store.getSnapshot(hash('3'))).toBe('{"sheets":[],"n":3}');
    } finally {
      await store.close();
    }
  }, 60000);
});
