/**
 * Every authenticated endpoint × every kind of caller: bad credentials are 401, registered users outside their
 * scope are 403, and the allowed ones get through. Each cell works on its own fresh submission of «mer»
 * (Yucatán), so cells do not depend on each other.
 */
import request from 'supertest';
import { randomUUID } from 'crypto';
import { cloudHarness, projectWorkbook, PUBLISHERS, USERS, type CloudHarness, type UserName } from './workflow-harness';
import { tamper } from './test-identity';

const SHEET = '1MatrixSheetIdAbCdEfGhIjKlMnOp';
let h: CloudHarness;

beforeAll(async () => {
  h = await cloudHarness();
  h.stub.put(SHEET, projectWorkbook(PUBLISHERS[0]));
});
afterAll(() => h.close());

type Caller = { name: string; header: () => string | undefined };
const asUser = (u: UserName): Caller => ({ name: u, header: () => h.bearer(u) });
const email = USERS.capturistaA.email;
const CALLERS: Caller[] = [
  { name: 'anonymous', header: () => undefined },
  { name: 'expired', header: () => `Bearer ${h.identity.token({ email, issuedAt: -7200, expiresIn: 3600 })}` },
  { name: 'wrong audience', header: () => `Bearer ${h.identity.token({ email, aud: 'otro-cliente.apps.googleusercontent.com' })}` },
  { name: 'tampered', header: () => `Bearer ${tamper(h.identity.token({ email }))}` },
  { name: 'signed by another key', header: () => `Bearer ${h.identity.foreignToken({ email })}` },
  { name: 'wrong issuer', header: () => `Bearer ${h.identity.token({ email, iss: 'https://evil.example.org' })}` },
  { name: 'email not verified', header: () => `Bearer ${h.identity.token({ email, emailVerified: false })}` },
  { name: 'not a bearer', header: () => 'Basic dXNlcjpwYXNz' },
  { name: 'unknown user', header: () => `Bearer ${h.identity.token({ email: 'nadie@example.org' })}` },
  asUser('capturistaA'), asUser('capturistaB'), asUser('coordinadorA'), asUser('coordinadorB'), asUser('admin'),
];
const BAD = ['anonymous', 'expired', 'wrong audience', 'tampered', 'signed by another key', 'wrong issuer', 'email not verified', 'not a bearer'];

interface Endpoint {
  name: string; allowed: UserName[]; call: (id: string) => request.Test;
  /** What the allowed get when not 200/201: a preview of a send that kept no revision is 409 (past the policy). */
  ok?: number[];
}
const ENDPOINTS: Endpoint[] = [
  { name: 'POST /submissions', allowed: ['capturistaA', 'admin'], call: () => request(h.app).post('/api/submissions').send({ spreadsheetId: SHEET, publisherId: 'mer' }) },
  { name: 'GET /submissions?publisher=mer', allowed: ['capturistaA', 'coordinadorA', 'admin'], call: () => request(h.app).get('/api/submissions?publisher=mer') },
  { name: 'GET /submissions/{id}', allowed: ['capturistaA', 'coordinadorA', 'admin'], call: (id) => request(h.app).get(`/api/submissions/${id}`) },
  { name: 'POST /submissions/{id}/approve', allowed: ['coordinadorA', 'admin'], call: (id) => request(h.app).post(`/api/submissions/${id}/approve`) },
  { name: 'POST /submissions/{id}/return', allowed: ['coordinadorA', 'admin'], call: (id) => request(h.app).post(`/api/submissions/${id}/return`).send({ comment: 'Revise las fechas.' }) },
  { name: 'POST /submissions/{id}/withdraw', allowed: ['capturistaA', 'admin'], call: (id) => request(h.app).post(`/api/submissions/${id}/withdraw`) },
  { name: 'GET /audit?publisher=mer', allowed: ['coordinadorA', 'admin'], call: () => request(h.app).get('/api/audit?publisher=mer') },
  // Listings without a filter are open to every registered user who has some scope, and scoped (see below).
  { name: 'GET /submissions', allowed: ['capturistaA', 'capturistaB', 'coordinadorA', 'coordinadorB', 'admin'], call: () => request(h.app).get('/api/submissions') },
  { name: 'GET /audit', allowed: ['coordinadorA', 'coordinadorB', 'admin'], call: () => request(h.app).get('/api/audit') },
  // The monthly report of a state: its coordinators and the administration (a coordinator without a state named reads its own).
  { name: 'GET /monthly-report?state=Yucatán', allowed: ['coordinadorA', 'admin'], call: () => request(h.app).get('/api/monthly-report?state=Yucat%C3%A1n') },
  // Every state's at once: the administration alone (a coordinator keeps to its own state).
  { name: 'GET /monthly-report/states', allowed: ['admin'], call: () => request(h.app).get('/api/monthly-report/states') },
  // The review page's preview and the add-on's «does the sheet still hold what was sent?»: whoever may read the send.
  { name: 'GET /submissions/{id}/preview', allowed: ['capturistaA', 'coordinadorA', 'admin'], ok: [409], call: (id) => request(h.app).get(`/api/submissions/${id}/preview`) },
  { name: 'POST /submissions/{id}/compare', allowed: ['capturistaA', 'coordinadorA', 'admin'], call: (id) => request(h.app).post(`/api/submissions/${id}/compare`).send({}) },
  // «Validar»'s lookup of the workbook's links to other implementers: whoever may read the implementer's sends.
  { name: 'POST /link-check', allowed: ['capturistaA', 'coordinadorA', 'admin'], call: () => request(h.app).post('/api/link-check').send({ publisherId: 'mer', processes: [{ ocid: 'ocds-def456-0001', pointer: '/projects/0/contractingProcesses/0/id' }], named: [] }) },
  // Program stages: the coordinators of the implementer's state and the administration.
  { name: 'PUT /publishers/mer/stages', allowed: ['coordinadorA', 'admin'], call: () => request(h.app).put('/api/publishers/mer/stages').send({ stages: {} }) },
  { name: 'GET /stages', allowed: ['coordinadorA', 'coordinadorB', 'admin'], call: () => request(h.app).get('/api/stages') },
  // Registering publishers: the administration alone.
  { name: 'PUT /publishers/mer', allowed: ['admin'], call: () => request(h.app).put('/api/publishers/mer').send({ ...PUBLISHERS[0] }) },
  // Who is signed in: every registered user, whatever their role.
  { name: 'GET /session', allowed: ['capturistaA', 'capturistaB', 'coordinadorA', 'coordinadorB', 'admin'], call: () => request(h.app).get('/api/session') },
];

