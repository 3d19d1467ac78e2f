/**
 * The one behaviour both adapters must show (DESIGN §7). Each adapter's test file calls
 * `runStoreContract(name, makeStore)`; `makeStore` returns a fresh, empty store for every test.
 */
import { createHash } from 'node:crypto';
import { failingStore, InjectedFailure } from './failing-store';
import { docId, sortKey } from './collections';
import type { DocumentBackend, Row } from './document-backend';
import { createStore } from './document-store';
import { verifyChain } from '../audit/audit-chain';
import {
  isStoreError,
  type Page,
  type Publisher,
  type ReleaseInput,
  type Store,
  type StoreErrorKind,
  type Submission,
} from './store';

export interface ContractOptions {
  /**
   * Opens a second connection to the same database as the given store, for the concurrency cases.
   * Omitted for Firestore: the emulator does not isolate transactions (DESIGN §7).
   */
  openPeer?: (store: Store) => Promise<Store>;
}

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();

export const samplePublisher = (id: string, state = 'Jalisco'): Publisher => ({
  id,
  name: `Implementador ${id}`,
  state,
  ocidPrefix: 'ocds-abc123',
  projectIdPrefix: 'oc4ids-abc123',
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: 'https://example.org/politica',
  uri: `https://example.org/${id}`,
  commitment: { projects: 10, periodicityDays: 90 },
});

const sampleSubmission = (id: string, publisherId: string, minute: number): Submission => ({
  id,
  publisherId,
  source: { kind: 'sheets', spreadsheetId: `sheet-${id}` },
  status: 'draft',
  history: [{ at: at(minute), by: 'u1', action: 'create' }],
  createdAt: at(minute),
  updatedAt: at(minute),
});

const sampleRelease = (ocid: string, n: number, tag: string): ReleaseInput => ({
  ocid,
  id: `${ocid}-${n}`,
  date: at(n),
  release: { ocid, id: `${ocid}-${n}`, date: at(n), tag: ['tender'], description: tag },
});

/** Deterministic shuffle, so insertion order never happens to equal sort order. */
function shuffled<T>(items: T[]): T[] {
  return items.map((item, i) => ({ item, k: (i * 7919) % 101 })).sort((a, b) => a.k - b.k).map((x) => x.item);
}

async function pages<T>(fetch: (after?: string) => Promise<Page<T>>): Promise<T[][]> {
  const all: T[][] = [];
  let after: string | undefined;
  do {
    const page = await fetch(after);
    all.push(page.items);
    after = page.next;
  } while (after !== undefined && all.length < 100);
  return all;
}

async function failure(promise: Promise<unknown>): Promise<StoreErrorKind | 'none' | 'other'> {
  try {
    await promise;
    return 'none';
  } catch (e) {
    return isStoreError(e) ? e.kind : 'other';
  }
}

/** The publication flow the publisher will run (DESIGN §6): write under a new id, seal, then switch `current`. */
async function publish(store: Store, publisherId: string, id: string, tag: string, processes: number, expectedPrevious?: string | null) {
  await store.createPublication({ id, publisherId, contentHash: `hash-${id}`, createdAt: at(1000) });
  const ocids = Array.from({ length: processes }, (_, i) => `ocds-abc123-${publisherId}-${String(i).padStart(3, '0')}`);
  await store.putReleases(id, ocids.map((ocid) => sampleRelease(ocid, 1, tag)));
  await store.putRecords(id, ocids.map((ocid) => ({ ocid, record: { ocid, releases: [], compiledRelease: { ocid, description: tag } } })));
  await store.putProjects(id, [{ id: `oc4ids-abc123-${publisherId}`, project: { id: `oc4ids-abc123-${publisherId}`, title: tag } }]);
  await store.completePublication(id, { releases: processes, records: processes, projects: 1 });
  await store.setCurrent(publisherId, id, expectedPrevious);
}
/** Document writes `publish` makes: create, releases, records, one project, complete, setCurrent. */
const publishWrites = (processes: number) => 2 * processes + 4;

