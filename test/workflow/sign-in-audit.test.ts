/**
 * Sign-ins in the Bitácora (functions/src/auth/sign-in-audit.ts), for the officer who must answer who entered with
 * which account, when and from where, and which attempts failed: over HTTP on the real app (SQLite) self-hosted and
 * in the cloud, and the flood limits on the log itself with a clock of the test's.
 */
import request from 'supertest';
import { cloudHarness, localHarness, PUBLISHERS, projectWorkbook, uploadXlsx, USERS, xlsxOf, type CloudHarness, type LocalHarness } from './workflow-harness';
import { tamper } from './test-identity';
import { checkSessionAnswer } from '../../core/workflow/contract';
import { auditActionLabel } from '../../core/workflow/action-labels';
import { auditDetailsText } from '../../core/workflow/audit-details';
import { formatTimestamp } from '../../core/format/es-mx';
import { signInAudit } from '../../functions/src/auth/sign-in-audit';
import { apiTokenAuthenticator } from '../../functions/src/auth/api-token-authenticator';
import { HttpError } from '../../functions/src/api/http-error';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { verifyChain } from '../../functions/src/audit/audit-chain';
import { parseQueuedTask } from '../../functions/src/publication/queued-task';
import type { AuditEntry, Store } from '../../functions/src/store/store';

type Row = AuditEntry & { by: string };
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
const sessionRows = (entries: Row[]) => entries.filter((e) => e.action.startsWith('session.'));