async function freshSubmission(): Promise<string> {
  const at = new Date().toISOString();
  const id = randomUUID();
  await h.store.createSubmission({ id, publisherId: 'mer', source: { kind: 'sheets', spreadsheetId: SHEET }, status: 'submitted', history: [{ at, by: USERS.capturistaA.id, action: 'submitted' }], createdAt: at, updatedAt: at });
  return id;
}

const cells = ENDPOINTS.flatMap((e) => CALLERS.map((c) => [e.name, c.name, e, c] as const));

test.each(cells)('%s as %s', async (_e, _c, endpoint, caller) => {
  const id = await freshSubmission();
  const header = caller.header();
  const req = endpoint.call(id);
  const res = await (header ? req.set('Authorization', header) : req);
  const expected = BAD.includes(caller.name) ? 401 : endpoint.allowed.includes(caller.name as UserName) ? 'ok' : 403;
  if (expected === 'ok') expect([200, 201, ...(endpoint.ok ?? [])]).toContain(res.status);
  else expect(res.status).toBe(expected);
  if (res.status >= 400) expect(typeof res.body.error.message).toBe('string');
});

test('a link check refused says what was asked, not «ver este envío»', async () => {
  const res = await request(h.app).post('/api/link-check').set('Authorization', h.bearer('coordinadorB')).send({ publisherId: 'mer', processes: [], named: [] });
  expect(res.status).toBe(403);
  expect(res.body.error.message).toMatch(/^Su cuenta no tiene permiso para revisar los vínculos de un libro de «[^»]+» con otros implementadores/);
});

test('an expired token says so', async () => {
  const res = await request(h.app).get('/api/submissions').set('Authorization', `Bearer ${h.identity.token({ email, issuedAt: -7200, expiresIn: 3600 })}`);
  expect(res.body.error.code).toBe('expired-credentials');
});

test('unfiltered listings only show what the caller may see', async () => {
  const list = async (u: UserName) => (await request(h.app).get('/api/submissions?limit=1000').set('Authorization', h.bearer(u))).body.submissions as { publisherId: string }[];
  expect((await list('capturistaB')).length).toBe(0);
  expect((await list('coordinadorB')).length).toBe(0);
  expect((await list('capturistaA')).length).toBeGreaterThan(0);
  expect((await list('coordinadorA')).every((s) => s.publisherId === 'mer')).toBe(true);
  const audit = async (u: UserName) => (await request(h.app).get('/api/audit?limit=1000').set('Authorization', h.bearer(u))).body.entries as { at: string; publisherId?: string; action: string; details: { state?: string } }[];
  expect((await audit('coordinadorA')).length).toBeGreaterThan(0);
  // Its implementers' entries, and the sign-ins of its own state's coordination accounts (sign-in-audit.ts).
  expect((await audit('coordinadorA')).every((e) => e.publisherId === 'mer' || (e.action.startsWith('session.') && e.details.state === 'Yucatán'))).toBe(true);
  // The refused credentials of the matrix (nobody known): the administration's alone.
  expect((await audit('coordinadorA')).some((e) => e.action === 'session.sign-in-failed')).toBe(false);
  expect((await audit('admin')).some((e) => e.action === 'session.sign-in-failed')).toBe(true);
  // Refusals of a coordinador of another state are on record too.
  expect((await audit('admin')).some((e) => (e as { action?: string; actor?: string }).action === 'access.denied' && (e as { actor?: string }).actor === USERS.coordinadorB.id)).toBe(true);
  // From an instant (a send's page reads its publisher's log from the send's creation): still scoped, and later only.
  const all = (await audit('admin')) as { at: string; publisherId?: string }[];
  const middle = all[Math.floor(all.length / 2)].at;
  const since = async (u: UserName, at: string) => request(h.app).get(`/api/audit?limit=1000&since=${encodeURIComponent(at)}`).set('Authorization', h.bearer(u));
  const fromMiddle = (await since('admin', middle)).body.entries as { at: string }[];
  expect(fromMiddle.length).toBeGreaterThan(0);
  expect(fromMiddle.length).toBeLessThan(all.length);
  expect(fromMiddle.every((e) => e.at >= middle)).toBe(true);
  expect(((await since('coordinadorB', all[0].at)).body.entries as { publisherId?: string }[]).some((e) => e.publisherId === 'mer')).toBe(false);
  const bad = await since('admin', 'ayer');
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toContain('«since» debe ser una fecha y hora ISO 8601');
});
