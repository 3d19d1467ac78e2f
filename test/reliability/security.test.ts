/**
 * Security (Reliability issue §5):
 * - secrets never reach the logs: a workflow run with successes, refusals and failures (bad tokens, Google
 *   rejecting our credentials, a store failure) logs neither identity tokens nor the Sheets access token, and
 *   the audit log holds no token either;
 * - rate limits on the authenticated endpoints, per token and per IP, with 429, a Spanish message and
 *   Retry-After; public reads are not limited.
 * (Firestore rules: checked statically in test/firebase-files.test.ts — the rules emulator needs Java 21.)
 */
import request from 'supertest';
import { WindowCounter } from '../../functions/src/api/rate-limit';
import { projectWorkbook, PUBLISHERS, USERS } from '../workflow/workflow-harness';
import { reliabilityApp, SHEETS_ACCESS_TOKEN, type ReliabilityApp } from './reliability-harness';

const [MER] = PUBLISHERS;

describe('secrets are never logged', () => {
  let h: ReliabilityApp;
  const consoleLines: string[] = [];
  beforeAll(async () => {
    h = await reliabilityApp();
    for (const level of ['log', 'error', 'warn', 'info', 'debug'] as const) {
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => { consoleLines.push(args.map(String).join(' ')); });
    }
  });
  afterAll(async () => { jest.restoreAllMocks(); await h.close(); });

  test('a workflow run with failures logs no token', async () => {
    const tokens = new Set<string>([SHEETS_ACCESS_TOKEN]);
    const bearer = (name: keyof typeof USERS) => { const b = h.bearer(name); tokens.add(b.slice('Bearer '.length)); return b; };
    const sheet = '1SecretsSheetAbCdEfGhIjKlMn';
    h.stub.put(sheet, projectWorkbook(MER));
    // Google refuses our credentials when the submission is read (snapshot on submit), then it works.
    h.stub.fail(sheet, { kind: 401 });
    expect((await request(h.app).post('/api/submissions').set('Authorization', bearer('capturistaA')).send({ spreadsheetId: sheet })).status).toBe(422);
    h.stub.fail(sheet, undefined);
    const id = (await request(h.app).post('/api/submissions').set('Authorization', bearer('capturistaA')).send({ spreadsheetId: sheet })).body.submission.id as string;

    // Forged, foreign and expired tokens.
    const foreign = h.identity.foreignToken({ email: USERS.admin.email });
    const expired = h.identity.token({ email: USERS.admin.email, issuedAt: -7200, expiresIn: -3600 });
    for (const t of [foreign, expired, 'ia_0123456789abcdef0123456789abcdef', `${foreign}x`]) {
      tokens.add(t);
      expect((await request(h.app).get('/api/submissions').set('Authorization', `Bearer ${t}`)).status).toBe(401);
    }
    // The store fails mid-publication, then it works.
    h.faults.failAt(4);
    expect((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', bearer('coordinadorA'))).status).toBe(502);
    h.faults.reset();
    expect((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', bearer('admin'))).status).toBe(200);
    // The Sheets stub really received the access token (so it was in play).
    expect(h.stub.requests.some((r) => r.authorization === `Bearer ${SHEETS_ACCESS_TOKEN}`)).toBe(true);

    const audit = JSON.stringify((await h.inner.listAudit({ limit: 1000 })).items);
    const logged = [...h.logs, ...consoleLines].join('\n');
    expect(h.logs.length).toBeGreaterThan(0);
    for (const t of tokens) {
      expect(logged).not.toContain(t);
      expect(audit).not.toContain(t);
      // Not even a recognisable part of it (e.g. a JWT's signature).
      expect(logged).not.toContain(t.slice(-24));
    }
  });
});

describe('rate limits on authenticated endpoints', () => {
  test('WindowCounter: limit per window, then the wait until the window ends; memory stays bounded', () => {
    const counter = new WindowCounter({ limit: 2, windowMs: 1000 }, 3);
    expect([counter.hit('a', 0), counter.hit('a', 10), counter.hit('a', 400)]).toEqual([0, 0, 600]);
    expect(counter.hit('a', 1000)).toBe(0);
    for (let i = 0; i < 10; i++) counter.hit(`ip-${i}`, 1500);
    expect(counter.size).toBeLessThanOrEqual(3);
  });

  test('per token and per IP: 429 with Retry-After and a Spanish message; public reads unaffected', async () => {
    let now = 0;
    const h = await reliabilityApp({ rateLimits: { perToken: { limit: 3, windowMs: 60_000 }, perIp: { limit: 5, windowMs: 60_000 }, now: () => now } });
    try {
      const a = h.bearer('capturistaA');
      const b = h.bearer('coordinadorA');
      const list = (auth: string) => request(h.app).get('/api/submissions').set('Authorization', auth);
      expect([(await list(a)).status, (await list(a)).status, (await list(a)).status]).toEqual([200, 200, 200]);
      const limited = await list(a);
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('60');
      expect(limited.body.error).toEqual({ code: 'rate-limited', message: 'Demasiadas solicitudes en poco tiempo. Espere 60 segundos e intente de nuevo.' });
      // Another token from the same address: allowed until the address's own limit.
      expect((await list(b)).status).toBe(200);
      expect((await list(b)).status).toBe(429);
      // Unauthenticated floods count against the address too (before any token is verified).
      expect((await request(h.app).post('/api/submissions').send({ spreadsheetId: 'x' })).status).toBe(429);
      // «Revisar sin enviar» costs what a send costs: counted the same.
      expect((await request(h.app).post('/api/workbook-check').set('Authorization', a)).status).toBe(429);
      // So is «Validar»'s look-up of the links to other implementers.
      expect((await request(h.app).post('/api/link-check').set('Authorization', a).send({ processes: [], named: [] })).status).toBe(429);
      // Public reads are cached and open.
      expect((await request(h.app).get('/api/publishers')).status).toBe(200);
      // A new window.
      now += 60_000;
      expect((await list(a)).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  test('the program stages and the publishers\' registration are limited as well', async () => {
    const h = await reliabilityApp({ rateLimits: { perToken: { limit: 2, windowMs: 60_000 }, perIp: { limit: 100, windowMs: 60_000 } } });
    try {
      const coordinator = h.bearer('coordinadorA');
      const stages = () => request(h.app).put('/api/publishers/mer/stages').set('Authorization', coordinator).send({ stages: {} });
      expect([(await stages()).status, (await request(h.app).get('/api/stages').set('Authorization', coordinator)).status]).toEqual([200, 200]);
      expect((await stages()).status).toBe(429);
      expect((await request(h.app).get('/api/stages').set('Authorization', coordinator)).status).toBe(429);
      // A flood of registrations with guessed keys costs a counter, not a lookup of each key.
      const guess = () => request(h.app).put('/api/publishers/mer').set('Authorization', 'Bearer ia_0000000000000000000000000000000000000000').send({});
      expect([(await guess()).status, (await guess()).status, (await guess()).status]).toEqual([401, 401, 429]);
      // Public reads of the publishers stay open.
      expect((await request(h.app).get('/api/publishers')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