describe('self-hosted: access keys', () => {
  let h: LocalHarness;
  let clock = Date.parse('2026-03-02T08:00:00Z');
  beforeAll(async () => { h = await localHarness({ now: () => new Date(clock) }); });
  afterAll(() => h.close());
  const audit = async (as: 'admin' | 'coordinadorA' | 'coordinadorB'): Promise<Row[]> => {
    const res = await request(h.app).get('/api/audit').set('Authorization', h.bearer(as)).set('User-Agent', 'auditor');
    expect(res.status).toBe(200);
    return res.body.entries as Row[];
  };

  test('«Entrar», requests, «Cerrar sesión» and refused keys: who, when, from where, never the key', async () => {
    const key = h.bearer('coordinadorA');
    // «Entrar»: POST /api/session answers who it is and is written with the address and program.
    const signedIn = await request(h.app).post('/api/session').set('Authorization', key).set('User-Agent', BROWSER);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    expect(checkSessionAnswer(signedIn.body).viewer.email).toBe(USERS.coordinadorA.email);
    // The pages' requests that follow, from the same browser: no entry each.
    clock += 60_000;
    for (let i = 0; i < 3; i++) expect((await request(h.app).get('/api/submissions').set('Authorization', key).set('User-Agent', BROWSER)).status).toBe(200);
    // The same key from another program at 2 a.m. (a script, the key copied elsewhere): written once, as a new place.
    clock = Date.parse('2026-03-03T08:00:00Z');
    for (let i = 0; i < 2; i++) expect((await request(h.app).get('/api/submissions').set('Authorization', key).set('User-Agent', 'curl/8.5.0')).status).toBe(200);
    // Refused keys: one that cannot be one, one with the form of a key that no account has, a header that is no bearer.
    const wrong = `ia_${'x'.repeat(40)}`;
    expect((await request(h.app).post('/api/session').set('Authorization', `Bearer ${wrong}`).set('User-Agent', BROWSER)).status).toBe(401);
    clock += 1000;
    const sign = await request(h.app).post('/api/session/sign-out').set('Authorization', key).set('User-Agent', BROWSER);
    expect(sign.status).toBe(204);

    const rows = sessionRows(await audit('admin'));
    expect(rows.map((e) => [e.action, e.by, e.details.userAgent ?? null])).toEqual([
      ['session.signed-in', USERS.coordinadorA.email, BROWSER],
      ['session.started', USERS.coordinadorA.email, 'curl/8.5.0'],
      ['session.sign-in-failed', 'sin identificar', BROWSER],
      ['session.signed-out', USERS.coordinadorA.email, BROWSER],
      // The auditor's own reading of the log is its first request.
      ['session.started', USERS.admin.email, 'auditor'],
    ]);
    expect(rows[1].at).toBe('2026-03-03T08:00:00.000Z');
    for (const e of rows) expect(e.details.ip).toMatch(/127\.0\.0\.1$/);
    expect(rows[0]).toMatchObject({ actor: USERS.coordinadorA.id, target: `user/${USERS.coordinadorA.id}`, details: { via: 'clave', state: 'Yucatán' } });
    expect(rows[2]).toMatchObject({ actor: 'anonymous', target: 'session', details: { reason: 'unknown-key', attempts: 1 } });
    // Nothing of any key, typed right or wrong, nor of its hash.
    const text = JSON.stringify(rows);
    for (const secret of [key.slice(7), wrong, wrong.slice(3, 20)]) expect(text).not.toContain(secret);
    const hashes = (await h.store.listUsers?.({}))?.items?.map((u) => u.tokenHash).filter(Boolean) ?? [];
    for (const hash of hashes) expect(text).not.toContain(hash as string);
    // In words, for the Bitácora's «Acción» and «Detalle».
    expect(auditActionLabel('session.sign-in-failed')).toBe('Intentó entrar con una credencial rechazada');
    expect(auditDetailsText(rows[2].action, rows[2].details)).toMatch(/^Motivo: clave de acceso desconocida .*; Primer intento fallido desde esa dirección; Dirección IP: \S+; Programa: Mozilla.*; Con clave de acceso$/);

    // Yucatán's coordination reads its own accounts' sign-ins; Nuevo León's does not, nor anyone's refused keys.
    // (Its reading of the log, from another program, after signing out: a new session.)
    expect(sessionRows(await audit('coordinadorA')).map((e) => `${e.action} ${e.details.userAgent}`)).toEqual([
      `session.signed-in ${BROWSER}`, 'session.started curl/8.5.0', `session.signed-out ${BROWSER}`, 'session.started auditor',
    ]);
    expect(sessionRows(await audit('coordinadorB')).map((e) => e.by)).toEqual([USERS.coordinadorB.email]);

    // The public chain: these entries' place and digest only — no e-mail, address or program.
    const chain = await request(h.app).get('/api/audit/chain');
    const publicText = JSON.stringify(chain.body);
    for (const said of [USERS.coordinadorA.email, USERS.coordinadorA.id, '127.0.0.1', 'curl/8.5.0', 'Firefox', 'session.']) expect(publicText).not.toContain(said);
    expect(chain.body.entries.every((e: { content?: unknown }) => e.content === undefined)).toBe(true);
    expect(verifyChain((await h.store.listAudit({ limit: 1000 })).items.map((e) => ({ ...e, content: e })), (await h.store.auditChainHead()).seq).problems).toEqual([]);
  });

  test('a flood of wrong keys from one address writes its 1st, 10th and 100th attempt, and they are still refused', async () => {
    const before = (await h.store.listAudit({ limit: 1000 })).items.length;
    const answers = new Set<number>();
    for (let i = 0; i < 120; i++) answers.add((await request(h.app).get('/api/submissions').set('Authorization', i % 2 ? 'Basic dXNlcjpwYXNz' : `Bearer guess-${i}`)).status);
    expect([...answers]).toEqual([401]);
    const written = (await h.store.listAudit({ limit: 1000 })).items.slice(before);
    // The window of the earlier test's refusal is still open: its address is at its 2nd attempt here.
    expect(written.map((e) => [e.action, e.details.attempts])).toEqual([['session.sign-in-failed', 10], ['session.sign-in-failed', 100]]);
    expect(written.map((e) => e.details.reason)).toEqual(['not-a-key', 'not-a-key']);
  });

  test('decisions say where they were taken from (address and program), on the Bitácora only, never on the public chain', async () => {
    clock = Date.parse('2026-03-05T08:00:00Z'); // 2 a.m. in Mérida
    const bytes = await xlsxOf(projectWorkbook(PUBLISHERS[0]));
    // Sent (the add-on's program: Google's servers), returned, sent again, approved at 2 a.m. from a script, withdrawn.
    const sent = await uploadXlsx(h, bytes, 'obras.xlsx').set('User-Agent', 'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd)');
    expect(sent.status).toBe(201);
    const id = sent.body.submission.id as string;
    const decide = (path: string, ua: string, body: object = {}) => request(h.app).post(`/api/submissions/${id}/${path}`).set('Authorization', h.bearer('coordinadorA')).set('User-Agent', ua).send(body);
    expect((await decide('return', BROWSER, { comment: 'Falta la descripción' })).status).toBe(200);
    expect((await uploadXlsx(h, bytes, 'obras.xlsx').set('User-Agent', BROWSER)).status).toBe(200);
    const script = `curl/8.5.0 ${'x'.repeat(300)}`;
    expect((await decide('approve', script)).status).toBe(200);
    const again = await uploadXlsx(h, await xlsxOf(projectWorkbook(PUBLISHERS[0], { title: 'Otro parque' })), 'otro.xlsx').set('User-Agent', BROWSER);
    expect(again.status).toBe(201);
    expect((await request(h.app).post(`/api/submissions/${again.body.submission.id as string}/withdraw`).set('Authorization', h.bearer('capturistaA')).set('User-Agent', BROWSER)).status).toBe(200);
    // An institution's registration changed by the administration.
    expect((await request(h.app).put('/api/publishers/mty').set('Authorization', h.bearer('admin')).set('User-Agent', 'panel-admin').send({ ...PUBLISHERS[1], name: 'Municipio de Monterrey, N.L.' })).status).toBe(200);

    const rows = (await audit('admin')).filter((e) => e.at >= '2026-03-05' && !e.action.startsWith('session.') && !e.action.startsWith('notification.'));
    // The publication and its outcome are the system's doing, not a request's.
    const decisions = rows.filter((e) => e.action !== 'publication.published' && e.action !== 'submission.published');
    expect(decisions.map((e) => [e.action, e.details.userAgent])).toEqual([
      ['submission.created', expect.stringContaining('Google-Apps-Script')],
      ['submission.returned', BROWSER],
      ['submission.resubmitted', BROWSER],
      // The user agent as sign-ins keep it: 200 characters at most.
      ['submission.approved', script.slice(0, 200)],
      ['submission.created', BROWSER],
      ['submission.withdrawn', BROWSER],
      ['publisher.updated', 'panel-admin'],
    ]);
    for (const e of decisions) expect(e.details.ip).toMatch(/127\.0\.0\.1$/);
    // Publication entries are public whole on the chain: where the approval came from stays in the approval's.
    const published = rows.find((e) => e.action === 'publication.published');
    expect(published).toBeDefined();
    expect(JSON.stringify(published)).not.toMatch(/127\.0\.0\.1|userAgent|curl/);
    // In words on the Bitácora and its CSV; the add-on's address said to be Google's.
    const approved = decisions[3];
    expect(auditDetailsText(approved.action, approved.details)).toMatch(/Dirección IP: \S*127\.0\.0\.1; Programa: curl\/8\.5\.0 x{189}$/);
    expect(auditDetailsText(decisions[0].action, decisions[0].details)).toContain('Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd) (el complemento de Hojas de cálculo: la dirección es de los servidores de Google, no la de la computadora de quien lo usó)');
    // Yucatán's coordination reads its implementer's decisions with their address; Nuevo León's does not.
    expect((await audit('coordinadorA')).find((e) => e.action === 'submission.approved')?.details.ip).toMatch(/127\.0\.0\.1$/);
    expect((await audit('coordinadorB')).some((e) => e.action === 'submission.approved')).toBe(false);

    // The public chain: digests of the decisions; the publication whole, with no address, program or e-mail.
    const chain = await request(h.app).get('/api/audit/chain');
    const publicText = JSON.stringify(chain.body);
    for (const said of ['127.0.0.1', 'curl/8.5.0', 'Firefox', 'Google-Apps-Script', 'panel-admin', USERS.coordinadorA.email]) expect(publicText).not.toContain(said);
    expect(chain.body.entries.filter((e: { content?: unknown }) => e.content !== undefined).length).toBeGreaterThan(0);
  });
});

