import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteBackend, openSqliteStore } from './sqlite-store';
import { createStore } from './document-store';
import Database from 'better-sqlite3';
import { type OlderStoreRows, runMarkedFieldsContract, runOlderRowsContract, runSnapshotListingContract, runStoreContract, samplePublisher, snapshotRowsWithoutHead } from './store-contract';
import olderRows from '../../../test/fixtures/older-store/rows-671b7ea.json';
import newerRows from '../../../test/fixtures/older-store/rows-3b933f00.json';
import { CHANGE_LOG_SIZE } from './store';
import { docId, sortKey, toDocumentRow } from './collections';

const dir = mkdtempSync(path.join(tmpdir(), 'store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const files = new WeakMap<object, string>();

runStoreContract(
  'sqlite',
  async () => {
    const file = path.join(dir, `store-${n++}.db`);
    const store = openSqliteStore(file);
    files.set(store, file);
    return store;
  },
  // A second connection to the same file: the compare-and-set must hold across connections too.
  { openPeer: async (store) => openSqliteStore(files.get(store)!) },
);

// The log's bound is document-store.ts's rule, the same over both backends: checked here, where 500 writes take a
// second (on the Firestore emulator they took 12 s of the suite). The contract checks what each backend logs.
test('change log: only the last CHANGE_LOG_SIZE changes are kept, oldest first', async () => {
  const store = openSqliteStore(path.join(dir, 'change-log.db'));
  await store.putPublisher(samplePublisher('p1'));
  for (let i = 0; i < CHANGE_LOG_SIZE + 2; i++) await store.putPublisher(samplePublisher(i % 2 ? 'p1' : 'p2'));
  const log = await store.getPublishedChanges();
  expect(log.seq).toBe(CHANGE_LOG_SIZE + 3);
  expect(log.recent).toHaveLength(CHANGE_LOG_SIZE);
  expect(log.recent[0].seq).toBe(4);
  expect(log.recent[CHANGE_LOG_SIZE - 1]).toEqual({ seq: CHANGE_LOG_SIZE + 3, publisherId: 'p1' });
  await store.close();
});

runSnapshotListingContract('sqlite', async () => openSqliteBackend(path.join(dir, `backend-${n++}.db`)));
runMarkedFieldsContract('sqlite', async () => openSqliteBackend(path.join(dir, `backend-${n++}.db`)));

test('a file written before snapshots had `head` gets the column on open, and its snapshots are listed and pruned', async () => {
  const file = path.join(dir, 'before-head.db');
  const old = new Database(file);
  old.exec('CREATE TABLE "snapshots" (id TEXT PRIMARY KEY, sk TEXT NOT NULL, "contentHash" TEXT, body TEXT NOT NULL)');
  const [a, b] = ['a', 'b'].map((x) => x.repeat(64));
  const insert = old.prepare('INSERT INTO "snapshots" (id, sk, "contentHash", body) VALUES (?, ?, ?, ?)');
  for (const row of [...snapshotRowsWithoutHead(a, 'x'.repeat(400_000), '2024-01-01T00:00:00.000Z'), ...snapshotRowsWithoutHead(b, 'b', '2024-01-02T00:00:00.000Z')]) insert.run(row.id, row.sk, row.fields.contentHash, row.body);
  old.close();
  const store = openSqliteStore(file);
  expect((await store.listSnapshots()).items).toEqual([{ contentHash: a, keptAt: '2024-01-01T00:00:00.000Z' }, { contentHash: b, keptAt: '2024-01-02T00:00:00.000Z' }]);
  expect(await store.deleteSnapshot(a, '2024-01-03T00:00:00.000Z')).toBe(true);
  expect((await store.listSnapshots()).items.map((s) => s.contentHash)).toEqual([b]);
  await store.close();
});

test('the schema is created on open and data survives reopening', async () => {
  const file = path.join(dir, 'reopen.db');
  const first = openSqliteStore(file);
  await first.putPublisher({ id: 'p1', name: 'Uno', state: 'Jalisco', ocidPrefix: 'ocds-a', projectIdPrefix: 'oc4ids-a', commitment: { projects: 1, periodicityDays: 30 } });
  await first.close();
  const second = openSqliteStore(file);
  expect((await second.getPublisher('p1'))?.name).toBe('Uno');
  await second.close();
});

test(':memory: works as the in-memory store', async () => {
  const store = openSqliteStore(':memory:');
  await store.appendAudit({ at: '2024-01-01T00:00:00.000Z', actor: 'system', action: 'boot', target: 'server', details: {} });
  expect((await store.listAudit()).items).toHaveLength(1);
  await store.close();
});

test('a change log that cannot be written does not fail the change it logs', async () => {
  const backend = openSqliteBackend(':memory:');
  const store = createStore(new Proxy(backend, {
    get: (target, prop, receiver) => (prop === 'modify'
      ? (collection: string, ...rest: unknown[]) => (collection === 'changes' ? Promise.reject(new Error('contention')) : (target.modify as (...a: unknown[]) => Promise<void>).call(target, collection, ...rest))
      : Reflect.get(target, prop, receiver) as unknown),
  }));
  await store.putPublisher(samplePublisher('p1'));
  await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'h', createdAt: '2024-01-01T00:00:00.000Z' });
  await store.completePublication('A', { releases: 0, records: 0, projects: 0 });
  await store.setCurrent('p1', 'A', null);
  expect((await store.getCurrent('p1'))?.id).toBe('A');
  expect(await store.getPublishedChanges()).toEqual({ seq: 0, recent: [] });
  await store.close();
});

