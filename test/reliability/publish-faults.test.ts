/**
 * "Never lost, corrupted or half-replaced" (DESIGN §6) under store failures:
 * - publish(): the writes of one publication are counted, then a failure is injected after every possible
 *   number of them (failingStore, item by item inside batches): the publisher's `current` publication is always
 *   complete and intact, and a retry on a healthy store ends published with fresh stats.
 * - an approval over HTTP: every store write of the approval fails once in turn: the answer is a Spanish error,
 *   the public API keeps serving a whole publication, the submission ends failed (or, when the failure hit its
 *   own bookkeeping, stays recoverable), and approving again publishes.
 */
import request from 'supertest';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { failingStore, InjectedFailure } from '../../functions/src/store/failing-store';
import type { Publication, Store, Submission } from '../../functions/src/store/store';
import { publish } from '../../functions/src/publication/publish';
import { recoverStaleApproval, STALE_APPROVAL_MS } from '../../functions/src/workflow/approve-submission';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';
import { projectWorkbook, PUBLISHERS } from '../workflow/workflow-harness';
import { reliabilityApp, type ReliabilityApp } from './reliability-harness';

const BASE = 'http://127.0.0.1:8080';

async function countAll(list: (after?: string) => Promise<{ items: unknown[]; next?: string }>): Promise<unknown[]> {
  const out: unknown[] = [];
  let after: string | undefined;
  do { const page = await list(after); out.push(...page.items); after = page.next; } while (after);
  return out;
}

/** The publication's documents, exactly as readers would get them. */
async function snapshot(store: Store, publication: Publication) {
  const id = publication.id;
  return {
    releases: await countAll((after) => store.listReleases({ publicationId: id, after, limit: 1000 })),
    records: await countAll((after) => store.listRecords({ publicationId: id, after, limit: 1000 })),
    projects: await countAll((after) => store.listProjects({ publicationId: id, after, limit: 1000 })),
  };
}

/** A current publication must be complete and hold exactly what its counts say. */
async function expectWhole(store: Store, publisherId: string): Promise<Publication> {
  const current = await store.getCurrent(publisherId);
  expect(current?.status).toBe('complete');
  const docs = await snapshot(store, current!);
  const { releases, records, projects } = current!.counts;
  expect({ releases: docs.releases.length, records: docs.records.length, projects: docs.projects.length }).toEqual({ releases, records, projects });
  return current!;
}

describe('publish() with a store failure after every write', () => {
  test('counting the writes, then failing after each: previous publication intact, retry publishes with fresh stats', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 1, 'tender/title', 'Otro título');
    setCell(edited, 'Contrataciones', 2, 'tender/title', 'Un tercer título');

    const fresh = async () => {
      const store = openSqliteStore(':memory:');
      await store.putPublisher(publisher);
      const first = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
      if (first.status !== 'published') throw new Error('the example workbook must publish');
      return { store, first: first.publication };
    };

    // How many document writes one publication takes (a batch of n counts n, as in failingStore): the least budget
    // with which it publishes, found by halving (a publication given fewer writes fails at the first one past them,
    // which the loop below checks for every budget under it). One probe per budget tried took as long as that loop.
    const publishesWith = async (budget: number): Promise<boolean> => {
      const probe = await fresh();
      try {
        await publish(failingStore(probe.store, budget), { publisher, workbook: edited, actor: 'system', now: '2025-07-05T10:00:00-06:00', baseUrl: BASE });
        return true;
      } catch (e) {
        if (!(e instanceof InjectedFailure)) throw e;
        return false;
      } finally {
        await probe.store.close();
      }
    };
    let total = 0;
    let enough = 16;
    while (!(await publishesWith(enough))) [total, enough] = [enough + 1, enough * 2];
    for (let high = enough; total < high;) {
      const middle = Math.floor((total + high) / 2);
      if (await publishesWith(middle)) high = middle;
      else total = middle + 1;
    }
    expect(total).toBeGreaterThan(15);

    for (let budget = 0; budget < total; budget++) {
      const { store, first } = await fresh();
      const before = await snapshot(store, first);
      await expect(publish(failingStore(store, budget), { publisher, workbook: edited, actor: 'system', now: '2025-07-05T10:00:00-06:00', baseUrl: BASE })).rejects.toBeInstanceOf(InjectedFailure);
      // Either the old publication (failure before the switch) or the whole new one (failure after it).
      const current = await expectWhole(store, 'merida');
      expect(await snapshot(store, first)).toEqual(before);
      const switched = current.id !== first.id;

      const retry = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-05T10:00:01-06:00', baseUrl: BASE });
      expect(retry.status).toBe(switched ? 'unchanged' : 'published');
      const after = await expectWhole(store, 'merida');
      expect(after.id).not.toBe(first.id);
      // The dashboard aggregates follow the current publication even when the failure hit the stats write.
      expect((await store.getStats('merida'))?.publicationId).toBe(after.id);
      await store.close();
    }
  });
});

