/**
 * A state body that ran its own server (SQLite) joins the state's Firebase deployment, and later leaves it
 * (`infra-abierta transfer --a-la-nube`, `--de-la-nube`; docs/operations.md, «Cambiar de servidor propio a la nube y al
 * revés»): every row arrives as written — accounts, implementers, publications current and replaced, releases,
 * records, projects, the audit log — so the public API answers the same bytes on the other side. Firestore is the
 * emulator; SQLite files are real.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { deleteApp, getApps } from 'firebase-admin/app';
import { type FirestoreEmulator, startFirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { runCli, scratchDir } from './run-cli';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';
import { publish } from '../../functions/src/publication/publish';
import { createApp } from '../../functions/src/app';
import { openSqliteBackend, openSqliteStore } from '../../functions/src/store/sqlite-store';
import { openFirestoreBackend, openFirestoreStore } from '../../functions/src/store/firestore-store';
import { COLLECTIONS, type CollectionName } from '../../functions/src/store/collections';
import type { DocumentBackend } from '../../functions/src/store/document-backend';
import { createStore } from '../../functions/src/store/document-store';
import type { Store } from '../../functions/src/store/store';
import { holdServerLock } from '../../functions/src/server/server-lock';
import { TRANSFER_ORDER, transferCommand } from '../../functions/src/cli/transfer-command';
import { parseArgs } from '../../functions/src/cli/args';
import { TEST_CLIENT_ID } from '../workflow/test-identity';

const BASE = 'https://transparencia.example.gob.mx';
const NAMESPACE = 'mudanza_';
let emulator: FirestoreEmulator;
let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  emulator = await startFirestoreEmulator();
  dir = scratchDir('transfer-');
});
afterAll(async () => {
  process.env = saved;
  await emulator.stop();
  await Promise.all(getApps().map((a) => deleteApp(a)));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of every collection, as the backend keeps it (in pages of 8: paging by id is exercised on both). */
async function rows(backend: DocumentBackend): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const c of Object.keys(COLLECTIONS) as CollectionName[]) {
    out[c] = [];
    let cursor: string | undefined;
    do {
      const page = await backend.scan(c, cursor, 8);
      out[c].push(...page.rows);
      cursor = page.cursor;
    } while (cursor !== undefined);
    // Each backend pages in its own order.
    out[c].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
  }
  return out;
}

/** What the public reads, byte for byte. */
async function publicBytes(store: Store): Promise<string[]> {
  const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
  const urls = ['/api/publishers', '/api/ocds/releases?publisher=merida&limit=1000', '/api/ocds/records?publisher=merida&limit=1000', '/api/oc4ids/projects?publisher=merida&limit=1000', '/api/stats'];
  const out: string[] = [];
  for (const url of urls) {
    const res = await request(app).get(url);
    expect([url, res.status]).toEqual([url, 200]);
    out.push(res.text);
  }
  return out;
}

const envFile = (name: string, vars: Record<string, string>): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  return file;
};

test('every collection is transferred (none left out of the copy order)', () => {
  expect([...TRANSFER_ORDER].sort()).toEqual(Object.keys(COLLECTIONS).sort());
});