export function runStoreContract(name: string, makeStore: () => Promise<Store>, options: ContractOptions = {}): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    test('publishers: create, read, replace, list', async () => {
      expect(await store.getPublisher('p1')).toBeUndefined();
      await store.putPublisher(samplePublisher('p1'));
      await store.putPublisher(samplePublisher('p2', 'Sonora'));
      expect(await store.getPublisher('p1')).toEqual(samplePublisher('p1'));
      await store.putPublisher({ ...samplePublisher('p1'), name: 'Renombrado' });
      expect((await store.getPublisher('p1'))?.name).toBe('Renombrado');
      expect((await store.listPublishers()).items.map((p) => p.id)).toEqual(['p1', 'p2']);
    });

    test('publishers: an update changes the publisher as stored at the write, keeps its id, is logged; unknown is not-found', async () => {
      await store.putPublisher({ ...samplePublisher('p1'), stages: { 'E.1': '2024-01-10' }, registeredAt: at(0) });
      const seq = (await store.getPublishedChanges()).seq;
      const written = await store.updatePublisher('p1', (p) => ({ ...p, confirmedAt: at(60) }));
      // Only what the change changes: the stages and registration recorded by others stay.
      expect(written).toEqual({ ...samplePublisher('p1'), stages: { 'E.1': '2024-01-10' }, registeredAt: at(0), confirmedAt: at(60) });
      expect(await store.getPublisher('p1')).toEqual(written);
      expect((await store.listPublishers()).items[0].confirmedAt).toBe(at(60));
      await store.updatePublisher('p1', (p) => ({ ...p, stages: { ...p.stages, 'E.2': '2024-02-01' } }));
      expect(await store.getPublisher('p1')).toMatchObject({ stages: { 'E.1': '2024-01-10', 'E.2': '2024-02-01' }, confirmedAt: at(60) });
      expect((await store.updatePublisher('p1', (p) => ({ ...p, id: 'otro' }))).id).toBe('p1');
      // Public readers learn of it as of any change to the publisher (api/current-publications.ts).
      const log = await store.getPublishedChanges();
      expect(log.seq).toBe(seq + 3);
      expect(log.recent.slice(-3).map((c) => c.publisherId)).toEqual(['p1', 'p1', 'p1']);
      expect(await failure(store.updatePublisher('nadie', (p) => p))).toBe('not-found');
      expect(await store.getPublisher('nadie')).toBeUndefined();
    });

    test('publishers: a registration is deleted and the deletion logged; an absent one is false', async () => {
      await store.putPublisher(samplePublisher('p1'));
      await store.putPublisher(samplePublisher('p2', 'Sonora'));
      const seq = (await store.getPublishedChanges()).seq;
      expect(await store.deletePublisher('p1')).toBe(true);
      expect(await store.getPublisher('p1')).toBeUndefined();
      expect((await store.listPublishers()).items.map((p) => p.id)).toEqual(['p2']);
      expect((await store.getPublishedChanges()).recent.slice(-1)).toEqual([{ seq: seq + 1, publisherId: 'p1' }]);
      expect(await store.deletePublisher('p1')).toBe(false);
      expect((await store.getPublishedChanges()).seq).toBe(seq + 1);
    });

    test('users: create, find by id, email and token hash, list by publisher, delete', async () => {
      await store.putUser({ id: 'u1', email: 'ana@example.mx', role: 'capturista', publisherId: 'p1', tokenHash: 'h1' });
      await store.putUser({ id: 'u2', email: 'luis@example.mx', role: 'coordinador', state: 'Jalisco' });
      await store.putUser({ id: 'u3', email: 'eva@example.mx', role: 'capturista', publisherId: 'p2' });
      expect((await store.getUser('u2'))?.state).toBe('Jalisco');
      expect((await store.findUserByEmail('ana@example.mx'))?.id).toBe('u1');
      expect((await store.findUserByTokenHash('h1'))?.id).toBe('u1');
      expect(await store.findUserByTokenHash('nope')).toBeUndefined();
      expect((await store.listUsers({ publisherId: 'p1' })).items.map((u) => u.id)).toEqual(['u1']);
      await store.putUser({ id: 'u1', email: 'ana@example.mx', role: 'admin' });
      expect(await store.getUser('u1')).toEqual({ id: 'u1', email: 'ana@example.mx', role: 'admin' });
      expect(await store.findUserByTokenHash('h1')).toBeUndefined();
      expect(await store.deleteUser('u1')).toBe(true);
      expect(await store.deleteUser('u1')).toBe(false);
      expect(await store.getUser('u1')).toBeUndefined();
      expect((await store.listUsers()).items.map((u) => u.id)).toEqual(['u2', 'u3']);
      // What is kept of a removed account: its e-mail by id, not an account (nobody signs in with it, no list shows it).
      expect(await store.getFormerAccount('u1')).toBeUndefined();
      await store.noteFormerAccount({ id: 'u1', email: 'ana@example.mx', removedAt: '2026-12-01T10:00:00.000Z' });
      expect(await store.getFormerAccount('u1')).toEqual({ id: 'u1', email: 'ana@example.mx', removedAt: '2026-12-01T10:00:00.000Z' });
      expect(await store.getUser('u1')).toBeUndefined();
      expect((await store.listUsers()).items.map((u) => u.id)).toEqual(['u2', 'u3']);
    });

    test('submissions: create once, read, filter, compare-and-set transitions with history', async () => {
      await store.createSubmission(sampleSubmission('s1', 'p1', 1));
      expect(await failure(store.createSubmission(sampleSubmission('s1', 'p1', 2)))).toBe('conflict');
      await store.createSubmission(sampleSubmission('s2', 'p2', 2));

      const submitted = await store.transitionSubmission('s1', ['draft', 'returned'], 'submitted', { at: at(5), by: 'u1', action: 'submit' });
      expect(submitted.status).toBe('submitted');
      expect(submitted.updatedAt).toBe(at(5));
      expect(submitted.history.map((h) => h.action)).toEqual(['create', 'submit']);

      const findings = { errors: 0, warnings: 2, infos: 0 };
      const returned = await store.transitionSubmission(
        's1',
        ['submitted'],
        'returned',
        { at: at(6), by: 'u2', action: 'return', comment: 'Falta el monto' },
        { findings },
      );
      expect(await store.getSubmission('s1')).toEqual(returned);
      expect(returned.findings).toEqual(findings);
      expect(returned.history[2].comment).toBe('Falta el monto');

      expect(await failure(store.transitionSubmission('s1', ['submitted'], 'approved', { at: at(7), by: 'u2', action: 'approve' }))).toBe('conflict');
      expect((await store.getSubmission('s1'))?.status).toBe('returned');
      expect(await failure(store.transitionSubmission('nope', ['submitted'], 'approved', { at: at(7), by: 'u2', action: 'approve' }))).toBe('not-found');

      expect((await store.listSubmissions({ status: 'returned' })).items.map((s) => s.id)).toEqual(['s1']);
      expect((await store.listSubmissions({ publisherId: 'p2', status: 'draft' })).items.map((s) => s.id)).toEqual(['s2']);
      expect((await store.listSubmissions()).items.map((s) => s.id)).toEqual(['s1', 's2']);

      // What it quotes rewritten in place (publications redact): status, dates and the rest as they were.
      const quoted = (await store.getSubmission('s1'))!;
      expect(await store.rewriteSubmissionQuotes('s1', (q) => ({ ...q, history: q.history.map((h) => (h.comment ? { ...h, comment: 'Falta el [dato]' } : h)) }))).toBe(true);
      expect(await store.getSubmission('s1')).toEqual({ ...quoted, history: quoted.history.map((h) => (h.comment ? { ...h, comment: 'Falta el [dato]' } : h)) });
      expect(await store.rewriteSubmissionQuotes('s1', () => undefined)).toBe(false);
      expect((await store.getSubmission('s1'))?.history[2].comment).toBe('Falta el [dato]');
      expect(await failure(store.rewriteSubmissionQuotes('nope', (q) => q))).toBe('not-found');
    });

    test('a transition may replace the source: a corrected upload continues its returned submission', async () => {
      await store.createSubmission({ ...sampleSubmission('s1', 'p1', 1), source: { kind: 'xlsx', fileId: 'a'.repeat(64), name: 'obra.xlsx' }, status: 'returned' });
      const source = { kind: 'xlsx' as const, fileId: 'b'.repeat(64), name: 'obra corregida.xlsx' };
      const moved = await store.transitionSubmission('s1', ['returned'], 'submitted', { at: at(5), by: 'u1', action: 'resubmitted' }, { source });
      expect(moved.source).toEqual(source);
      expect(await store.getSubmission('s1')).toEqual(moved);
      expect((await store.listSubmissions({ publisherId: 'p1', status: 'submitted' })).items.map((s) => s.source)).toEqual([source]);
    });

    test('a spreadsheet\'s source keeps the name the add-on sent, and a new version may change it', async () => {
      const named = { kind: 'values' as const, spreadsheetId: 'hoja-1', name: 'Obra pública «Mérida» 2024' };
      await store.createSubmission({ ...sampleSubmission('s1', 'p1', 1), source: named, status: 'returned' });
      expect((await store.getSubmission('s1'))?.source).toEqual(named);
      const renamed = { kind: 'sheets' as const, spreadsheetId: 'hoja-1', name: 'Obra pública 2025' };
      await store.transitionSubmission('s1', ['returned'], 'submitted', { at: at(5), by: 'u1', action: 'resubmitted' }, { source: renamed });
      expect((await store.listSubmissions({ publisherId: 'p1' })).items.map((s) => s.source)).toEqual([renamed]);
    });

    test('paging: several pages in a stable order, no duplicates, filters respected', async () => {
      const ids = Array.from({ length: 23 }, (_, i) => `s${String(i).padStart(2, '0')}`);
      // Two submissions share a createdAt: the id breaks the tie.
      for (const [i, id] of shuffled(ids.map((id, i) => [i, id] as const))) await store.createSubmission(sampleSubmission(id, 'p1', Math.min(i, 20)));
      for (let i = 0; i < 4; i++) await store.createSubmission(sampleSubmission(`other${i}`, 'p2', i));

      const got = await pages((after) => store.listSubmissions({ publisherId: 'p1', after, limit: 10 }));
      expect(got.map((p) => p.length)).toEqual([10, 10, 3]);
      expect(got.flat().map((s) => s.id)).toEqual(ids);

      const exact = await pages((after) => store.listSubmissions({ publisherId: 'p1', after, limit: 23 }));
      expect(exact.map((p) => p.length)).toEqual([23]);
      expect((await store.listSubmissions({ limit: 5000 })).items).toHaveLength(27);

      expect(await failure(store.listSubmissions({ after: 'not-a-cursor' }))).toBe('invalid-cursor');
      expect(await failure(store.listSubmissions({ limit: 0 }))).toBe('invalid');
    });

    test('newest first: paging back from the end, every one once, filters respected', async () => {
      // Past the pages a reader follows, the newest were the ones missing: listed oldest first, a year of sends
      // showed its first ones. Read from the end, the first page holds the latest.
      const ids = Array.from({ length: 23 }, (_, i) => `s${String(i).padStart(2, '0')}`);
      for (const [i, id] of shuffled(ids.map((id, i) => [i, id] as const))) await store.createSubmission({ ...sampleSubmission(id, 'p1', Math.min(i, 20)), status: i % 2 ? 'returned' : 'submitted' });
      for (let i = 0; i < 4; i++) await store.createSubmission(sampleSubmission(`other${i}`, 'p2', 30 + i));
      const newest = [...ids].reverse();

      const got = await pages((after) => store.listSubmissions({ publisherId: 'p1', after, limit: 10, newestFirst: true }));
      expect(got.map((p) => p.length)).toEqual([10, 10, 3]);
      expect(got.flat().map((s) => s.id)).toEqual(newest);
      // The first page alone: the latest ones.
      expect((await store.listSubmissions({ publisherId: 'p1', limit: 2, newestFirst: true })).items.map((s) => s.id)).toEqual(['s22', 's21']);
      // Every publisher, by status, and both.
      expect((await store.listSubmissions({ limit: 3, newestFirst: true })).items.map((s) => s.id)).toEqual(['other3', 'other2', 'other1']);
      expect((await pages((after) => store.listSubmissions({ status: 'returned', after, limit: 4, newestFirst: true }))).flat().map((s) => s.id)).toEqual(newest.filter((_, i) => (22 - i) % 2));
      expect((await pages((after) => store.listSubmissions({ publisherId: 'p1', status: 'submitted', after, limit: 5, newestFirst: true }))).flat().map((s) => s.id)).toEqual(newest.filter((_, i) => (22 - i) % 2 === 0));
    });

    test('the sends of one spreadsheet: paged in either order, by status too, uploads and other sheets left out', async () => {
      // The add-on's «sends of this spreadsheet» (GET /api/submissions?spreadsheetId=): 7 of them among 24 sends.
      const sheet = (id: string, minute: number, spreadsheetId: string, status: Submission['status'] = 'submitted'): Submission => ({ ...sampleSubmission(id, 'p1', minute), source: { kind: 'sheets', spreadsheetId }, status });
      const mine = Array.from({ length: 7 }, (_, i) => `m${i}`);
      const all: Submission[] = [
        ...mine.map((id, i) => sheet(id, i * 3, 'hoja-obras', i % 2 ? 'returned' : 'submitted')),
        ...Array.from({ length: 14 }, (_, i) => sheet(`o${String(i).padStart(2, '0')}`, i * 2, `hoja-${i}`)),
        { ...sampleSubmission('v1', 'p2', 4), source: { kind: 'values', spreadsheetId: 'hoja-obras' }, status: 'approved' },
        { ...sampleSubmission('v2', 'p1', 5), source: { kind: 'values', spreadsheetId: null } },
        { ...sampleSubmission('x1', 'p1', 6), source: { kind: 'xlsx', fileId: 'hoja-obras' } },
      ];
      for (const s of shuffled(all)) await store.createSubmission(s);
      const inSheet = ['m0', 'm1', 'v1', 'm2', 'm3', 'm4', 'm5', 'm6'];
      const got = await pages((after) => store.listSubmissions({ spreadsheetId: 'hoja-obras', after, limit: 3 }));
      expect(got.map((p) => p.length)).toEqual([3, 3, 2]);
      expect(got.flat().map((s) => s.id)).toEqual(inSheet);
      expect((await pages((after) => store.listSubmissions({ spreadsheetId: 'hoja-obras', after, limit: 3, newestFirst: true }))).flat().map((s) => s.id)).toEqual([...inSheet].reverse());
      expect((await store.listSubmissions({ spreadsheetId: 'hoja-obras', status: 'returned' })).items.map((s) => s.id)).toEqual(['m1', 'm3', 'm5']);
      expect((await store.listSubmissions({ spreadsheetId: 'hoja-obras', status: 'submitted', newestFirst: true, limit: 2 })).items.map((s) => s.id)).toEqual(['m6', 'm4']);
      // A decision keeps the send listed under its sheet.
      await store.transitionSubmission('m6', ['submitted'], 'approved', { at: at(30), by: 'c1', action: 'approved' });
      expect((await store.listSubmissions({ spreadsheetId: 'hoja-obras', status: 'approved' })).items.map((s) => s.id)).toEqual(['v1', 'm6']);
      expect((await store.listSubmissions({ spreadsheetId: 'hoja-nada' })).items).toEqual([]);
    });

    test('paging releases, records, projects, publishers, audit and stats', async () => {
      for (const id of shuffled(Array.from({ length: 12 }, (_, i) => `pub${String(i).padStart(2, '0')}`))) {
        await store.putPublisher(samplePublisher(id));
        await store.putStats({ publisherId: id, publicationId: 'x', computedAt: at(1), data: { processes: 1 } });
        await store.appendAudit({ at: at(Number(id.slice(3))), actor: 'system', action: 'seed', target: `publisher/${id}`, details: {} });
      }
      await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'a', createdAt: at(1) });
      await store.createPublication({ id: 'B', publisherId: 'p1', contentHash: 'b', createdAt: at(2) });
      const ocids = Array.from({ length: 6 }, (_, i) => `ocds-abc123-${i}`);
      const releases = ocids.flatMap((ocid) => [3, 1, 2].map((n) => sampleRelease(ocid, n, 'A')));
      await store.putReleases('A', shuffled(releases));
      await store.putReleases('B', [sampleRelease('ocds-abc123-0', 1, 'B')]);
      await store.putRecords('A', shuffled(ocids).map((ocid) => ({ ocid, record: { ocid } })));
      await store.putProjects('A', shuffled(ocids).map((id) => ({ id, project: { id } })));

      const byRelease = (r: ReleaseInput) => [r.ocid, r.date, r.id].join(' ');
      const releasePages = await pages((after) => store.listReleases({ publicationId: 'A', after, limit: 5 }));
      expect(releasePages.map((p) => p.length)).toEqual([5, 5, 5, 3]);
      expect(releasePages.flat().map(byRelease)).toEqual(releases.map(byRelease).sort());
      expect(releasePages.flat().every((r) => r.publicationId === 'A' && r.publisherId === 'p1')).toBe(true);
      const oneProcess = await pages((after) => store.listReleases({ publicationId: 'A', ocid: 'ocds-abc123-4', after, limit: 2 }));
      expect(oneProcess.flat().map((r) => r.id)).toEqual(['ocds-abc123-4-1', 'ocds-abc123-4-2', 'ocds-abc123-4-3']);

      const recordPages = await pages((after) => store.listRecords({ publicationId: 'A', after, limit: 4 }));
      expect(recordPages.flat().map((r) => r.ocid)).toEqual(ocids);
      const projectPages = await pages((after) => store.listProjects({ publicationId: 'A', after, limit: 4 }));
      expect(projectPages.flat().map((p) => p.id)).toEqual(ocids);

      const publisherIds = (await pages((after) => store.listPublishers({ after, limit: 5 }))).flat().map((p) => p.id);
      expect(publisherIds).toEqual([...publisherIds].sort());
      expect(new Set(publisherIds).size).toBe(12);
      const statPages = await pages((after) => store.listStats({ after, limit: 5 }));
      expect(statPages.flat().map((s) => s.publisherId)).toEqual(publisherIds);
      const auditPages = await pages((after) => store.listAudit({ after, limit: 5 }));
      expect(auditPages.map((p) => p.length)).toEqual([5, 5, 2]);
      expect(auditPages.flat().map((e) => e.target)).toEqual(publisherIds.map((id) => `publisher/${id}`));
    });

    test('publication: written under its own id, sealed, then served through the current pointer', async () => {
      expect(await store.getCurrent('p1')).toBeUndefined();
      await publish(store, 'p1', 'A', 'first', 3, null);
      const current = await store.getCurrent('p1');
      expect(current).toMatchObject({ id: 'A', status: 'complete', counts: { releases: 3, records: 3, projects: 1 } });
      const served = await store.listReleases({ publicationId: current!.id });
      expect(served.items.map((r) => r.release.description)).toEqual(['first', 'first', 'first']);
      expect((await store.getRecord('A', 'ocds-abc123-p1-001'))?.record).toMatchObject({ compiledRelease: { description: 'first' } });
      expect((await store.getProject('A', 'oc4ids-abc123-p1'))?.project).toEqual({ id: 'oc4ids-abc123-p1', title: 'first' });
      expect(await store.getRecord('A', 'missing')).toBeUndefined();

      // Complete publications are immutable.
      expect(await failure(store.putReleases('A', [sampleRelease('x', 1, 'late')]))).toBe('invalid');
      expect(await failure(store.completePublication('A', { releases: 0, records: 0, projects: 0 }))).toBe('conflict');
      expect(await failure(store.putReleases('nope', []))).toBe('not-found');
      expect(await failure(store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'z', createdAt: at(1) }))).toBe('conflict');

      await publish(store, 'p1', 'B', 'second', 2, 'A');
      expect((await store.getCurrent('p1'))?.id).toBe('B');
      expect((await store.listReleases({ publicationId: 'B' })).items.map((r) => r.release.description)).toEqual(['second', 'second']);
      // History stays: the old publication is untouched.
      expect((await store.listReleases({ publicationId: 'A' })).items).toHaveLength(3);
      expect((await store.listPublications({ publisherId: 'p1' })).items.map((p) => p.id)).toEqual(['A', 'B']);

      expect((await store.findPublicationByHash('p1', 'hash-A'))?.id).toBe('A');
      await store.createPublication({ id: 'C', publisherId: 'p1', contentHash: 'hash-C', createdAt: at(2000) });
      expect(await store.findPublicationByHash('p1', 'hash-C')).toBeUndefined();
      expect(await store.findPublicationByHash('p2', 'hash-A')).toBeUndefined();
    });

    // Its datos.xlsx writes dates in this zone (publication/bulk-files.ts): kept through completion and the pointer.
    test('a publication keeps the time zone its workbook was converted with; one without it has none', async () => {
      await store.createPublication({ id: 'Z', publisherId: 'p1', contentHash: 'z', createdAt: at(1), timeZone: 'America/Cancun' });
      await store.completePublication('Z', { releases: 0, records: 0, projects: 0 });
      await store.setCurrent('p1', 'Z', null);
      expect((await store.getPublication('Z'))?.timeZone).toBe('America/Cancun');
      expect((await store.getCurrent('p1'))?.timeZone).toBe('America/Cancun');
      await store.createPublication({ id: 'Y', publisherId: 'p1', contentHash: 'y', createdAt: at(2) });
      expect(await store.getPublication('Y')).not.toHaveProperty('timeZone');
    });

    test('deleting a superseded publication removes all it holds and nothing else; the current one is refused', async () => {
      await publish(store, 'p1', 'A', 'first', 3, null);
      await publish(store, 'p1', 'B', 'second', 2, 'A');
      await publish(store, 'p2', 'P2', 'other', 2, null);
      expect(await failure(store.deletePublication('B'))).toBe('conflict');
      expect(await store.deletePublication('A')).toBe(true);
      expect(await store.getPublication('A')).toBeUndefined();
      expect((await store.listReleases({ publicationId: 'A' })).items).toEqual([]);
      expect((await store.listRecords({ publicationId: 'A' })).items).toEqual([]);
      expect((await store.listProjects({ publicationId: 'A' })).items).toEqual([]);
      // The current publications, of this publisher and of another, are whole.
      expect((await store.getCurrent('p1'))?.id).toBe('B');
      expect((await store.listReleases({ publicationId: 'B' })).items).toHaveLength(2);
      expect((await store.listRecords({ publicationId: 'B' })).items).toHaveLength(2);
      expect((await store.listReleases({ publicationId: 'P2' })).items).toHaveLength(2);
      expect((await store.listPublications({ publisherId: 'p1' })).items.map((p) => p.id)).toEqual(['B']);
      expect(await store.deletePublication('A')).toBe(false);
      // An abandoned one (never completed) goes with its chunked index.
      await store.createPublication({ id: 'C', publisherId: 'p1', contentHash: 'hash-C', createdAt: at(2000) });
      await store.putReleases('C', [sampleRelease('ocds-abc123-p1-000', 2, 'abandoned')]);
      await store.putIndex('C', { projects: [], processes: Array.from({ length: 6000 }, (_, i) => ({ ocid: `ocds-abc123-${i}`, title: `Pavimentación «${i}» — ñandú` })) });
      expect(await store.deletePublication('C')).toBe(true);
      expect(await store.getIndex('C')).toBeUndefined();
      expect((await store.listReleases({ publicationId: 'C' })).items).toEqual([]);
    });

    test('current pointer: compare-and-set, only complete publications of the same publisher', async () => {
      await publish(store, 'p1', 'A', 'a', 1);
      await publish(store, 'p1', 'B', 'b', 1, 'A');
      await publish(store, 'p2', 'Z', 'z', 1, null);
      expect(await failure(store.setCurrent('p1', 'A', 'A'))).toBe('conflict');
      expect(await failure(store.setCurrent('p1', 'A', null))).toBe('conflict');
      expect((await store.getCurrent('p1'))?.id).toBe('B');
      await store.setCurrent('p1', 'A', 'B'); // rolling back to an older publication is allowed
      expect((await store.getCurrent('p1'))?.id).toBe('A');
      await store.setCurrent('p1', 'B');
      expect((await store.getCurrent('p1'))?.id).toBe('B');

      expect(await failure(store.setCurrent('p1', 'Z'))).toBe('not-found');
      expect(await failure(store.setCurrent('p1', 'missing'))).toBe('not-found');
      await store.createPublication({ id: 'W', publisherId: 'p1', contentHash: 'w', createdAt: at(3) });
      expect(await failure(store.setCurrent('p1', 'W'))).toBe('invalid');
      expect((await store.getCurrent('p1'))?.id).toBe('B');
      expect((await store.getCurrent('p2'))?.id).toBe('Z');
    });

    test('change log: every publisher written and pointer switched, in order', async () => {
      expect(await store.getPublishedChanges()).toEqual({ seq: 0, recent: [] });
      await store.putPublisher(samplePublisher('p1'));
      await publish(store, 'p1', 'A', 'a', 1);
      // A refused switch changes nothing, so it logs nothing.
      expect(await failure(store.setCurrent('p1', 'A', null))).toBe('conflict');
      await store.putPublisher(samplePublisher('p2'));
      expect(await store.getPublishedChanges()).toEqual({ seq: 3, recent: [{ seq: 1, publisherId: 'p1' }, { seq: 2, publisherId: 'p1' }, { seq: 3, publisherId: 'p2' }] });
    });

    test('a failure at any point while writing a publication leaves the previous one served intact', async () => {
      await publish(store, 'p1', 'A', 'old', 7, null);
      const before = await store.listReleases({ publicationId: 'A' });
      const total = publishWrites(9);
      for (const budget of [0, 1, 5, 12, total - 2, total - 1]) {
        const id = `B${budget}`;
        await expect(publish(failingStore(store, budget), 'p1', id, 'new', 9, 'A')).rejects.toThrow(InjectedFailure);
        expect((await store.getCurrent('p1'))?.id).toBe('A');
        expect(await store.listReleases({ publicationId: 'A' })).toEqual(before);
        expect((await store.getRecord('A', 'ocds-abc123-p1-006'))?.record).toMatchObject({ compiledRelease: { description: 'old' } });
      }
      // The interrupted publication is left 'writing' (or sealed but not current) and can be retried under a new id.
      expect((await store.getPublication('B5'))?.status).toBe('writing');
      expect((await store.listReleases({ publicationId: 'B5' })).items).toHaveLength(4);
      expect(await failure(store.setCurrent('p1', 'B5'))).toBe('invalid');
      await publish(store, 'p1', 'retry', 'new', 9, 'A');
      expect((await store.getCurrent('p1'))?.id).toBe('retry');
    });

    test('audit is append-only', async () => {
      const first = await store.appendAudit({ at: at(1), actor: 'u2', action: 'approve', target: 'submission/s1', details: { comment: 'ok' }, publisherId: 'p1' });
      const second = await store.appendAudit({ at: at(1), actor: 'u2', action: 'approve', target: 'submission/s1', details: {}, publisherId: 'p2' });
      expect(first.id).not.toBe(second.id);
      expect((await store.listAudit()).items).toHaveLength(2);
      expect((await store.listAudit({ publisherId: 'p1' })).items).toEqual([first]);
      expect(Object.keys(store).filter((k) => /audit/i.test(k)).sort()).toEqual(['appendAudit', 'auditChainHead', 'listAudit']);
    });

    test('audit: a hash chain — appends at once (from a second connection too) take places 1, 2, 3… each linked to the one before', async () => {
      const peer = options.openPeer ? await options.openPeer(store) : store;
      try {
        // Two publications and decisions at once, as several server processes make them: a chain that forked (two
        // entries linked to the same one) would be worse than none.
        const entry = (i: number) => ({ at: at(i % 2), actor: 'u2', action: 'publication.published', target: `publication/x${i}`, details: { i }, publisherId: `p${i % 3}` });
        await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? peer : store).appendAudit(entry(i))));
        const all = (await store.listAudit()).items;
        expect(all.map((e) => e.seq).sort()).toEqual([1, 2, 3, 4, 5, 6]);
        const report = verifyChain(all.map((e) => ({ at: e.at, seq: e.seq, prev: e.prev, hash: e.hash, content: e })), (await store.auditChainHead()).seq);
        expect(report).toMatchObject({ chained: 6, unchained: 0, problems: [], last: { seq: 6 } });
        expect(await peer.auditChainHead()).toEqual({ seq: 6, hash: report.last?.hash });
      } finally {
        if (peer !== store) await peer.close();
      }
    });

    test('audit: listed since an instant — entries made then or later, of the publisher asked, by pages', async () => {
      for (let i = 0; i < 4; i++) await store.appendAudit({ at: at(i), actor: 'u2', action: 'earlier', target: `submission/x${i}`, details: {}, publisherId: 'p1' });
      const later = [];
      for (let i = 5; i < 10; i++) later.push(await store.appendAudit({ at: at(i), actor: 'u2', action: 'later', target: 'submission/s1', details: { i }, publisherId: 'p1' }));
      await store.appendAudit({ at: at(7), actor: 'u3', action: 'other', target: 'submission/s2', details: {}, publisherId: 'p2' });
      // From exactly the first later entry's instant: it is included.
      expect((await pages((after) => store.listAudit({ publisherId: 'p1', since: at(5), after, limit: 2 }))).flat()).toEqual(later);
      expect((await store.listAudit({ publisherId: 'p1', since: at(4) })).items).toEqual(later);
      expect((await store.listAudit({ since: at(9) })).items).toEqual([later[4]]);
      expect((await store.listAudit({ publisherId: 'p1', since: at(10) })).items).toEqual([]);
    });

    test('audit: listed before an instant too — a month\'s entries, not all that followed them', async () => {
      const entries = [];
      for (let i = 0; i < 6; i++) entries.push(await store.appendAudit({ at: at(i), actor: 'u2', action: 'x', target: `submission/s${i}`, details: {}, publisherId: 'p1' }));
      await store.appendAudit({ at: at(2), actor: 'u3', action: 'other', target: 'submission/o', details: {}, publisherId: 'p2' });
      // From at(1) up to at(4), which is left out: by pages.
      expect((await pages((after) => store.listAudit({ publisherId: 'p1', since: at(1), before: at(4), after, limit: 2 }))).flat()).toEqual(entries.slice(1, 4));
      expect((await store.listAudit({ publisherId: 'p1', before: at(0) })).items).toEqual([]);
      expect((await store.listAudit({ before: at(1) })).items).toEqual([entries[0]]);
    });

    test('audit: an implementer\'s listing holds the entries that name it among several (a batch\'s «acceso denegado»), in order, by pages', async () => {
      const denied = (i: number, ids: string[]) => store.appendAudit({ at: at(i), actor: 'u3', action: 'access.denied', target: `publisher/${ids[0]}`, details: { attempted: 'stages.record', publisherIds: ids }, publisherId: ids[0] });
      const own = (i: number, publisherId: string) => store.appendAudit({ at: at(i), actor: 'u2', action: 'x', target: `publisher/${publisherId}`, details: {}, publisherId });
      const e0 = await own(0, 'p2');
      const d1 = await denied(1, ['p1', 'p2', 'p3']);
      const d2 = await denied(2, ['p8', 'p9']);
      const e3 = await own(3, 'p2');
      const d4 = await denied(4, ['p5', 'p2']);
      const e5 = await own(5, 'p2');
      const e6 = await own(6, 'p1');
      const d7 = await denied(7, ['p3', 'p2']);
      const all = [e0, d1, e3, d4, e5, d7];
      // Every page size: none is skipped or repeated between two pages.
      for (const limit of [1, 2, 3, 10]) expect([limit, (await pages((after) => store.listAudit({ publisherId: 'p2', after, limit }))).flat()]).toEqual([limit, all]);
      expect((await store.listAudit({ publisherId: 'p2', since: at(2), before: at(7) })).items).toEqual([e3, d4, e5]);
      // Under its first implementer's id it is listed once; an implementer it does not name does not see it.
      expect((await store.listAudit({ publisherId: 'p1' })).items).toEqual([d1, e6]);
      expect((await store.listAudit({ publisherId: 'p8' })).items).toEqual([d2]);
      expect((await store.listAudit({ publisherId: 'p9' })).items).toEqual([d2]);
      expect((await store.listAudit({ publisherId: 'p5' })).items).toEqual([d4]);
    });

    test('month closes: each kept once and never changed; the latest before a month, of that publisher only', async () => {
      const open = (id: string) => [{ id, publisherId: 'p1', history: [{ at: at(1), action: 'submitted' }] }];
      expect(await store.latestMonthClose('p1', '2026-10')).toBeUndefined();
      await store.putMonthClose({ publisherId: 'p1', month: '2026-08', open: open('a') });
      await store.putMonthClose({ publisherId: 'p1', month: '2026-09', open: [] });
      await store.putMonthClose({ publisherId: 'p2', month: '2026-10', open: open('c') });
      // Kept already: it stays as it was.
      await store.putMonthClose({ publisherId: 'p1', month: '2026-08', open: open('b') });
      expect(await store.latestMonthClose('p1', '2026-09')).toEqual({ publisherId: 'p1', month: '2026-08', open: open('a') });
      expect(await store.latestMonthClose('p1', '2026-10')).toEqual({ publisherId: 'p1', month: '2026-09', open: [] });
      expect(await store.latestMonthClose('p1', '2027-01')).toEqual({ publisherId: 'p1', month: '2026-09', open: [] });
      expect(await store.latestMonthClose('p1', '2026-08')).toBeUndefined();
      expect(await store.latestMonthClose('p2', '2026-10')).toBeUndefined();
      // The month every publisher's closes are kept up to (the daily job's record), the latest said.
      expect(await store.monthClosesKeptThrough()).toBeUndefined();
      await store.noteMonthClosesKept('2026-09');
      await store.noteMonthClosesKept('2026-10');
      expect(await store.monthClosesKeptThrough()).toBe('2026-10');
      // Where the daily reminders stopped, out of time; cleared once they looked at every late publisher.
      expect(await store.remindersStoppedAfter()).toBeUndefined();
      await store.noteRemindersStoppedAfter('p2');
      expect(await store.remindersStoppedAfter()).toBe('p2');
      await store.noteRemindersStoppedAfter(undefined);
      expect(await store.remindersStoppedAfter()).toBeUndefined();
    });

    test('publishers due: listed from the day after their next update was due, which their registration, periodicity, publication and confirmation move', async () => {
      const noon = (day: string) => `${day}T18:00:00.000Z`; // 12:00 in Mexico City
      const due = async (day: string) => (await pages((after) => store.listPublishersDue({ day, after, limit: 1 }))).flat().map((p) => p.id);
      // Registered 10 January 2024 with a period of 30 days: due by 9 February, late from the 10th.
      await store.putPublisher({ ...samplePublisher('p1'), commitment: { projects: 1, periodicityDays: 30 }, registeredAt: noon('2024-01-10') });
      // Registered before the date was kept, never published: due already. Registered 1 June, 90 days: due by 30 August.
      await store.putPublisher(samplePublisher('p0'));
      await store.putPublisher({ ...samplePublisher('p2'), registeredAt: noon('2024-06-01') });
      expect(await due('2024-02-09')).toEqual(['p0']);
      // The latest due first, by pages.
      expect(await due('2024-02-10')).toEqual(['p1', 'p0']);
      // Its periodicity changed to 60 days: due by 10 March.
      await store.updatePublisher('p1', (p) => ({ ...p, commitment: { projects: 1, periodicityDays: 60 } }));
      expect(await due('2024-02-10')).toEqual(['p0']);
      expect(await due('2024-03-10')).toEqual(['p0']);
      expect(await due('2024-03-11')).toEqual(['p1', 'p0']);
      // Published 1 March: the date is on the publisher, kept by a registration replaced whole (whatever it says); due by 30 April.
      await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'h', createdAt: noon('2024-03-01') });
      await store.completePublication('A', { releases: 0, records: 0, projects: 0 });
      await store.setCurrent('p1', 'A', null);
      expect((await store.getPublisher('p1'))?.publishedAt).toBe(noon('2024-03-01'));
      await store.putPublisher({ ...samplePublisher('p1'), commitment: { projects: 1, periodicityDays: 60 }, registeredAt: noon('2024-01-10'), publishedAt: noon('2020-01-01') });
      expect((await store.getPublisher('p1'))?.publishedAt).toBe(noon('2024-03-01'));
      expect(await due('2024-04-30')).toEqual(['p0']);
      expect(await due('2024-05-01')).toEqual(['p1', 'p0']);
      // Its data confirmed current on 15 April (an approval of unchanged data): due by 14 June.
      await store.updatePublisher('p1', (p) => ({ ...p, confirmedAt: noon('2024-04-15') }));
      expect(await due('2024-06-14')).toEqual(['p0']);
      expect(await due('2024-06-15')).toEqual(['p1', 'p0']);
      // Removed: no longer listed.
      expect(await store.deletePublisher('p0')).toBe(true);
      expect(await due('2030-01-01')).toEqual(['p2', 'p1']);
    });

    test('stats: replace and read', async () => {
      await store.putStats({ publisherId: 'p1', publicationId: 'A', computedAt: at(1), data: { processes: 3 } });
      await store.putStats({ publisherId: 'p1', publicationId: 'B', computedAt: at(2), data: { processes: 4, byState: { Jalisco: 4 } } });
      expect(await store.getStats('p1')).toEqual({ publisherId: 'p1', publicationId: 'B', computedAt: at(2), data: { processes: 4, byState: { Jalisco: 4 } } });
      expect(await store.getStats('p2')).toBeUndefined();
    });

    test('documents as text: same order and cursors as the parsed listings, the exact stored JSON', async () => {
      await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'a', createdAt: at(1) });
      const ocids = Array.from({ length: 5 }, (_, i) => `ocds-abc123-${i}`);
      // Keys that look like the row's own fields, and quotes, inside the document.
      const tricky = { ocid: 'x', publicationId: 'evil', 'a",\"release\":': '","release":{}', nested: { release: { id: 1 } } };
      const releases = ocids.flatMap((ocid) => [2, 1].map((n) => ({ ...sampleRelease(ocid, n, 'A'), release: { ...sampleRelease(ocid, n, 'A').release, tricky } })));
      await store.putReleases('A', shuffled(releases));
      await store.putRecords('A', ocids.map((ocid) => ({ ocid, record: { ocid, tricky } })));
      await store.putProjects('A', ocids.map((id) => ({ id, project: { id, tricky } })));
      const parsed = (await pages((after) => store.listReleases({ publicationId: 'A', after, limit: 3 }))).flat();
      const texts = (await pages((after) => store.listDocumentTexts('releases', { publicationId: 'A', after, limit: 3 }))).flat();
      expect(texts.map((t) => [t.key, t.id])).toEqual(parsed.map((r) => [r.ocid, r.id]));
      expect(texts.map((t) => JSON.parse(t.text) as unknown)).toEqual(parsed.map((r) => r.release));
      const one = await store.listDocumentTexts('releases', { publicationId: 'A', ocid: 'ocds-abc123-3' });
      expect(one.items.map((t) => t.id)).toEqual(['ocds-abc123-3-1', 'ocds-abc123-3-2']);
      const records = (await pages((after) => store.listDocumentTexts('records', { publicationId: 'A', after, limit: 2 }))).flat();
      expect(records.map((t) => t.key)).toEqual(ocids);
      expect(JSON.parse(records[0].text)).toEqual({ ocid: ocids[0], tricky });
      expect(JSON.parse((await store.getDocumentText('projects', 'A', ocids[2])) ?? 'null')).toEqual({ id: ocids[2], tricky });
      expect(await store.getDocumentText('records', 'A', 'missing')).toBeUndefined();
      // The same as bytes: identical to the text, in the same order and with the same cursors.
      const bytes = (await pages((after) => store.listDocumentBytes('releases', { publicationId: 'A', after, limit: 3 }))).flat();
      expect(bytes.map((b) => [b.key, b.id, b.bytes.toString('utf8')])).toEqual(texts.map((t) => [t.key, t.id, t.text]));
      expect((await store.listDocumentBytes('releases', { publicationId: 'A', ocid: 'ocds-abc123-3' })).items.map((b) => b.id)).toEqual(['ocds-abc123-3-1', 'ocds-abc123-3-2']);
      expect((await store.getDocumentBytes('projects', 'A', ocids[2]))?.toString('utf8')).toBe(await store.getDocumentText('projects', 'A', ocids[2]));
      expect(await store.getDocumentBytes('records', 'A', 'missing')).toBeUndefined();
      // Documents given as their text (publication serializes as it builds) are stored and served as given.
      await store.createPublication({ id: 'T', publisherId: 'p1', contentHash: 't', createdAt: at(2) });
      const recordText = JSON.stringify({ ocid: ocids[0], tricky, 'ñ': '€' });
      await store.putRecords('T', [{ ocid: ocids[0], text: recordText }]);
      await store.putReleases('T', [{ ocid: ocids[0], id: 'r1', date: at(2), text: '{"id":"r1","ocid":"x"}' }]);
      expect(await store.getDocumentText('records', 'T', ocids[0])).toBe(recordText);
      expect((await store.getRecord('T', ocids[0]))?.record).toEqual(JSON.parse(recordText));
      expect((await store.listDocumentTexts('releases', { publicationId: 'T' })).items).toEqual([{ key: ocids[0], id: 'r1', date: at(2), text: '{"id":"r1","ocid":"x"}' }]);
      // A project too: the served hash publish() takes of the text it gives is the hash of what is listed.
      const projectText = JSON.stringify({ id: 'oc4ids-t', tricky, 'ñ': '€' });
      await store.putProjects('T', [{ id: 'oc4ids-t', text: projectText }]);
      expect((await store.listDocumentTexts('projects', { publicationId: 'T' })).items).toEqual([{ key: 'oc4ids-t', text: projectText }]);
      expect((await store.getProject('T', 'oc4ids-t'))?.project).toEqual(JSON.parse(projectText));
    });

    test('documents: arbitrary JSON round-trips; over 1 MB is refused before anything is written', async () => {
      await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'a', createdAt: at(1) });
      // GeoJSON polygons nest arrays in arrays (OC4IDS locations), which Firestore values cannot hold directly.
      const project = {
        id: 'oc4ids-1',
        locations: [{ geometry: { type: 'Polygon', coordinates: [[[-103.3, 20.6], [-103.2, 20.6], [-103.3, 20.7], [-103.3, 20.6]]] } }],
        'clave.con.puntos': 'sí — ñandú',
        empty: {},
        nothing: null,
      };
      await store.putProjects('A', [{ id: 'oc4ids-1', project }]);
      expect((await store.getProject('A', 'oc4ids-1'))?.project).toEqual(project);

      const huge = sampleRelease('ocds-abc123-big', 1, 'x'.repeat(1_100_000));
      expect(await failure(store.putReleases('A', [sampleRelease('ocds-abc123-ok', 1, 'ok'), huge]))).toBe('too-large');
      expect((await store.listReleases({ publicationId: 'A' })).items).toEqual([]);
    });

    test('a publication index larger than one document round-trips in chunks, only while writing', async () => {
      await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'a', createdAt: at(1) });
      expect(await store.getIndex('A')).toBeUndefined();
      // About 2.5 MB of JSON with quotes and non-ASCII text, which grow when escaped: three chunks or more.
      const processes = Array.from({ length: 6000 }, (_, i) => ({ ocid: `ocds-abc123-${i}`, title: `Pavimentación «${i}» — ñandú "x"`, suppliers: [{ id: 'MX-RFC-1', name: 'Constructora' }] }));
      const index = { projects: [], processes };
      await store.putIndex('A', index);
      expect(await store.getIndex('A')).toEqual(index);
      expect(await store.getIndex('B')).toBeUndefined();
      await store.completePublication('A', { releases: 0, records: 0, projects: 0 });
      expect(await failure(store.putIndex('A', { projects: [], processes: [] }))).toBe('invalid');
      expect(await store.getIndex('A')).toEqual(index);
    });

    test('a submitted snapshot larger than one document round-trips by content hash', async () => {
      const hash = 'a'.repeat(64);
      expect(await store.getSnapshot(hash)).toBeUndefined();
      const text = JSON.stringify({ sheets: [{ name: 'Contrataciones', rows: Array.from({ length: 9000 }, (_, i) => [`ocds-abc123-${i}`, 'Pavimentación «calle» — ñandú "x"', i * 1.5, null]) }] });
      expect(text.length).toBeGreaterThan(400_000);
      await store.putSnapshot(hash, text, at(1));
      await store.putSnapshot(hash, text, at(2)); // the same content again: harmless
      expect(await store.getSnapshot(hash)).toBe(text);
      expect(await store.getSnapshot('b'.repeat(64))).toBeUndefined();
      expect(await failure(store.putSnapshot('../x', 'x', at(1)))).toBe('invalid');
    });

    test('snapshots are listed with when each was last kept, and removed whole unless kept again since', async () => {
      const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(64));
      const big = 'x'.repeat(700_000); // three parts
      await store.putSnapshot(a, big, at(1));
      await store.putSnapshot(b, 'b', at(2));
      await store.putSnapshot(c, 'c', at(3));
      await store.putSnapshot(b, 'b', at(5)); // sent again: young again
      expect(await pages((after) => store.listSnapshots({ after, limit: 2 })).then((p) => p.flat())).toEqual([
        { contentHash: a, keptAt: at(1) }, { contentHash: b, keptAt: at(5) }, { contentHash: c, keptAt: at(3) },
      ]);
      expect(await store.deleteSnapshot(a, at(4))).toBe(true);
      expect(await store.deleteSnapshot(b, at(4))).toBe(false); // kept again at 5: a submission may refer to it
      expect(await store.deleteSnapshot(a, at(4))).toBe(false);
      expect(await store.getSnapshot(a)).toBeUndefined();
      expect(await store.getSnapshot(b)).toBe('b');
      expect((await store.listSnapshots()).items.map((s) => s.contentHash)).toEqual([b, c]);
      // Every part went: the same content kept again is whole.
      await store.putSnapshot(a, big, at(6));
      expect(await store.getSnapshot(a)).toBe(big);
    });

    test('a prepared preview larger than one document is replaced whole by each put, per snapshot and publisher, and goes with its snapshot', async () => {
      const [a, b] = ['a', 'b'].map((x) => x.repeat(64));
      expect(await store.getPreparedPreview(a, 'p1')).toBeUndefined();
      const big = JSON.stringify({ state: 'ready', preview: 'ñ«x»'.repeat(200_000) }); // three parts
      await store.putPreparedPreview(a, 'p1', big);
      await store.putPreparedPreview(a, 'p2', 'otro');
      await store.putPreparedPreview(b, 'p1', 'de b');
      expect(await store.getPreparedPreview(a, 'p1')).toBe(big);
      // A shorter put replaces it: its own part 0 only, never the longer put's other parts with it.
      await store.putPreparedPreview(a, 'p1', '{"state":"preparing"}');
      expect(await store.getPreparedPreview(a, 'p1')).toBe('{"state":"preparing"}');
      await store.putPreparedPreview(a, 'p1', big);
      expect(await store.getPreparedPreview(a, 'p1')).toBe(big);
      await store.deletePreparedPreview(a, 'p2');
      expect(await store.getPreparedPreview(a, 'p2')).toBeUndefined();
      expect(await store.getPreparedPreview(a, 'p1')).toBe(big);
      await store.putSnapshot(a, 'a', at(1));
      expect(await store.deleteSnapshot(a, at(2))).toBe(true);
      expect(await store.getPreparedPreview(a, 'p1')).toBeUndefined();
      expect(await store.getPreparedPreview(b, 'p1')).toBe('de b');
    });

    test('a send\'s findings larger than one document are replaced whole by each put, per snapshot and publisher, and go with their snapshot', async () => {
      const [a, b] = ['c', 'd'].map((x) => x.repeat(64));
      expect(await store.getSendFindings(a, 'p1')).toBeUndefined();
      const big = JSON.stringify({ findings: 'ñ«x»'.repeat(200_000) }); // three parts
      await store.putSendFindings(a, 'p1', big);
      await store.putSendFindings(b, 'p1', 'de b');
      expect(await store.getSendFindings(a, 'p1')).toBe(big);
      expect(await store.getSendFindings(a, 'p2')).toBeUndefined();
      await store.putSendFindings(a, 'p1', '[]');
      expect(await store.getSendFindings(a, 'p1')).toBe('[]');
      await store.putSendFindings(a, 'p1', big);
      await store.putSnapshot(a, 'a', at(1));
      expect(await store.deleteSnapshot(a, at(2))).toBe(true);
      expect(await store.getSendFindings(a, 'p1')).toBeUndefined();
      expect(await store.getSendFindings(b, 'p1')).toBe('de b');
    });

    test('a send check larger than one document is replaced whole by each put; those kept before a time are removed whole, the others kept', async () => {
      const big = JSON.stringify({ state: 'done', answer: 'ñ«x»'.repeat(200_000) }); // three parts
      expect(await store.getSendCheck('p1~a', 'p1')).toBeUndefined();
      await store.putSendCheck('p1~a', 'p1', '{"state":"checking"}', at(1));
      await store.putSendCheck('p1~a', 'p1', big, at(2));
      await store.putSendCheck('p1~b', 'p1', 'b', at(3));
      await store.putSendCheck('p2~c', 'p2', big, at(4));
      await store.putSendCheck('p2~d', 'p2', 'd', at(5));
      expect(await store.getSendCheck('p1~a', 'p1')).toBe(big);
      expect(await store.getSendCheck('p1~a', 'p2')).toBeUndefined();
      await store.deleteSendCheck('p1~b', 'p1');
      expect(await store.getSendCheck('p1~b', 'p1')).toBeUndefined();
      // Kept at 4 is not before 4.
      expect(await store.deleteSendChecksKeptBefore(at(4))).toBe(1);
      expect(await store.getSendCheck('p1~a', 'p1')).toBeUndefined();
      expect(await store.getSendCheck('p2~c', 'p2')).toBe(big);
      expect(await store.deleteSendChecksKeptBefore(at(5))).toBe(1);
      expect(await store.getSendCheck('p2~c', 'p2')).toBeUndefined();
      expect(await store.getSendCheck('p2~d', 'p2')).toBe('d');
      // Every part went: the same id kept again, shorter, is whole.
      await store.putSendCheck('p1~a', 'p1', 'otra', at(6));
      expect(await store.getSendCheck('p1~a', 'p1')).toBe('otra');
      expect(await store.deleteSendChecksKeptBefore(at(6))).toBe(1);
      expect(await store.getSendCheck('p2~d', 'p2')).toBeUndefined();
      expect(await store.getSendCheck('p1~a', 'p1')).toBe('otra');
    });

    test('a refused send\'s line is listed newest first, the country\'s or one publisher\'s, and goes with its check', async () => {
      const big = JSON.stringify({ state: 'done', answer: 'ñ«x»'.repeat(200_000) }); // three parts, never read by the listing
      await store.putSendCheck('p1~a', 'p1', big, at(1));
      await store.putRefusedSend('p1~a', 'p1', '{"errors":3}', at(1), 'Yucatán');
      await store.putSendCheck('p2~b', 'p2', 'b', at(2));
      await store.putRefusedSend('p2~b', 'p2', '{"errors":1}', at(2), 'Nuevo León');
      await store.putSendCheck('p1~c', 'p1', 'c', at(3));
      await store.putRefusedSend('p1~c', 'p1', '{"errors":2}', at(3), 'Yucatán');
      // A check that was not a refusal is not listed.
      await store.putSendCheck('p1~d', 'p1', 'd', at(4));
      expect(await store.listRefusedSends({ limit: 10 })).toEqual([
        { checkId: 'p1~c', publisherId: 'p1', keptAt: at(3), text: '{"errors":2}' },
        { checkId: 'p2~b', publisherId: 'p2', keptAt: at(2), text: '{"errors":1}' },
        { checkId: 'p1~a', publisherId: 'p1', keptAt: at(1), text: '{"errors":3}' },
      ]);
      expect((await store.listRefusedSends({ publisherId: 'p1', limit: 1 })).map((r) => r.checkId)).toEqual(['p1~c']);
      expect((await store.listRefusedSends({ publisherId: 'p1', limit: 10 })).map((r) => r.checkId)).toEqual(['p1~c', 'p1~a']);
      // One state's (its coordination's listing).
      expect((await store.listRefusedSends({ state: 'Yucatán', limit: 10 })).map((r) => r.checkId)).toEqual(['p1~c', 'p1~a']);
      expect((await store.listRefusedSends({ state: 'Nuevo León', limit: 1 })).map((r) => r.checkId)).toEqual(['p2~b']);
      expect(await store.listRefusedSends({ state: 'Jalisco', limit: 10 })).toEqual([]);
      // One line by its id (a refusal's detail): its own publisher's only; none for a check that was not a refusal.
      expect(await store.getRefusedSend('p1~a', 'p1')).toEqual({ checkId: 'p1~a', publisherId: 'p1', keptAt: at(1), text: '{"errors":3}' });
      expect(await store.getRefusedSend('p1~a', 'p2')).toBeUndefined();
      expect(await store.getRefusedSend('p1~d', 'p1')).toBeUndefined();
      // The daily job counts checks, not their lines, and each line goes with its check.
      expect(await store.deleteSendChecksKeptBefore(at(3))).toBe(2);
      await store.deleteSendCheck('p1~c', 'p1');
      expect(await store.listRefusedSends({ limit: 10 })).toEqual([]);
      expect(await store.getRefusedSend('p1~a', 'p1')).toBeUndefined();
      expect(await store.getSendCheck('p1~d', 'p1')).toBe('d');
    });

    test('refused attempts are counted per publisher and month, each of several at once, and outlast the lines; counting begins once', async () => {
      expect(await store.refusedCountsSince()).toBeUndefined();
      expect(await store.getRefusedAttempts('p1', '2026-11')).toBe(0);
      // Kept the first time; a later start leaves it (another instance, the next day's job).
      expect(await store.startRefusedCounts(at(2))).toBe(at(2));
      expect(await store.startRefusedCounts(at(5))).toBe(at(2));
      expect(await store.refusedCountsSince()).toBe(at(2));
      // Five refusals of one implementer at once: five (a read-then-write without a transaction lost some).
      await Promise.all(Array.from({ length: 5 }, () => store.countRefusedAttempt('p1', '2026-11')));
      await store.countRefusedAttempt('p1', '2026-12');
      await store.countRefusedAttempt('p2', '2026-11');
      await store.putSendCheck('p1~a', 'p1', 'a', at(1));
      await store.putRefusedSend('p1~a', 'p1', '{"errors":3}', at(1));
      expect(await store.deleteSendChecksKeptBefore(at(9))).toBe(1);
      expect(await store.listRefusedSends({ limit: 10 })).toEqual([]);
      expect([await store.getRefusedAttempts('p1', '2026-11'), await store.getRefusedAttempts('p1', '2026-12'), await store.getRefusedAttempts('p2', '2026-11'), await store.getRefusedAttempts('p2', '2026-12')])
        .toEqual([5, 1, 1, 0]);
    });

    test('a swap writes a marker only over the put it read (or over nothing); of two from one version, one; a later put or deletion wins', async () => {
      const a = 'a'.repeat(64);
      const big = JSON.stringify({ state: 'ready', preview: 'ñ«x»'.repeat(200_000) }); // three parts
      const first = await store.swapPreparedPreview(a, 'p1', undefined, 'marca 1');
      expect(first).toEqual(expect.any(String));
      expect(await store.readPreparedPreview(a, 'p1')).toEqual({ text: 'marca 1', version: first });
      // Something is kept now: a swap «over nothing» writes nothing.
      expect(await store.swapPreparedPreview(a, 'p1', undefined, 'otra')).toBeUndefined();
      // Two who read the same version: the second writes nothing (at once, across connections: the concurrency case below).
      const x = await store.swapPreparedPreview(a, 'p1', first, 'marca 2');
      expect(await store.swapPreparedPreview(a, 'p1', first, 'marca 3')).toBeUndefined();
      const won = (await store.readPreparedPreview(a, 'p1'))!;
      expect(won).toEqual({ text: 'marca 2', version: x });
      // A put of three parts replaces the marker; a swap from the marker's version then writes nothing; one from the put's, over it, is whole.
      await store.putPreparedPreview(a, 'p1', big);
      expect(await store.swapPreparedPreview(a, 'p1', won.version, 'tarde')).toBeUndefined();
      const ready = (await store.readPreparedPreview(a, 'p1'))!;
      expect(ready.text).toBe(big);
      expect(await store.swapPreparedPreview(a, 'p1', ready.version, 'marca 4')).toEqual(expect.any(String));
      expect(await store.getPreparedPreview(a, 'p1')).toBe('marca 4');
      const marked = (await store.readPreparedPreview(a, 'p1'))!;
      await store.deletePreparedPreview(a, 'p1');
      expect(await store.swapPreparedPreview(a, 'p1', marked.version, 'tarde')).toBeUndefined();
      expect(await store.getPreparedPreview(a, 'p1')).toBeUndefined();
      // A send check likewise, kept with its time (the daily job still finds it).
      const check = await store.swapSendCheck('p1~a', 'p1', undefined, 'revisando', at(1));
      expect(await store.swapSendCheck('p1~a', 'p1', 'otra versión', 'no', at(2))).toBeUndefined();
      const beat = await store.swapSendCheck('p1~a', 'p1', check, 'revisando aún', at(2));
      expect(await store.readSendCheck('p1~a', 'p1')).toEqual({ text: 'revisando aún', version: beat });
      await store.putSendCheck('p1~a', 'p1', big, at(3));
      expect(await store.swapSendCheck('p1~a', 'p1', beat, 'interrumpida', at(4))).toBeUndefined();
      expect(await store.getSendCheck('p1~a', 'p1')).toBe(big);
      expect(await store.deleteSendChecksKeptBefore(at(4))).toBe(1);
      expect(await store.readSendCheck('p1~a', 'p1')).toBeUndefined();
    });

    test('a put larger than one batch (> 500 documents) is written whole', async () => {
      await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'a', createdAt: at(1) });
      const releases = Array.from({ length: 1100 }, (_, i) => sampleRelease(`ocds-abc123-${String(i).padStart(4, '0')}`, 1, 'bulk'));
      await store.putReleases('A', releases);
      const got = await pages((after) => store.listReleases({ publicationId: 'A', after, limit: 1000 }));
      expect(got.map((p) => p.length)).toEqual([1000, 100]);
      expect(got.flat().map((r) => r.ocid)).toEqual(releases.map((r) => r.ocid));
    });

    test('ids with slashes, dots and unicode are kept apart', async () => {
      await store.createPublication({ id: 'A', publisherId: 'p1', contentHash: 'a', createdAt: at(1) });
      const ocids = ['ocds-a/b', 'ocds-a', '.', '__x__', 'ocds-ñ'];
      await store.putRecords('A', ocids.map((ocid) => ({ ocid, record: { ocid } })));
      for (const ocid of ocids) expect((await store.getRecord('A', ocid))?.record).toEqual({ ocid });
    });

    if (options.openPeer) {
      const openPeer = options.openPeer;
      test('concurrency: two updates of one publisher at once, from two connections, each keep the other\'s change', async () => {
        const peer = await openPeer(store);
        try {
          await store.putPublisher({ ...samplePublisher('p1'), stages: { 'E.1': '2024-01-10' } });
          // A coordinator's stages and an approval's confirmation: a read-then-put lost one of them.
          await Promise.all([
            store.updatePublisher('p1', (p) => ({ ...p, stages: { ...p.stages, 'E.2': '2024-02-01' } })),
            peer.updatePublisher('p1', (p) => ({ ...p, confirmedAt: at(90) })),
          ]);
          expect(await store.getPublisher('p1')).toMatchObject({ stages: { 'E.1': '2024-01-10', 'E.2': '2024-02-01' }, confirmedAt: at(90) });
        } finally {
          await peer.close();
        }
      });

      test('concurrency: of two swaps of a marker from one version, from two connections at once, exactly one writes', async () => {
        const peer = await openPeer(store);
        try {
          const a = 'a'.repeat(64);
          const read = await store.swapPreparedPreview(a, 'p1', undefined, 'de nadie');
          const swaps = await Promise.all([store.swapPreparedPreview(a, 'p1', read, 'mía'), peer.swapPreparedPreview(a, 'p1', read, 'del otro')]);
          expect(swaps.filter((v) => v !== undefined)).toHaveLength(1);
          expect(await peer.getPreparedPreview(a, 'p1')).toBe(swaps[0] !== undefined ? 'mía' : 'del otro');
        } finally {
          await peer.close();
        }
      });

      test('concurrency: of two simultaneous approvals exactly one wins, also across connections', async () => {
        const peer = await openPeer(store);
        try {
          for (const [i, other] of [store, peer].entries()) {
            const id = `s${i}`;
            await store.createSubmission({ ...sampleSubmission(id, 'p1', i), status: 'submitted' });
            const approve = (s: Store, by: string) => s.transitionSubmission(id, ['submitted'], 'approved', { at: at(10), by, action: 'approve' });
            const outcomes = await Promise.allSettled([approve(store, 'u1'), approve(other, 'u2'), approve(other, 'u3')]);
            expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
            const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
            expect(rejected.every((o) => isStoreError(o.reason, 'conflict'))).toBe(true);
            const final = await peer.getSubmission(id);
            expect(final?.history.filter((h) => h.action === 'approve')).toHaveLength(1);
          }
          await publish(store, 'p1', 'A', 'a', 1, null);
          await store.createPublication({ id: 'B', publisherId: 'p1', contentHash: 'b', createdAt: at(2) });
          await store.completePublication('B', { releases: 0, records: 0, projects: 0 });
          await store.createPublication({ id: 'C', publisherId: 'p1', contentHash: 'c', createdAt: at(3) });
          await store.completePublication('C', { releases: 0, records: 0, projects: 0 });
          const switches = await Promise.allSettled([store.setCurrent('p1', 'B', 'A'), peer.setCurrent('p1', 'C', 'A')]);
          expect(switches.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          expect(['B', 'C']).toContain((await peer.getCurrent('p1'))?.id);
        } finally {
          await peer.close();
        }
      });
    }
  });
}

