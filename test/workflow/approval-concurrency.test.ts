/**
 * The approval is a compare-and-set on the submission (SQLite, where transactions are real): of parallel
 * approvals exactly one publishes. A store failure in the middle of publishing leaves the submission `failed`
 * with a Spanish reason, the public data untouched, and approving again works.
 */
import request from 'supertest';
import { cloudHarness, projectWorkbook, PUBLISHERS, type CloudHarness } from './workflow-harness';
import type { Store } from '../../functions/src/store/store';

const [MER] = PUBLISHERS;

describe('parallel approvals', () => {
  let h: CloudHarness;
  beforeAll(async () => { h = await cloudHarness(); });
  afterAll(() => h.close());

  test('exactly one of five concurrent approvals proceeds; the others get 409', async () => {
    const sheet = '1ConcurrentSheetAbCdEfGhIjKl';
    h.stub.put(sheet, projectWorkbook(MER));
    const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
    const id = created.body.submission.id as string;
    const results = await Promise.all(['coordinadorA', 'admin', 'coordinadorA', 'admin', 'coordinadorA'].map((u) =>
      request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer(u as 'admin'))));
    const statuses = results.map((r) => r.status).sort();
    const winner = ['revision@inaip-yucatan.org.mx', 'admin@infra-abierta.mx', 'revision@inaip-yucatan.org.mx', 'admin@infra-abierta.mx', 'revision@inaip-yucatan.org.mx'][results.findIndex((r) => r.status === 200)];
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.message).toMatch(/ya no está en espera de aprobación/);
    expect((await h.store.listPublications({ publisherId: 'mer' })).items).toHaveLength(1);
    const audit = (await h.store.listAudit({ publisherId: 'mer' })).items.map((e) => e.action);
    expect(audit.filter((a) => a === 'submission.approved')).toHaveLength(1);
    expect(audit.filter((a) => a === 'publication.published')).toHaveLength(1);
    // Approving or returning it again is refused with its state in words.
    const again = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Tarde' }).expect(409);
    // It names who decided, for the coordinator who lost the race (another coordinator of the same state).
    expect(again.body.error.message).toMatch(new RegExp(`^Este envío ya no está en espera de revisión: está «Publicado» \\(lo aprobó ${winner.replace(/\./g, '\\.')} el \\d\\d/\\d\\d/\\d{4}, \\d\\d:\\d\\d:\\d\\d\\s?[ap]\\.\\s?m\\.\\)\\.$`));
  });

  test('a returned submission cannot be approved, and the refusal says it was returned (not that a newer one was approved)', async () => {
    const sheet = '1ReturnedSheetAbCdEfGhIjKlMn';
    h.stub.put(sheet, projectWorkbook(MER, { title: 'Parque devuelto' }));
    const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
    const id = created.body.submission.id as string;
    await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Corrija el título.' }).expect(200);
    const refused = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA')).expect(409);
    expect(refused.body.error.message).toMatch(/^Este envío ya no está en espera de aprobación: está «Devuelto con comentarios» \(lo devolvió revision@inaip-yucatan\.org\.mx el \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d\s?[ap]\.\s?m\.\)\. Quien capturó debe corregirlo y enviarlo de nuevo\.$/);
  });
});

describe('a store failure while publishing', () => {
  let h: CloudHarness;
  let failNext = false;
  /** Fails the next createPublication once: a narrow fault, so the routes can still record the failure. */
  const flaky = (inner: Store): Store => new Proxy(inner, {
    get: (target, prop, receiver) => {
      if (prop === 'createPublication') {
        return async (...args: Parameters<Store['createPublication']>) => {
          if (failNext) { failNext = false; throw new Error('disk full'); }
          return target.createPublication(...args);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  beforeAll(async () => { h = await cloudHarness({ wrapStore: flaky }); });
  afterAll(() => h.close());

  test('the submission is failed with a Spanish reason and approving again publishes', async () => {
    const sheet = '1FlakyStoreSheetAbCdEfGhIjKl';
    h.stub.put(sheet, projectWorkbook(MER));
    const id = (await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet })).body.submission.id;
    failNext = true;
    const failed = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(failed.status).toBe(502);
    expect(failed.body.error).toEqual({ code: 'publish.internal', message: expect.stringMatching(/^Ocurrió un error interno al publicar; no se publicó nada/) });
    expect(failed.body.error.message).not.toContain('disk full');
    expect(failed.body.submission.status).toBe('failed');
    // Nothing published: the listing says so (an empty package is invalid against the official schema).
    expect((await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.error.code).toBe('not-published');

    // The capturista sees the reason in the history.
    const seen = await request(h.app).get(`/api/submissions/${id}`).set('Authorization', h.bearer('capturistaA'));
    expect(seen.body.submission.history.at(-1)).toMatchObject({ action: 'failed', comment: failed.body.error.message });

    const retried = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(retried.status).toBe(200);
    expect(retried.body.submission.status).toBe('published');
    expect((await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects).toHaveLength(1);
  });

  test('Google failing repeatedly: the submission is refused with the Spanish message, then sending again works', async () => {
    const sheet = '1GoogleDownSheetAbCdEfGhIjKl';
    h.stub.put(sheet, projectWorkbook(MER, { title: 'Otro título' }));
    h.stub.fail(sheet, { kind: 503 });
    const failed = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
    expect(failed.status).toBe(422);
    expect(failed.body.error.message).toBe('No se pudo leer la hoja de cálculo: Google respondió 503 (error temporal del servicio). Intente de nuevo en unos minutos.');
    h.stub.fail(sheet, undefined);
    const id = (await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet })).body.submission.id;
    const approved = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(approved.body.submission.status).toBe('published');
  });
});
