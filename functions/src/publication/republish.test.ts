/**
 * After a move to another address, an implementer's current publication is published again unchanged under the new
 * one (republish.ts), on SQLite (on Firestore: test/cli/publications-republish.test.ts): the same releases (ids, dates, bytes), the same data date, every link
 * under the new address and nothing else different; the replaced one kept; a second run and the same workbook sent
 * again publish nothing. After an upgrade that only changes the dashboard's stats, the records are carried as stored.
 */
import { exampleWorkbook, publisherOf, setCell } from '../../../test/example-workbooks';
import { allReleases } from '../../../test/real-stores';
import { readAll } from '../store/read-all';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { publish } from './publish';
import { prunable } from './prune-publications';
import { republish, republishReasons } from './republish';

const OLD = 'http://192.168.1.20:8080';
const NEW = 'https://transparencia.example.gob.mx';

/** Every record and project of a publication, as stored text. */
async function documents(store: Store, publicationId: string): Promise<string[]> {
  const records = await readAll((after) => store.listDocumentTexts('records', { publicationId, after, limit: 1000 }));
  const projects = await readAll((after) => store.listProjects({ publicationId, after, limit: 1000 }));
  return [...records.map((r) => r.text), ...projects.map((p) => JSON.stringify(p.project))];
}

describe('republish', () => {
  let store: Store;
  beforeEach(() => { store = openSqliteStore(':memory:'); });
  afterEach(async () => { await store.close(); });

  it('publishes the current publication again under the new address: same releases and data date, only the links change', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    await publish(store, { publisher, workbook, actor: 'system', now: '2026-10-01T12:00:00.000Z', baseUrl: OLD });
    setCell(workbook, 'Contrataciones', 0, 'tender/title', 'Título corregido');
    await publish(store, { publisher, workbook, actor: 'system', now: '2026-11-02T12:00:00.000Z', baseUrl: OLD });
    const before = (await store.getCurrent('merida'))!;
    expect(await republishReasons(store, before, OLD)).toEqual([]);
    const reasons = await republishReasons(store, before, NEW);
    expect(reasons).toEqual(['address']);

    const result = await republish(store, { publisher, current: before, reasons, baseUrl: NEW, actor: 'cli', at: '2026-12-06T09:00:00.000Z' });
    if (result.status !== 'republished') throw new Error(result.status);
    const after = (await store.getCurrent('merida'))!;
    expect(after).toMatchObject({ id: result.publication.id, createdAt: before.createdAt, contentHash: before.contentHash, counts: before.counts, republishedFrom: before.id, republishedAt: '2026-12-06T09:00:00.000Z' });
    expect(after.id).not.toBe(before.id);
    // No new release: each one as it was, byte for byte.
    const releasesOf = async (id: string) => (await allReleases(store, id)).map((r) => [r.ocid, r.id, r.date, JSON.stringify(r.release)]);
    expect(await releasesOf(after.id)).toEqual(await releasesOf(before.id));
    // Records and projects: what they said, with every link under the new address.
    const old = await documents(store, before.id);
    expect(old.join('').includes(OLD)).toBe(true);
    expect(await documents(store, after.id)).toEqual(old.map((text) => text.split(OLD).join(NEW)));
    expect((await store.getStats('merida'))?.publicationId).toBe(after.id);
    const entry = (await store.listAudit({ publisherId: 'merida' })).items.find((e) => e.action === 'publication.republished');
    expect(entry).toMatchObject({ at: '2026-12-06T09:00:00.000Z', actor: 'cli', target: `publication/${after.id}`, details: { republishedFrom: before.id, reasons: ['address'], linksBefore: OLD, linksNow: NEW, changedProcesses: 0 } });

    // Again: nothing to do. The same workbook sent again under the new address: unchanged.
    expect(await republishReasons(store, after, NEW)).toEqual([]);
    expect((await publish(store, { publisher, workbook, actor: 'system', now: '2026-12-07T12:00:00.000Z', baseUrl: NEW })).status).toBe('unchanged');
    // The one republished is pruned a day after the republication, not a day after its own date (the first, replaced
    // by it in November, at once).
    const all = await readAll((next) => store.listPublications({ publisherId: 'merida', after: next, limit: 100 }));
    const pruned = (now: string) => prunable(all, after, { before: '2027-01-01T00:00:00.000Z', now: new Date(now) }).map((p) => p.id);
    expect(pruned('2026-12-06T20:00:00.000Z')).not.toContain(before.id);
    expect(pruned('2026-12-07T10:00:00.000Z')).toContain(before.id);
    expect(pruned('2026-12-07T10:00:00.000Z')).not.toContain(after.id);
  });

  it('after an upgrade that only changes the dashboard\'s index: published again with its records carried as stored', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    await publish(store, { publisher, workbook, actor: 'system', now: '2026-10-01T12:00:00.000Z', baseUrl: NEW });
    const before = (await store.getCurrent('merida'))!;
    const stats = (await store.getStats('merida'))!;
    // As an earlier version stored them.
    await store.putStats({ ...stats, data: { ...stats.data, indexVersion: 2 } });
    const reasons = await republishReasons(store, before, NEW);
    expect(reasons).toEqual(['index']);
    // While a send of the implementer is approved and being published: nothing written (its switch would fail).
    const at = '2026-12-06T08:00:00.000Z';
    await store.createSubmission({ id: 's1', publisherId: 'merida', source: { kind: 'values', spreadsheetId: 'hoja' }, status: 'approved', history: [{ at, by: 'coordinacion', action: 'approved' }], createdAt: at, updatedAt: at });
    expect(await republish(store, { publisher, current: before, reasons, baseUrl: NEW, actor: 'cli', at })).toEqual({ status: 'publishing', submissionId: 's1' });
    expect((await store.getCurrent('merida'))?.id).toBe(before.id);
    await store.transitionSubmission('s1', ['approved'], 'failed', { at, by: 'system', action: 'failed' });
    expect(await republish(store, { publisher, current: before, reasons, baseUrl: NEW, actor: 'cli', at: '2026-12-06T09:00:00.000Z' })).toMatchObject({ status: 'republished' });
    const after = (await store.getCurrent('merida'))!;
    expect(await documents(store, after.id)).toEqual(await documents(store, before.id));
    const entry = (await store.listAudit({ publisherId: 'merida' })).items.find((e) => e.action === 'publication.republished');
    expect(entry?.details).toMatchObject({ rebuiltRecords: 0, reasons: ['index'] });
    expect(await republishReasons(store, after, NEW)).toEqual([]);
  });
});