/** The backend, with the part of every snapshot chunk its queries returned (what a listing had to read). */
function readingParts(backend: DocumentBackend): { backend: DocumentBackend; parts: number[] } {
  const parts: number[] = [];
  const seen = (collection: string, rows: { body: string | Buffer }[]) => {
    if (collection === 'snapshots') for (const r of rows) parts.push((JSON.parse(r.body.toString()) as { part: number }).part);
    return rows;
  };
  return {
    parts,
    backend: new Proxy(backend, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if ((key !== 'query' && key !== 'queryBytes') || typeof value !== 'function') return value;
        return async (collection: string, ...rest: unknown[]) => seen(collection, await (value as (...a: unknown[]) => Promise<{ body: string }[]>).call(target, collection, ...rest));
      },
    }),
  };
}

/** A snapshot's chunks as a store wrote them before the `head` field: no such field, in the body or the row. */
export function snapshotRowsWithoutHead(contentHash: string, text: string, keptAt: string, size = 300_000): Row[] {
  const parts = Math.max(1, Math.ceil(text.length / size));
  return Array.from({ length: parts }, (_, part) => ({
    id: docId(contentHash, String(part)), sk: sortKey(contentHash, String(part)), fields: { contentHash },
    body: JSON.stringify({ contentHash, part, ...(part === 0 ? { parts, keptAt } : {}), text: text.slice(part * size, (part + 1) * size) }),
  }));
}