describe('cloud: Google ID tokens', () => {
  let h: CloudHarness;
  beforeAll(async () => { h = await cloudHarness(); });
  afterAll(() => h.close());

  test('a token per request is not a sign-in each: the dashboard\'s «Entrar», the first request from a new place, and refusals with the verified e-mail only', async () => {
    // The dashboard's Google button: «Entrar» with the token Google gave.
    expect((await request(h.app).post('/api/session').set('Authorization', h.bearer('capturistaA')).set('User-Agent', BROWSER)).status).toBe(200);
    // The add-on gets a new token for each call (Apps Script, from Google's servers): one entry for all of them.
    for (let i = 0; i < 3; i++) expect((await request(h.app).get('/api/submissions').set('Authorization', h.bearer('capturistaA')).set('User-Agent', 'Google-Apps-Script')).status).toBe(200);
    // A genuine Google account with no account here: its verified e-mail is kept. Forged or unverified claims are not.
    expect((await request(h.app).post('/api/session').set('Authorization', `Bearer ${h.identity.token({ email: 'intruso@gmail.com' })}`)).status).toBe(403);
    expect((await request(h.app).post('/api/session').set('Authorization', `Bearer ${tamper(h.identity.token({ email: 'falsificado@example.org' }))}`)).status).toBe(401);
    expect((await request(h.app).post('/api/session').set('Authorization', `Bearer ${h.identity.token({ email: 'sinverificar@example.org', emailVerified: false })}`)).status).toBe(401);

    const rows = sessionRows((await request(h.app).get('/api/audit').set('Authorization', h.bearer('admin'))).body.entries as Row[]);
    expect(rows.map((e) => [e.action, e.by, e.details.via, e.details.userAgent ?? null])).toEqual([
      ['session.signed-in', USERS.capturistaA.email, 'google', BROWSER],
      ['session.started', USERS.capturistaA.email, 'google', 'Google-Apps-Script'],
      // One address: only its first refusal is written (the 10th would be next).
      ['session.sign-in-failed', 'sin identificar', 'google', null],
      ['session.started', USERS.admin.email, 'google', null],
    ]);
    // An official's entries are its institution's: Mérida's.
    expect(rows[0].publisherId).toBe('mer');
    expect(rows[2].details).toMatchObject({ reason: 'unregistered-account', account: 'intruso@gmail.com' });
    const text = JSON.stringify(rows);
    for (const claimed of ['falsificado@example.org', 'sinverificar@example.org']) expect(text).not.toContain(claimed);
  });
});