test('a self-hosted server moves to the cloud and back: everything arrives, the API answers the same bytes', async () => {
  const project = process.env.GCLOUD_PROJECT as string;
  const local = path.join(dir, 'servidor', 'infra-abierta.sqlite');
  Object.assign(process.env, { INFRA_SQLITE: local, PUBLIC_BASE_URL: BASE, FIRESTORE_NAMESPACE: NAMESPACE });
  delete process.env.BULK_DIR;
  // A year of the server: an implementer, its accounts, two publications (the first replaced).
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  fs.mkdirSync(path.dirname(local), { recursive: true });
  const store = openSqliteStore(local);
  await store.putPublisher(publisher);
  const first = await publish(store, { publisher, workbook, actor: 'cli', now: '2026-10-01T12:00:00.000Z', baseUrl: BASE, revision: 'primera.xlsx' });
  setCell(workbook, 'Contrataciones', 0, 'tender/title', 'Título corregido');
  const second = await publish(store, { publisher, workbook, actor: 'cli', now: '2026-11-02T12:00:00.000Z', baseUrl: BASE, revision: 'segunda.xlsx' });
  expect([first.status, second.status]).toEqual(['published', 'published']);
  await store.close();
  expect((await runCli('users', 'add', '--email', 'coordinacion@estado.gob.mx', '--rol', 'coordinador', '--entidad', 'Yucatán')).code).toBe(0);
  expect((await runCli('users', 'add', '--email', 'obras@merida.gob.mx', '--rol', 'capturista', '--publicador', 'merida')).code).toBe(0);
  const sqlite = openSqliteBackend(local);
  // Read first: the API and the sum complete what an older store lacked (markers in `changes`), then the rows.
  const bytes = await publicBytes(createStore(sqlite));
  const documents = await createStore(sqlite).publishedDocuments();
  expect(documents).toBeGreaterThan(0);
  const before = await rows(sqlite);
  await sqlite.close();
  expect(before.publications).toHaveLength(2);

  // The deployment publishes under another address: refused, nothing written, the way to keep it said.
  const elsewhere = await runCli('transfer', '--a-la-nube', '--proyecto', project, '--entorno', envFile('otra', { PUBLIC_BASE_URL: 'https://proyecto.web.app', GOOGLE_CLIENT_ID: TEST_CLIENT_ID, BULK_BUCKET: 'demo-bulk', FIRESTORE_NAMESPACE: NAMESPACE }));
  expect([elsewhere.code, elsewhere.err]).toEqual([1, expect.stringContaining(`No se copió nada: lo publicado en la base local «${local}» (INFRA_SQLITE) enlaza sus entregas bajo ${BASE}, y el despliegue publica bajo https://proyecto.web.app`)]);
  expect(elsewhere.err).toContain('dominio propio de Firebase Hosting');
  const firestore = openFirestoreBackend({ projectId: project, namespace: NAMESPACE });
  expect(await firestore.count('publishers', {})).toBe(0);

  // A server still serving the file: refused, with the backup as the way round.
  const lock = holdServerLock(local);
  const deployment = envFile('despliegue', { PUBLIC_BASE_URL: `${BASE}/`, GOOGLE_CLIENT_ID: TEST_CLIENT_ID, BULK_BUCKET: 'demo-bulk', FIRESTORE_NAMESPACE: NAMESPACE });
  const serving = await runCli('transfer', '--a-la-nube', '--proyecto', project, '--entorno', deployment);
  lock.release();
  expect([serving.code, serving.err]).toEqual([2, expect.stringMatching(/^No se copió nada: hay un servidor atendiendo .*infra-abierta backup -o respaldo\.sqlite/)]);

  const moved = await runCli('transfer', '--a-la-nube', '--proyecto', project, '--entorno', deployment);
  expect([moved.code, moved.err]).toEqual([0, expect.stringContaining(`Base copiada de la base local «${local}» (INFRA_SQLITE) a Firestore del proyecto ${project} (colecciones «${NAMESPACE}…»): 1 implementador, 2 cuentas, 0 envíos, 2 publicaciones`)]);
  expect(moved.err).toContain('publications rebuild-bulk --nube');
  expect(await rows(firestore)).toEqual(before);
  const cloud = openFirestoreStore({ projectId: project, namespace: NAMESPACE });
  expect(await publicBytes(cloud)).toEqual(bytes);
  // Summed by Firestore, which adds numbers only (SQLite keeps its columns as text).
  expect(await cloud.publishedDocuments()).toBe(documents);

  // Into a deployment that already holds data: refused.
  const again = await runCli('transfer', '--a-la-nube', '--proyecto', project, '--entorno', deployment);
  expect([again.code, again.err]).toEqual([1, expect.stringMatching(/^No se copió nada: Firestore del proyecto .* ya tiene datos \(1 implementador, 2 cuentas, 2 publicaciones, \d+ entregas/)]);

  // Leaving the cloud: into a new file, the same rows again.
  process.env.INFRA_SQLITE = path.join(dir, 'nuevo', 'infra-abierta.sqlite');
  const back = await runCli('transfer', '--de-la-nube', '--proyecto', project);
  expect([back.code, back.err]).toEqual([0, expect.stringContaining('Siguientes pasos: «infra-abierta publications rebuild-bulk»')]);
  const returned = openSqliteBackend(process.env.INFRA_SQLITE);
  expect(await rows(returned)).toEqual(before);
  await returned.close();
  await firestore.close();
});

it('a server published under http is told its address must change in the cloud, not to keep it as a Hosting domain', async () => {
  const source = openSqliteBackend(':memory:');
  const target = openSqliteBackend(':memory:');
  try {
    const store = createStore(source);
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    await publish(store, { publisher, workbook, actor: 'cli', now: '2026-10-01T12:00:00.000Z', baseUrl: 'http://192.168.1.20:8080' });
    const said: string[] = [];
    const code = await transferCommand(parseArgs(['transfer', '--a-la-nube']), {
      source, target, from: 'la base local', to: 'Firestore', toCloud: true, baseUrl: 'https://proyecto.web.app', baseUrlSource: 'functions/.env.demo',
    }, { out: (l) => said.push(l), err: (l) => said.push(l) });
    expect(code).toBe(1);
    expect(said.join('\n')).toContain('Esa dirección es http, y Firebase Hosting solo sirve https: en la nube la dirección cambia. Repita con --aceptar-direccion-nueva: después, «infra-abierta publications republish --nube --confirmar» publica de nuevo lo vigente, sin cambiar sus datos, con sus enlaces bajo https://proyecto.web.app. Los registros que alguien ya descargó enlazan bajo http://192.168.1.20:8080');
    expect(said.join('\n')).not.toContain('dominio propio');
  } finally {
    await source.close();
    await target.close();
  }
});