/**
 * Listing the submitted-workbook snapshots (only `publications prune` does) reads their first parts, not every part
 * of every workbook; and a store written before first parts were marked keeps being listed whole.
 * `openBackend` returns a fresh, empty backend for every test.
 */
export function runSnapshotListingContract(name: string, openBackend: () => Promise<DocumentBackend>): void {
  describe(`${name}: listing snapshots`, () => {
    let backend: DocumentBackend;
    beforeEach(async () => { backend = await openBackend(); });
    afterEach(async () => { await backend.close(); });
    const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(64));
    const big = 'x'.repeat(700_000); // three parts

    test('reads the first part of each snapshot only', async () => {
      const counted = readingParts(backend);
      const store = createStore(counted.backend);
      await store.putSnapshot(a, big, at(1));
      await store.putSnapshot(b, 'b', at(2));
      await store.putSnapshot(c, big, at(3));
      counted.parts.length = 0;
      expect(await pages((after) => store.listSnapshots({ after, limit: 2 })).then((p) => p.flat())).toEqual([
        { contentHash: a, keptAt: at(1) }, { contentHash: b, keptAt: at(2) }, { contentHash: c, keptAt: at(3) },
      ]);
      // Only first parts (a page asks for one row more than its size, so one may be read twice).
      expect([...new Set(counted.parts)]).toEqual([0]);
    });

    test('snapshots kept before first parts were marked are listed, marked once, and then read by their first part', async () => {
      await backend.putMany('snapshots', [...snapshotRowsWithoutHead(a, big, at(1)), ...snapshotRowsWithoutHead(b, 'b', at(2))]);
      const counted = readingParts(backend);
      const store = createStore(counted.backend);
      await store.putSnapshot(c, 'c', at(3)); // written by this version meanwhile
      await store.putSnapshot(b, 'b', at(4)); // an old one kept again
      expect((await store.listSnapshots()).items).toEqual([{ contentHash: a, keptAt: at(1) }, { contentHash: b, keptAt: at(4) }, { contentHash: c, keptAt: at(3) }]);
      counted.parts.length = 0;
      expect((await store.listSnapshots()).items.map((s) => s.contentHash)).toEqual([a, b, c]);
      expect(counted.parts).toEqual([0, 0, 0]);
      // Another process on the same store does not read every part again.
      const other = readingParts(backend);
      expect((await createStore(other.backend).listSnapshots()).items.map((s) => s.contentHash)).toEqual([a, b, c]);
      expect(other.parts).toEqual([0, 0, 0]);
      // The old ones are still read and removed whole.
      expect(await store.getSnapshot(a)).toBe(big);
      expect(await store.deleteSnapshot(a, at(2))).toBe(true);
      expect((await store.listSnapshots()).items.map((s) => s.contentHash)).toEqual([b, c]);
      expect((await backend.query('snapshots', {}, undefined, 10)).length).toBe(2);
    });
  });
}