test('a pointer moved while the marking reads its publication gets the total of the publication it points at then', async () => {
  const backend = openSqliteBackend(':memory:');
  const early = createStore(backend);
  for (const [id, releases] of [['A1', 10], ['A2', 3]] as const) {
    await early.createPublication({ id, publisherId: 'a', contentHash: `h-${id}`, createdAt: '2024-01-01T00:00:00.000Z' });
    await early.completePublication(id, { releases, records: 0, projects: 0 });
  }
  // Switched by an earlier version (no `documents`), and again by one while this store reads A1 to mark it.
  const oldPointer = (publicationId: string) => backend.putMany('current', [{ id: docId('a'), sk: sortKey('a'), fields: { publisherId: 'a' }, body: JSON.stringify({ publisherId: 'a', publicationId }) }]);
  await oldPointer('A1');
  let moved = false;
  const store = createStore(new Proxy(backend, {
    get: (target, prop, receiver) => (prop === 'get'
      ? async (collection: string, id: string) => {
        const body = await target.get(collection as 'publications', id);
        if (collection === 'publications' && !moved) { moved = true; await oldPointer('A2'); }
        return body;
      }
      : Reflect.get(target, prop, receiver) as unknown),
  }));
  expect(await store.publishedDocuments()).toBe(3);
  expect((await store.getCurrent('a'))?.id).toBe('A2');
  await store.close();
});

// An installation upgraded from release 671b7ea: its SQLite file, with that release's tables and rows (the fixture is
// its dump: test/fixtures/older-store/write-older-store.ts), opened by this version.
for (const rows of [olderRows, newerRows] as OlderStoreRows[]) runOlderRowsContract('sqlite', rows, async (older) => {
  const file = path.join(dir, `older-${older.writtenBy}.db`);
  const db = new Database(file);
  for (const [table, { columns, rows }] of Object.entries(older.tables)) {
    db.exec(`CREATE TABLE "${table}" (${columns.map((c) => `"${c}" ${c === 'id' ? 'TEXT PRIMARY KEY' : c === 'sk' || c === 'body' ? 'TEXT NOT NULL' : 'TEXT'}`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO "${table}" VALUES (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) insert.run(row);
  }
  db.close();
  return openSqliteStore(file);
});

// A published document's row is written from its parts (Row.parts), joined by SQLite: its body is never built in
// JavaScript (building it copied every release and record once more), and the stored text is the same.
test('a document row is written from its parts, never from a body built in JavaScript; a document given as bytes is never decoded', async () => {
  const backend = openSqliteBackend(':memory:');
  const row = toDocumentRow('releases', docId('pub', 'o', 'r'), sortKey('o', '2025-01-01', 'r'), { ocid: 'o', id: 'r', date: '2025-01-01', publicationId: 'pub', publisherId: 'x' }, 'release', '{"título":"Puente ñandú"}');
  const joined = row.body;
  Object.defineProperty(row, 'body', { get: () => { throw new Error('body read'); } });
  await backend.putMany('releases', [row]);
  expect(await backend.get('releases', docId('pub', 'o', 'r'))).toBe(joined);
  expect(joined).toBe('{"ocid":"o","id":"r","date":"2025-01-01","publicationId":"pub","publisherId":"x","release":{"título":"Puente ñandú"}}');
  // A release carried over as the UTF-8 bytes read (publish.ts): written as they are, the same text, never decoded.
  const bytes = Buffer.from('{"título":"Puente ñandú"}', 'utf8');
  const decoded = jest.spyOn(bytes, 'toString');
  const carried = toDocumentRow('releases', docId('pub2', 'o', 'r'), sortKey('o', '2025-01-01', 'r'), { ocid: 'o', id: 'r', date: '2025-01-01', publicationId: 'pub', publisherId: 'x' }, 'release', bytes);
  expect(carried.bytes).toBe(Buffer.byteLength(joined));
  await backend.putMany('releases', [carried]);
  expect(await backend.get('releases', docId('pub2', 'o', 'r'))).toBe(joined);
  expect(decoded).not.toHaveBeenCalled();
  // Firestore reads the body: joined then.
  expect(carried.body).toBe(joined);
  await backend.close();
});