describe('queued work keeps where it was asked from', () => {
  test('the cloud\'s send task carries the request\'s address and program to its entry, and a queued approval writes them', async () => {
    const queued: unknown[] = [];
    const cloud = await cloudHarness({ sendBudgetMs: 0, sendQueue: { async enqueue(task) { queued.push(JSON.parse(JSON.stringify({ send: task }))); } } });
    const local = await localHarness({ publicationQueue: { async enqueue() { /* published by the task, not here */ } } });
    try {
      const SHEET = '1SignInAuditQueuedSheetAbCdEfGh';
      cloud.stub.put(SHEET, projectWorkbook(PUBLISHERS[0]));
      expect((await request(cloud.app).post('/api/submissions').set('Authorization', cloud.bearer('capturistaA')).set('User-Agent', 'Google-Apps-Script').send({ spreadsheetId: SHEET, publisherId: 'mer' })).status).toBe(202);
      // As the task queue delivers it: a JSON body read back (index.ts).
      const task = parseQueuedTask(queued[0]);
      if (!task || !('send' in task)) throw new Error('not a send task');
      await cloud.runSendTask(task.send, 0);
      const created = (await cloud.store.listAudit({ limit: 100 })).items.find((e) => e.action === 'submission.created');
      expect(created?.details).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1$/), userAgent: 'Google-Apps-Script' });

      const sent = await uploadXlsx(local, await xlsxOf(projectWorkbook(PUBLISHERS[0])));
      expect(sent.status).toBe(201);
      expect((await request(local.app).post(`/api/submissions/${sent.body.submission.id as string}/approve`).set('Authorization', local.bearer('coordinadorA')).set('User-Agent', BROWSER)).status).toBe(202);
      const approved = (await local.store.listAudit({ limit: 100 })).items.find((e) => e.action === 'submission.approved');
      expect(approved?.details).toMatchObject({ queued: true, ip: expect.stringMatching(/127\.0\.0\.1$/), userAgent: BROWSER });
    } finally {
      await cloud.close();
      await local.close();
    }
  });
});