/** Reads of each collection through the backend (a get or a transaction's read 1, a query its rows or 1). */
function countingReads(backend: DocumentBackend): { backend: DocumentBackend; reads: Record<string, number> } {
  const reads: Record<string, number> = {};
  const add = (collection: string, n: number) => { reads[collection] = (reads[collection] ?? 0) + n; };
  return {
    reads,
    backend: new Proxy(backend, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || !['get', 'modify', 'query', 'sum', 'count'].includes(String(key))) return value;
        return async (collection: string, ...rest: unknown[]) => {
          const out: unknown = await (value as (...a: unknown[]) => Promise<unknown>).call(target, collection, ...rest);
          add(collection, key === 'query' ? Math.max(1, (out as unknown[]).length) : 1);
          return out;
        };
      },
    }),
  };
}

/** A row as a store wrote it before a field was indexed: the body has it, the row's fields do not. */
function rowWithout(collection: 'users' | 'current' | 'publishers', id: string, body: object, fields: Record<string, string>): Row {
  return { id: docId(id), sk: sortKey(id), fields, body: JSON.stringify(body) };
}

/** A submission's row as a store wrote it before `spreadsheetId` was a field. */
function submissionRowWithout(s: Submission): Row {
  return { id: docId(s.id), sk: sortKey(s.createdAt, s.id), fields: { publisherId: s.publisherId, status: s.status }, body: JSON.stringify(s) };
}

