/**
 * One spreadsheet sent twice at the same moment (two officials of the institution, or the add-on's panel opened again
 * while the first send was still being checked): one send in the coordinators' inbox, as when sent one after the
 * other — the second is the same revision again, or a new version of the first. Both were created, two «En revisión»
 * of one sheet, the second left undecided once the first was.
 */
import request from 'supertest';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, type CloudHarness } from './workflow-harness';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store } from '../../functions/src/store/store';
import { WORKBOOK_JSON_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';

const [MER] = PUBLISHERS;

/**
 * «At once», made certain: while armed, each send waits after reading its institution's sends until the other has read
 * them too, so both decide on the same list (as two requests do when checking the workbook takes seconds).
 */
function atOnce(inner: Store): { store: Store; arm(): void } {
  let waiting: (() => void)[] | null = null;
  const store = new Proxy(inner, {
    get: (target, prop, receiver) => {
      if (prop !== 'listSubmissions') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<Store['listSubmissions']>) => {
        const page = await target.listSubmissions(...args);
        const queue = waiting;
        if (queue && args[0]?.publisherId) {
          await new Promise<void>((resolve) => {
            queue.push(resolve);
            if (queue.length === 2) { waiting = null; queue.forEach((go) => go()); }
          });
        }
        return page;
      };
    },
  });
  return { store, arm: () => { waiting = []; } };
}

describe('a spreadsheet sent twice at once', () => {
  let h: CloudHarness;
  let arm: () => void;
  beforeAll(async () => { h = await cloudHarness({ wrapStore: (inner) => { const gate = atOnce(inner); arm = gate.arm; return gate.store; } }); });
  afterAll(() => h.close());

  const send = (sheet: string) => request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
  const sendsOf = async (sheet: string) => (await h.store.listSubmissions({ spreadsheetId: sheet, limit: 100 })).items;

  test('the same revision: one send created, the other answered as that send unchanged', async () => {
    const sheet = '1TwiceAtOnceSheetAbCdEfGhIj';
    h.stub.put(sheet, projectWorkbook(MER));
    arm();
    const answers = await Promise.all([send(sheet), send(sheet)]);
    expect(answers.map((r) => r.body.outcome).sort()).toEqual(['created', 'unchanged']);
    expect(new Set(answers.map((r) => r.body.submission.id)).size).toBe(1);
    expect((await sendsOf(sheet)).map((s) => s.status)).toEqual(['submitted']);
    const created = (await h.store.listAudit({ publisherId: 'mer' })).items.filter((e) => e.action === 'submission.created' && e.target === `submission/${answers[0].body.submission.id}`);
    expect(created).toHaveLength(1);
  });

  test('after it is decided, the sheet\'s next sends are new ones again (and, sent at once, one of them)', async () => {
    const sheet = '1TwiceAtOnceLaterSheetAbCdEf';
    h.stub.put(sheet, projectWorkbook(MER, { title: 'Primera versión' }));
    const first = (await send(sheet).expect(201)).body.submission.id as string;
    await request(h.app).post(`/api/submissions/${first}/approve`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    h.stub.put(sheet, projectWorkbook(MER, { title: 'Segunda versión' }));
    arm();
    const answers = await Promise.all([send(sheet), send(sheet)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    const second = answers.find((r) => r.status === 201)!.body.submission.id as string;
    expect(second).not.toBe(first);
    expect((await sendsOf(sheet)).map((s) => [s.id, s.status]).sort()).toEqual([[first, 'published'], [second, 'submitted']].sort());
  });
});

test('self-hosted, two different revisions of one sheet at once: one send, a new version of the other', async () => {
  let arm = (): void => undefined;
  const h = await localHarness({ openStore: () => { const gate = atOnce(openSqliteStore(':memory:')); arm = gate.arm; return gate.store; } });
  try {
    const send = (title: string) => request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA'))
      .set('Content-Type', WORKBOOK_JSON_MIME).send(JSON.stringify({ spreadsheetId: 'hoja-dos-a-la-vez', workbook: workbookValues(projectWorkbook(MER, { title })) }));
    arm();
    const answers = await Promise.all([send('Versión de Ana'), send('Versión de Luis')]);
    expect(answers.map((r) => r.body.outcome).sort()).toEqual(['created', 'resubmitted']);
    const sends = (await h.store.listSubmissions({ spreadsheetId: 'hoja-dos-a-la-vez', limit: 100 })).items;
    expect(sends).toHaveLength(1);
    const last = answers.find((r) => r.body.outcome === 'resubmitted')!.body.submission;
    expect(sends[0]).toMatchObject({ id: last.id, status: 'submitted', snapshot: { contentHash: last.snapshot.contentHash } });
    expect(sends[0].history.map((e) => e.action)).toEqual(['submitted', 'resubmitted']);
  } finally {
    await h.close();
  }
});
