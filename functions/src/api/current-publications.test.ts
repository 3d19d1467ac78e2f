/**
 * The published state readers share (current-publications.ts): after a first read of every publisher and
 * pointer, a refresh costs one read of the store's change log plus the publishers it names — what another process
 * changed shows up, in the same order and with the same version a full read gives — and everything is read again
 * when the log cannot tell (it overflowed) or now and then (a change that was never logged).
 * Real SQLite stores: a second connection to the same file plays the other process (another Cloud Function
 * instance, the CLI).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import { CHANGE_LOG_SIZE, type PublishedChanges, type Store } from '../store/store';
import { samplePublisher } from '../store/store-contract';
import { publishedState, setCurrentTtl } from './current-publications';

const dir = mkdtempSync(path.join(tmpdir(), 'current-publications-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
let file: string;
let reader: Store;
let other: Store;
/** The reader's store reads since the last reset, by method. */
let reads: string[] = [];
/** When set, the change log the reader sees (a log write that never happened). */
let frozenLog: PublishedChanges | undefined;
/** When set, the reader's store fails to read pointers. */
let unavailable = false;

function counted(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string' || !/^(get|list)/.test(prop)) return value;
      return (...args: unknown[]) => {
        reads.push(prop);
        if (prop === 'getPublishedChanges' && frozenLog) return Promise.resolve(frozenLog);
        if (prop === 'getCurrent' && unavailable) return Promise.reject(new Error('unavailable'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();

/** A complete publication made current: the publication flow's store calls, without its documents. */
async function publishEmpty(store: Store, publisherId: string, id: string, minute: number): Promise<void> {
  await store.createPublication({ id, publisherId, contentHash: `hash-${id}`, createdAt: at(minute) });
  await store.completePublication(id, { releases: 0, records: 0, projects: 0 });
  await store.setCurrent(publisherId, id);
}

const count = (method: string): number => reads.filter((r) => r === method).length;

/** The state as a reader that reads everything gives it (a fresh connection: nothing cached). */
async function fullRead() {
  const fresh = openSqliteStore(file);
  try {
    return await publishedState(fresh);
  } finally {
    await fresh.close();
  }
}

beforeEach(async () => {
  file = path.join(dir, `state-${n++}.db`);
  other = openSqliteStore(file);
  for (const id of ['p1', 'p3', 'p5']) await other.putPublisher(samplePublisher(id));
  await publishEmpty(other, 'p1', 'A', 1);
  await publishEmpty(other, 'p3', 'C', 2);
  reader = counted(openSqliteStore(file));
  setCurrentTtl(reader, 0);
  frozenLog = undefined;
  unavailable = false;
  await publishedState(reader);
  reads = [];
});
afterEach(async () => {
  await reader.close();
  await other.close();
});

test('a refresh with nothing changed reads the change log only', async () => {
  const before = await publishedState(reader);
  expect(reads).toEqual(['getPublishedChanges']);
  const again = await publishedState(reader);
  expect(again.version).toBe(before.version);
  expect(again.sets.map((s) => s.publication.id)).toEqual(['A', 'C']);
});

test('what another process publishes or registers is read alone, and reads as a full read does', async () => {
  const before = await publishedState(reader);
  reads = [];
  await publishEmpty(other, 'p5', 'E', 3);
  await publishEmpty(other, 'p1', 'B', 4);
  await other.putPublisher(samplePublisher('p0', 'Sonora'));
  await other.putPublisher({ ...samplePublisher('p3'), name: 'Renombrado' });
  const after = await publishedState(reader);
  expect(count('listPublishers')).toBe(0);
  expect(count('getPublishedChanges')).toBe(1);
  // Each changed publisher once (p1 and p3 are named twice in the log), its settings and its pointer.
  expect(count('getPublisher')).toBe(4);
  expect(count('getCurrent')).toBe(4);
  expect(after.version).not.toBe(before.version);
  expect(after.publishers.map((p) => p.id)).toEqual(['p0', 'p1', 'p3', 'p5']);
  expect(after.sets.map((s) => `${s.publisher.id}=${s.publication.id}`)).toEqual(['p1=B', 'p3=C', 'p5=E']);
  expect(after.publishers[2].name).toBe('Renombrado');
  expect(after).toEqual(await fullRead());
});

test('a log that no longer reaches back to the copy is answered by reading everything', async () => {
  for (let i = 0; i <= CHANGE_LOG_SIZE; i++) await other.setCurrent('p3', 'C');
  await publishEmpty(other, 'p5', 'E', 3);
  const after = await publishedState(reader);
  expect(count('listPublishers')).toBe(1);
  expect(after.sets.map((s) => s.publication.id)).toEqual(['A', 'C', 'E']);
});

test('a change that was never logged is seen at the next full read', async () => {
  setCurrentTtl(reader, 0, 200);
  frozenLog = await other.getPublishedChanges();
  await publishEmpty(other, 'p5', 'E', 3);
  expect((await publishedState(reader)).sets.map((s) => s.publication.id)).toEqual(['A', 'C']);
  expect(count('listPublishers')).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect((await publishedState(reader)).sets.map((s) => s.publication.id)).toEqual(['A', 'C', 'E']);
  expect(count('listPublishers')).toBe(1);
});

test('a failed refresh is tried again from the last good copy', async () => {
  await publishEmpty(other, 'p5', 'E', 3);
  unavailable = true;
  await expect(publishedState(reader)).rejects.toThrow('unavailable');
  unavailable = false;
  reads = [];
  expect((await publishedState(reader)).sets.map((s) => s.publication.id)).toEqual(['A', 'C', 'E']);
  expect(count('listPublishers')).toBe(0);
});

test('the public list of publishers shows another process’s publication after the interval', async () => {
  const app = createApp({ store: reader, config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1 << 20, currentTtlMs: 100 }, log: () => undefined });
  const list = async () => ((await request(app).get('/api/publishers').expect(200)).body as { publishers: { id: string; currentPublication: { id: string } | null }[] }).publishers;
  expect((await list()).map((p) => p.currentPublication?.id ?? null)).toEqual(['A', 'C', null]);
  await publishEmpty(other, 'p5', 'E', 3);
  await new Promise((resolve) => setTimeout(resolve, 150));
  reads = [];
  expect((await list()).map((p) => p.currentPublication?.id ?? null)).toEqual(['A', 'C', 'E']);
  expect(count('listPublishers')).toBe(0);
});