/**
 * Queries on fields a store gained later (users' `role`, pointers' `documents`) find the documents written before
 * too: each store marks its old documents once, and after that the query reads only what it asks for.
 * `openBackend` returns a fresh, empty backend for every test.
 */
export function runMarkedFieldsContract(name: string, openBackend: () => Promise<DocumentBackend>): void {
  describe(`${name}: fields added later`, () => {
    let backend: DocumentBackend;
    beforeEach(async () => { backend = await openBackend(); });
    afterEach(async () => { await backend.close(); });

    test('accounts listed by role, those written before `role` was a field included; marked when the counts by role fall short, then read by role only', async () => {
      // Written by an earlier version: `role` only in the body.
      await backend.putMany('users', [
        rowWithout('users', 'c-old', { id: 'c-old', email: 'og@yucatan.example', role: 'coordinador', state: 'Yucatán' }, { email: 'og@yucatan.example' }),
        rowWithout('users', 'k-old', { id: 'k-old', email: 'obras@merida.example', role: 'capturista', publisherId: 'mer' }, { email: 'obras@merida.example', publisherId: 'mer' }),
      ]);
      const counted = countingReads(backend);
      const store = createStore(counted.backend);
      await store.putUser({ id: 'c-new', email: 'og@nl.example', role: 'coordinador', state: 'Nuevo León' });
      await store.putUser({ id: 'a-new', email: 'admin@example.mx', role: 'admin' });
      await store.deleteUser('k-old');
      expect((await store.listUsers({ role: 'coordinador' })).items.map((u) => u.id)).toEqual(['c-new', 'c-old']);
      expect((await store.listUsers({ role: 'admin' })).items.map((u) => u.id)).toEqual(['a-new']);
      expect((await store.listUsers({ role: 'capturista' })).items).toEqual([]);
      // The marking kept each account as it was.
      expect(await store.getUser('c-old')).toEqual({ id: 'c-old', email: 'og@yucatan.example', role: 'coordinador', state: 'Yucatán' });
      expect(await store.findUserByEmail('og@yucatan.example')).toMatchObject({ id: 'c-old' });
      // Another process on the same store counts the accounts (all, and of each role: they add up), then reads the
      // coordinators only: not every account again.
      const other = countingReads(backend);
      expect((await createStore(other.backend).listUsers({ role: 'coordinador' })).items.map((u) => u.id)).toEqual(['c-new', 'c-old']);
      expect(other.reads).toEqual({ users: 4 + 2 });
    });

    test('an account an earlier version wrote after the marking (rolled back, then upgraded again) is listed by role too', async () => {
      const store = createStore(backend);
      await store.putUser({ id: 'c-new', email: 'og@nl.example', role: 'coordinador', state: 'Nuevo León' });
      expect((await store.listUsers({ role: 'coordinador' })).items.map((u) => u.id)).toEqual(['c-new']);
      // Rolled back: the earlier version (its server, or its CLI run against this deployment) adds a coordinator.
      await backend.putMany('users', [rowWithout('users', 'c-back', { id: 'c-back', email: 'og@yucatan.example', role: 'coordinador', state: 'Yucatán' }, { email: 'og@yucatan.example' })]);
      // This version again: a new process, and the one that kept running.
      expect((await createStore(backend).listUsers({ role: 'coordinador' })).items.map((u) => u.id)).toEqual(['c-back', 'c-new']);
      expect((await store.listUsers({ role: 'coordinador' })).items.map((u) => u.id)).toEqual(['c-back', 'c-new']);
    });

    test('the sends of a spreadsheet, those written before `spreadsheetId` was a field included; marked once per store, then only that sheet\'s are read', async () => {
      const sent = (id: string, minute: number, spreadsheetId: string): Submission => ({ ...sampleSubmission(id, 'p1', minute), source: { kind: 'sheets', spreadsheetId }, status: 'submitted' });
      // Written by an earlier version: the sheet only in the body's source.
      await backend.putMany('submissions', [sent('old-1', 1, 'hoja-obras'), sent('old-2', 2, 'hoja-otra'), sent('old-3', 3, 'hoja-obras'), { ...sampleSubmission('old-x', 'p1', 4), source: { kind: 'xlsx' as const, fileId: 'f' } }].map(submissionRowWithout));
      const counted = countingReads(backend);
      const store = createStore(counted.backend);
      await store.createSubmission(sent('new-1', 5, 'hoja-obras'));
      expect((await store.listSubmissions({ spreadsheetId: 'hoja-obras' })).items.map((s) => s.id)).toEqual(['old-1', 'old-3', 'new-1']);
      expect((await store.listSubmissions({ spreadsheetId: 'hoja-obras', newestFirst: true, limit: 1 })).items.map((s) => s.id)).toEqual(['new-1']);
      // The marking kept each send as it was.
      expect(await store.getSubmission('old-3')).toEqual(sent('old-3', 3, 'hoja-obras'));
      expect((await store.listSubmissions({ publisherId: 'p1' })).items).toHaveLength(5);
      // Another process on the same store: the marker says it is done (1 read), then the sheet's 3 sends (and the
      // page's look-ahead): not every send again.
      const other = countingReads(backend);
      expect((await createStore(other.backend).listSubmissions({ spreadsheetId: 'hoja-obras' })).items.map((s) => s.id)).toEqual(['old-1', 'old-3', 'new-1']);
      expect(other.reads).toEqual({ changes: 1, submissions: 3 });
    });

    test('published documents: the sum of the current pointers, those switched before they carried it included', async () => {
      const store = createStore(backend);
      const publication = async (publisherId: string, id: string, counts: { releases: number; records: number; projects: number }) => {
        await store.createPublication({ id, publisherId, contentHash: `hash-${id}`, createdAt: at(1) });
        await store.completePublication(id, counts);
      };
      expect(await store.publishedDocuments()).toBe(0);
      await publication('a', 'A1', { releases: 30, records: 10, projects: 2 });
      await publication('b', 'B1', { releases: 5, records: 5, projects: 0 });
      await publication('b', 'B2', { releases: 7, records: 6, projects: 1 });
      await store.setCurrent('a', 'A1', null);
      await store.setCurrent('b', 'B1', null);
      expect(await store.publishedDocuments()).toBe(52);
      await store.setCurrent('b', 'B2', 'B1');
      expect(await store.publishedDocuments()).toBe(56);
      // A publication written but not switched to counts nothing.
      await publication('c', 'C1', { releases: 100, records: 100, projects: 100 });
      expect(await store.publishedDocuments()).toBe(56);
    });

    test('pointers switched by an earlier version count once marked; the marking is done once per store', async () => {
      const early = createStore(backend);
      for (const [publisherId, id, counts] of [['a', 'A1', { releases: 30, records: 10, projects: 2 }], ['b', 'B1', { releases: 5, records: 5, projects: 0 }], ['b', 'B2', { releases: 7, records: 6, projects: 1 }]] as const) {
        await early.createPublication({ id, publisherId, contentHash: `hash-${id}`, createdAt: at(1) });
        await early.completePublication(id, counts);
      }
      // As an earlier version wrote them: no `documents`, in the body or the row.
      await backend.putMany('current', [
        rowWithout('current', 'a', { publisherId: 'a', publicationId: 'A1' }, { publisherId: 'a' }),
        rowWithout('current', 'b', { publisherId: 'b', publicationId: 'B1' }, { publisherId: 'b' }),
      ]);
      const store = createStore(backend);
      expect(await store.publishedDocuments()).toBe(52);
      expect((await store.getCurrent('a'))?.id).toBe('A1');
      await store.setCurrent('b', 'B2', 'B1');
      expect(await store.publishedDocuments()).toBe(56);
      // Another process: the marker, then the sum; no pointer read again.
      const other = countingReads(backend);
      expect(await createStore(other.backend).publishedDocuments()).toBe(56);
      expect(other.reads).toEqual({ changes: 1, current: 1 });
    });

    test('publishers written before their due date was a field: marked with their current publication\'s date when the counts fall short, then listed by it', async () => {
      const early = createStore(backend);
      await early.createPublication({ id: 'A1', publisherId: 'a', contentHash: 'hash-A1', createdAt: '2024-03-01T18:00:00.000Z' });
      await early.completePublication('A1', { releases: 0, records: 0, projects: 0 });
      // As an earlier version wrote them: no `updateDue` in the row, no `publishedAt` in the body. Both registered
      // 10 January with a period of 90 days; «a» published 1 March (due by 30 May), «b» never (due by 9 April).
      const registered = (id: string): Publisher => ({ ...samplePublisher(id), registeredAt: '2024-01-10T18:00:00.000Z' });
      await backend.putMany('publishers', [rowWithout('publishers', 'a', registered('a'), {}), rowWithout('publishers', 'b', registered('b'), {})]);
      await backend.putMany('current', [rowWithout('current', 'a', { publisherId: 'a', publicationId: 'A1', documents: 0 }, { publisherId: 'a' })]);
      const store = createStore(backend);
      expect((await store.listPublishersDue({ day: '2024-04-10' })).items.map((p) => p.id)).toEqual(['b']);
      expect((await store.listPublishersDue({ day: '2024-05-31' })).items.map((p) => p.id)).toEqual(['a', 'b']);
      // The marking kept each as it was, with its publication's date.
      expect(await store.getPublisher('a')).toEqual({ ...registered('a'), publishedAt: '2024-03-01T18:00:00.000Z' });
      expect(await store.getPublisher('b')).toEqual(registered('b'));
      // Another process: the publishers counted (all, and those carrying the field: they agree), then the due ones only.
      const other = countingReads(backend);
      expect((await createStore(other.backend).listPublishersDue({ day: '2024-04-10' })).items.map((p) => p.id)).toEqual(['b']);
      expect(other.reads).toEqual({ publishers: 2 + 1 });
    });

    test('a publisher an earlier version wrote after the marking (rolled back, then upgraded again) keeps its due day, from its current publication', async () => {
      const store = createStore(backend);
      const registered = (id: string): Publisher => ({ ...samplePublisher(id), registeredAt: '2024-01-10T18:00:00.000Z' });
      const publish = async (id: string, publisherId: string, at: string, previous: string | null) => {
        await store.createPublication({ id, publisherId, contentHash: `hash-${id}`, createdAt: at });
        await store.completePublication(id, { releases: 0, records: 0, projects: 0 });
        await store.setCurrent(publisherId, id, previous);
      };
      await store.putPublisher(registered('a'));
      await store.putPublisher(registered('c'));
      await publish('A1', 'a', '2024-03-01T18:00:00.000Z', null);
      // Due by 30 May (a) and 9 April (c, never published).
      expect((await store.listPublishersDue({ day: '2024-05-31' })).items.map((p) => p.id)).toEqual(['a', 'c']);
      // Rolled back: the earlier version publishes for «a» on 1 April (its pointer only: it knows nothing of the
      // publisher's date) and writes it again (a change of its registration: its body as read, its row without
      // `updateDue`), and registers «b» (on 10 January too, never published), whose row lacks it as well.
      await store.createPublication({ id: 'A2', publisherId: 'a', contentHash: 'hash-A2', createdAt: '2024-04-01T18:00:00.000Z' });
      await store.completePublication('A2', { releases: 0, records: 0, projects: 0 });
      await backend.putMany('current', [rowWithout('current', 'a', { publisherId: 'a', publicationId: 'A2' }, { publisherId: 'a' })]);
      const earlier = { ...((await store.getPublisher('a')) as Publisher), name: 'Municipio A, nuevo nombre' };
      await backend.putMany('publishers', [rowWithout('publishers', 'a', earlier, {}), rowWithout('publishers', 'b', registered('b'), {})]);
      // This version again, the process that kept running and a new one: «b» is due (by 9 April) and «a» by 30 June,
      // from the publication the earlier version made.
      for (const s of [store, createStore(backend)]) {
        const due = async (day: string) => (await s.listPublishersDue({ day })).items.map((p) => p.id).sort();
        expect(await due('2024-04-10')).toEqual(['b', 'c']);
        expect(await due('2024-06-30')).toEqual(['b', 'c']);
        expect(await due('2024-07-01')).toEqual(['a', 'b', 'c']);
      }
      expect(await store.getPublisher('a')).toEqual({ ...earlier, publishedAt: '2024-04-01T18:00:00.000Z' });
      expect(await store.getPublisher('b')).toEqual(registered('b'));

      // Rolled back again: the earlier version publishes for «a» on 1 May, moving its pointer only. Its due day stays
      // 30 June until the publisher is refreshed (the reminders do it for one they list that is not late): 30 July.
      await store.createPublication({ id: 'A3', publisherId: 'a', contentHash: 'hash-A3', createdAt: '2024-05-01T18:00:00.000Z' });
      await store.completePublication('A3', { releases: 0, records: 0, projects: 0 });
      await backend.putMany('current', [rowWithout('current', 'a', { publisherId: 'a', publicationId: 'A3' }, { publisherId: 'a' })]);
      expect((await store.listPublishersDue({ day: '2024-07-01' })).items.map((p) => p.id)).toContain('a');
      await store.refreshPublisherDue('a');
      expect((await store.getPublisher('a'))?.publishedAt).toBe('2024-05-01T18:00:00.000Z');
      expect((await store.listPublishersDue({ day: '2024-07-01' })).items.map((p) => p.id)).not.toContain('a');
      expect((await store.listPublishersDue({ day: '2024-07-31' })).items.map((p) => p.id)).toContain('a');
      // Up to date already, or never published: left as they are.
      await store.refreshPublisherDue('a');
      await store.refreshPublisherDue('b');
      expect((await store.getPublisher('a'))?.publishedAt).toBe('2024-05-01T18:00:00.000Z');
      expect(await store.getPublisher('b')).toEqual(registered('b'));
    });
  });
}

