/**
 * A submission's history cannot outgrow its document (issue 13 item 6): 45 return/resubmit cycles with the
 * longest, most escape-heavy comments the API accepts, on the self-hosted app (SQLite, .xlsx uploads). Every
 * answer stays Spanish and 2xx, the stored document stays under the store's limit, the audit log keeps every
 * decision the submission no longer holds, and the submission can still be approved and published. And a workbook
 * too large for one stored document fails its approval with a Spanish reason, not the store's English detail.
 */
import request from 'supertest';
import { MAX_BODY_BYTES } from '../../functions/src/store/collections';
import { appendHistory, MAX_HISTORY_BYTES, MAX_HISTORY_ENTRIES } from '../../functions/src/store/submission-history';
import type { HistoryEntry, Submission } from '../../functions/src/store/store';
import { XLSX_MIME } from '../../core/workflow/contract';
import { readAll } from '../../functions/src/store/read-all';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, xlsxOf, type CloudHarness, type LocalHarness } from './workflow-harness';

const [MER] = PUBLISHERS;
const CYCLES = 45;
/** 5000 characters (the API's limit) that JSON escapes to 6 bytes each: ~30 KB per return. */
const worstComment = (n: number): string => `Devolución ${n}: `.padEnd(5000, '\u0001');

describe('a submission returned and sent again many times', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness(); });
  afterAll(async () => { await h.close(); });

  test(`${CYCLES} return/resubmit cycles: Spanish answers, a bounded document, every decision in the audit log`, async () => {
    const file = await xlsxOf(projectWorkbook(MER));
    const send = () => request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(file);
    const created = await send();
    expect(created.status).toBe(201);
    const id = created.body.submission.id as string;

    for (let n = 1; n <= CYCLES; n++) {
      const returned = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: worstComment(n) });
      expect([n, returned.status, returned.body.error?.message]).toEqual([n, 200, undefined]);
      const again = await send();
      expect([n, again.status, again.body.error?.message]).toEqual([n, 200, undefined]);
      expect(again.body.submission.id).toBe(id);
    }

    const stored = (await h.store.getSubmission(id)) as Submission;
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThan(MAX_BODY_BYTES / 2);
    expect(Buffer.byteLength(JSON.stringify(stored.history))).toBeLessThanOrEqual(MAX_HISTORY_BYTES);
    // How it started, then the newest decisions; what was dropped is counted.
    expect(stored.history[0].action).toBe('submitted');
    expect(stored.history.slice(-2).map((e) => e.action)).toEqual(['returned', 'resubmitted']);
    expect(stored.history[stored.history.length - 2].comment).toBe(worstComment(CYCLES));
    expect(stored.history.length + (stored.earlierEntries ?? 0)).toBe(1 + 2 * CYCLES);
    expect(stored.earlierEntries).toBeGreaterThan(0);

    // The audit log holds every return with its comment, and every resubmission.
    const audit = (await readAll((after) => h.store.listAudit({ publisherId: 'mer', after, limit: 1000 }))).filter((e) => e.target === `submission/${id}`);
    const returns = audit.filter((e) => e.action === 'submission.returned').map((e) => e.details.comment);
    expect(returns).toEqual(Array.from({ length: CYCLES }, (_, i) => worstComment(i + 1)));
    expect(audit.filter((e) => e.action === 'submission.resubmitted')).toHaveLength(CYCLES);

    // Still a working submission: approve publishes it.
    const approved = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(approved.status).toBe(200);
    expect(approved.body.submission.status).toBe('published');
    expect(approved.body.submission.history.at(-1).action).toBe('published');
  });
});

describe('appendHistory', () => {
  const entry = (n: number, comment?: string): HistoryEntry => ({ at: `2025-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`, by: 'u', action: `a${n}`, ...(comment ? { comment } : {}) });

  test('short entries: the first and the newest, up to the count limit', () => {
    let s: Pick<Submission, 'history' | 'earlierEntries'> = { history: [entry(0)] };
    for (let n = 1; n <= 120; n++) s = appendHistory(s, entry(n));
    expect(s.history).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(s.history[0].action).toBe('a0');
    expect(s.history.at(-1)?.action).toBe('a120');
    expect(s.history[1].action).toBe(`a${120 - MAX_HISTORY_ENTRIES + 2}`);
    expect(s.earlierEntries).toBe(121 - MAX_HISTORY_ENTRIES);
  });

  test('under both limits nothing is dropped and no count is added', () => {
    const s = appendHistory({ history: [entry(0)] }, entry(1, 'Falta el monto'));
    expect(s).toEqual({ history: [entry(0), entry(1, 'Falta el monto')] });
  });
});

describe('a workbook whose data is too large for one stored document', () => {
  let h: CloudHarness;
  beforeAll(async () => { h = await cloudHarness(); });
  afterAll(async () => { await h.close(); });

  test('it is refused when submitted, on its cell, in Spanish, naming no collection, key or byte count', async () => {
    const sheet = '1TooLargeSheetAbCdEfGhIjKlMnOp';
    const workbook = projectWorkbook(MER);
    // A 1.2 MB description: one project document cannot hold it (DESIGN §7: documents stay under 1 MiB). The
    // text-length rule is sized so that it is refused on its cell before anything is stored.
    workbook.sheets[0].rows[1][9] = 'Rehabilitación del parque. '.repeat(45_000);
    h.stub.put(sheet, workbook);
    const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
    expect(created.status).toBe(422);
    expect(created.body.error.code).toBe('workbook-has-errors');
    expect(JSON.stringify(created.body.error.findings)).toMatch(/el máximo es/);
    expect(JSON.stringify(created.body)).not.toMatch(/bytes|exceeds|releases|records|\["/);
    expect((await h.store.listSubmissions({})).items.filter((x) => x.source.kind === 'sheets' && x.source.spreadsheetId === sheet)).toHaveLength(0);
  });
});