describe('the log under a flood (sign-in-audit.ts, real SQLite store)', () => {
  let store: Store;
  beforeEach(() => { store = openSqliteStore(':memory:'); });
  afterEach(() => store.close());
  const refuse = async (audited: ReturnType<typeof signInAudit>, ip: string) =>
    audited.authenticator.identify('ia_not-a-real-key-at-all-000000', { origin: { ip } }).catch((e: unknown) => { expect(e).toBeInstanceOf(HttpError); });

  test('at most maxFailureEntries a window from all addresses, then one entry saying so; counted afresh in the next window', async () => {
    let clock = Date.parse('2026-03-02T08:00:00Z');
    const lines: string[] = [];
    const audited = signInAudit(apiTokenAuthenticator(store), { store, now: () => new Date(clock), log: (m) => lines.push(m), maxFailureEntries: 5, failureWindowMs: 60_000 });
    // Twenty addresses (a botnet): five written, then the note, then nothing.
    for (let i = 0; i < 20; i++) await refuse(audited, `203.0.113.${i}`);
    let items = (await store.listAudit({ limit: 100 })).items;
    expect(items.map((e) => e.action)).toEqual([...Array(5).fill('session.sign-in-failed'), 'session.failures-not-recorded']);
    expect(items[5].details).toEqual({ via: 'clave', limit: 5, windowMinutes: 1, until: '2026-03-02T08:01:00.000Z' });
    expect(auditDetailsText(items[5].action, items[5].details)).toBe(`Ya se anotaron 5 intentos fallidos en 1 minuto: los siguientes no se anotan uno por uno; hasta el ${formatTimestamp('2026-03-02T08:01:00.000Z')} (Ciudad de México); Con clave de acceso`);
    expect(lines).toHaveLength(1);
    // IPv6: one client's /64 is one address, however many of its addresses it uses.
    clock += 60_000;
    for (let i = 1; i <= 10; i++) await refuse(audited, `2001:db8:1:2::${i.toString(16)}`);
    items = (await store.listAudit({ limit: 100 })).items.slice(6);
    expect(items.map((e) => [e.details.ip, e.details.attempts])).toEqual([['2001:db8:1:2::1', 1], ['2001:db8:1:2::a', 10]]);
    // Written short or long, the same /64.
    for (let i = 1; i <= 9; i++) await refuse(audited, `2001:db8:0:0:${i}::1`);
    await refuse(audited, '2001:db8::5');
    items = (await store.listAudit({ limit: 100 })).items.slice(8);
    expect(items.map((e) => [e.details.ip, e.details.attempts])).toEqual([['2001:db8:0:0:1::1', 1], ['2001:db8::5', 10]]);
  });

  test('a session seen is not written again until SESSION_MS has passed', async () => {
    let clock = Date.parse('2026-03-02T08:00:00Z');
    const user = { id: 'u1', email: 'og@example.org', role: 'coordinador' as const, state: 'Yucatán' };
    const audited = signInAudit({ kind: 'api-key', identify: async () => user }, { store, now: () => new Date(clock), sessionMs: 3_600_000 });
    const use = () => audited.authenticator.identify('k', { origin: { ip: '198.51.100.7', userAgent: 'navegador' } });
    await use(); await use();
    clock += 3_600_000;
    await use();
    expect((await store.listAudit({ limit: 10 })).items.map((e) => [e.action, e.at])).toEqual([
      ['session.started', '2026-03-02T08:00:00.000Z'], ['session.started', '2026-03-02T09:00:00.000Z'],
    ]);
  });
});