/**
 * Rows as an earlier release's store wrote them: each table with that release's columns, each row its values in
 * that order (SQLite's dump; on Firestore, a document of the non-id columns). test/fixtures/older-store/ has one,
 * written by that release's own code (write-older-store.ts says how), and what it served.
 */
export interface OlderStoreRows {
  writtenBy: string;
  tables: Record<string, { columns: string[]; rows: (string | number | null)[][] }>;
  served: Record<string, string[]>;
}

/**
 * An installation upgraded from an earlier release: the current store opened over what that release wrote
 * (`openOver` puts the rows in a fresh database, in the older shape, and opens the current store on it). Every
 * user keeps working: old keys sign in, the notice finds the coordinators by role, «Mis envíos» and the inbox list
 * the old sends, the old publications are served byte for byte, and the new version acts on them.
 */
export function runOlderRowsContract(name: string, older: OlderStoreRows, openOver: (older: OlderStoreRows) => Promise<Store>): void {
  const day = (d: number, hour: number) => new Date(Date.UTC(2025, 10, d, hour)).toISOString();
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  describe(`${name}: a store written by release ${older.writtenBy}`, () => {
    let store: Store;
    beforeAll(async () => { store = await openOver(older); });
    afterAll(async () => { await store.close(); });

    test('accounts: the old keys sign in, and the accounts are listed by role (a new send\'s notice finds the coordinator)', async () => {
      expect((await store.findUserByTokenHash(sha256('ia_coordinador')))?.email).toBe('og@inaip.org.mx');
      expect((await store.findUserByEmail('obras@merida.gob.mx'))?.publisherId).toBe('merida');
      expect((await store.listUsers({ role: 'coordinador' })).items.map((u) => u.id)).toEqual(['u-og']);
      expect((await store.listUsers({ role: 'capturista' })).items.map((u) => u.id)).toEqual(['u-mid', 'u-vld']);
      expect((await store.listUsers({ role: 'admin' })).items.map((u) => u.id)).toEqual(['u-admin']);
      expect((await store.listUsers({ publisherId: 'valladolid' })).items.map((u) => u.id)).toEqual(['u-vld']);
    });

    test('sends: «Mis envíos» newest first, the inbox by state, each with its history and its copy of the workbook', async () => {
      expect((await store.listSubmissions({ publisherId: 'merida', newestFirst: true })).items.map((s) => `${s.id} ${s.status}`))
        .toEqual(['s-submitted submitted', 's-returned returned', 's-published published']);
      expect((await store.listSubmissions({ status: 'submitted' })).items.map((s) => s.id)).toEqual(['s-submitted']);
      expect((await store.listSubmissions({ publisherId: 'valladolid', status: 'failed' })).items.map((s) => s.id)).toEqual(['s-failed']);
      const returned = await store.getSubmission('s-returned');
      expect(returned?.history.map((h) => h.comment).filter(Boolean)).toEqual(['Falta el contrato firmado del proceso 2.']);
      expect(await store.getSnapshot(returned!.snapshot!.contentHash)).toContain('oc4ids-mid001-2025-001');
      expect((await store.listAudit({ publisherId: 'merida', since: day(12, 0) })).items.map((e) => e.action))
        .toEqual(['submission.created', 'submission.returned', 'submission.created']);
    });

    test('publications: the current ones served byte for byte as the older release served them, and counted', async () => {
      for (const [key, texts] of Object.entries(older.served)) {
        const [kind, publicationId] = key.split(' ') as ['releases' | 'records' | 'projects', string];
        expect((await store.listDocumentTexts(kind, { publicationId, limit: 100 })).items.map((d) => d.text)).toEqual(texts);
        expect((await store.listDocumentBytes(kind, { publicationId, limit: 100 })).items.map((d) => d.bytes.toString('utf8'))).toEqual(texts);
      }
      expect((await store.getCurrent('merida'))?.id).toBe('merida-20251110160000-aaaa0002');
      expect((await store.listPublications({ publisherId: 'merida' })).items.map((p) => p.status)).toEqual(['complete', 'complete']);
      expect(await store.getIndex('merida-20251110160000-aaaa0002')).toMatchObject({ processes: 2 });
      // Two current publications of 2 releases, 2 records and 1 project each.
      expect(await store.publishedDocuments()).toBe(10);
    });

    test('the reminders list the publishers due by their current publication\'s date, given them once', async () => {
      // Both registered 1 November with a period of 90 days; Valladolid published 5 November (due by 3 February),
      // Mérida 10 November (due by 8 February).
      expect((await store.listPublishersDue({ day: '2026-02-03' })).items.map((p) => p.id)).toEqual([]);
      expect((await store.listPublishersDue({ day: '2026-02-04' })).items.map((p) => p.id)).toEqual(['valladolid']);
      expect((await store.listPublishersDue({ day: '2026-02-09' })).items.map((p) => p.id)).toEqual(['merida', 'valladolid']);
      expect((await store.getPublisher('merida'))?.publishedAt).toBe('2025-11-10T16:00:00.000Z');
    });

    test('the new version acts on them: a coordinator added, the waiting send approved and published, the failed one returned', async () => {
      await store.putUser({ id: 'u-og2', email: 'og2@inaip.org.mx', role: 'coordinador', state: 'Yucatán' });
      expect((await store.listUsers({ role: 'coordinador' })).items.map((u) => u.id)).toEqual(['u-og', 'u-og2']);
      await store.transitionSubmission('s-submitted', ['submitted'], 'approved', { at: day(21, 12), by: 'u-og', action: 'approved' });
      await store.createPublication({ id: 'merida-20251121120000-aaaa0003', publisherId: 'merida', contentHash: 'hash-3', createdAt: day(21, 12) });
      await store.completePublication('merida-20251121120000-aaaa0003', { releases: 3, records: 3, projects: 1 });
      await store.setCurrent('merida', 'merida-20251121120000-aaaa0003', 'merida-20251110160000-aaaa0002');
      await store.transitionSubmission('s-submitted', ['approved'], 'published', { at: day(21, 12), by: 'system', action: 'published' });
      await store.transitionSubmission('s-failed', ['failed'], 'returned', { at: day(21, 13), by: 'u-og', action: 'returned', comment: 'Corrija el libro.' });
      expect(await store.publishedDocuments()).toBe(12);
      expect((await store.listSubmissions({ status: 'published' })).items.map((s) => s.id)).toEqual(['s-published', 's-submitted']);
      // Its audit entries start the hash chain; the older ones are «sin huella», not altered.
      await store.appendAudit({ at: day(21, 12), actor: 'system', action: 'publication.published', target: 'publication/merida-20251121120000-aaaa0003', details: {}, publisherId: 'merida' });
      const log = [];
      for (let after: string | undefined, page; (page = await store.listAudit({ after, limit: 1000 })), log.push(...page.items), (after = page.next); );
      const report = verifyChain(log.map((e) => ({ at: e.at, seq: e.seq, prev: e.prev, hash: e.hash, content: e })));
      expect(report).toMatchObject({ chained: 1, unchainedAfterStart: 0, problems: [] });
      expect(report.unchained).toBeGreaterThan(5);
      expect((await store.getSubmission('s-failed'))?.history.at(-1)).toMatchObject({ action: 'returned', comment: 'Corrija el libro.' });
    });
  });
}