describe('an approval with a store failure at each of its writes', () => {
  const [MER] = PUBLISHERS;
  let h: ReliabilityApp;
  beforeAll(async () => { h = await reliabilityApp(); });
  afterAll(() => h.close());

  let n = 0;
  const submit = async (title: string) => {
    const sheet = `1ApprovalFaultSheet${String(n++).padStart(4, '0')}xyz`;
    h.stub.put(sheet, projectWorkbook(MER, { title }));
    const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
    expect(created.status).toBe(201);
    return created.body.submission.id as string;
  };
  const approve = (id: string) => request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
  const servedTitle = async () => (await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects?.[0]?.title as string | undefined;

  test('every write step: Spanish error, whole publication served, and approving again publishes', async () => {
    // A clean approval counts the steps. The coordinator's first request is logged apart (`session.started`,
    // sign-in-audit.ts, whose failure does not stop the request): made before, it is not one of the approval's writes.
    const initial = await submit('Parque inicial');
    expect((await request(h.app).get('/api/submissions').set('Authorization', h.bearer('coordinadorA'))).status).toBe(200);
    h.faults.reset();
    expect((await approve(initial)).status).toBe(200);
    const steps = [...h.faults.writes];
    expect(steps).toEqual(expect.arrayContaining(['transitionSubmission', 'createPublication', 'putProjects', 'setCurrent', 'putStats', 'appendAudit']));

    for (let step = 0; step < steps.length; step++) {
      const previous = await servedTitle();
      const title = `Parque, versión ${step}`;
      const id = await submit(title);
      h.faults.failAt(step);
      const first = await approve(id);
      h.faults.reset();
      expect([500, 502]).toContain(first.status);
      expect(first.body.error.message).toMatch(/[Oo]curri|intente|Apruebe/);
      expect(first.body.error.message).not.toContain('injected');
      // Readers see one whole publication: the previous one, or the new one if only the bookkeeping failed.
      expect([previous, title]).toContain(await servedTitle());
      await expectWhole(h.inner, 'mer');

      let submission = (await h.inner.getSubmission(id))!;
      if (first.status === 502) {
        expect(submission.status).toBe('failed');
        expect(submission.history.at(-1)?.comment).toMatch(/Apruebe de nuevo/);
      }
      // A failure of the final bookkeeping leaves it `approved`: approvable again once stale (process-death rule).
      // A failure of the very last audit write comes after it was marked published: nothing to retry.
      if (submission.status === 'approved') h.clock.advance(STALE_APPROVAL_MS + 1000);
      if (submission.status !== 'published') expect((await approve(id)).status).toBe(200);
      submission = (await h.inner.getSubmission(id))!;
      expect(submission.status).toBe('published');
      expect(await servedTitle()).toBe(title);
      const current = await expectWhole(h.inner, 'mer');
      expect((await h.inner.getStats('mer'))?.publicationId).toBe(current.id);
    }
  });
});

describe('interrupted approvals', () => {
  test('recoverStaleApproval marks only a stale `approved` submission failed, with the reason', async () => {
    const store = openSqliteStore(':memory:');
    const at = '2025-07-01T12:00:00.000Z';
    for (const id of ['a', 'b']) {
      await store.createSubmission({ id, publisherId: 'mer', source: { kind: 'xlsx', fileId: id }, status: 'submitted', history: [{ at, by: 'u', action: 'submitted' }], createdAt: at, updatedAt: at });
    }
    await store.transitionSubmission('a', ['submitted'], 'approved', { at, by: 'u-og', action: 'approved' });
    const t = Date.parse(at);
    const [a, b] = [await store.getSubmission('a'), await store.getSubmission('b')] as Submission[];
    expect((await recoverStaleApproval(store, a, new Date(t + STALE_APPROVAL_MS - 1))).status).toBe('approved');
    expect((await recoverStaleApproval(store, a, new Date(t + STALE_APPROVAL_MS + 1))).status).toBe('failed');
    expect((await store.getSubmission('a'))?.history.at(-1)).toMatchObject({ action: 'failed', by: 'system', comment: expect.stringMatching(/se interrumpió/) });
    expect((await recoverStaleApproval(store, b, new Date(t + STALE_APPROVAL_MS + 1))).status).toBe('submitted');
    expect((await store.getSubmission('b'))?.status).toBe('submitted');
    await store.close();
  });
});
