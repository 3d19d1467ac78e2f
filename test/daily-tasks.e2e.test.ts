/**
 * The self-hosted server's daily tasks as the people they are for meet them: started over a store of a version
 * without month closes (its log only), it sends its reminder to the official of an implementer past its period (by
 * SMTP, to a local mail server), and keeps the monthly report's closes — without a mail server as well — so that the
 * coordinator's first report, through the real server, reads its month alone; the outcomes of sends' checks older than
 * a week are removed. close() waits for the run under way.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../functions/src/config';
import { startLocalServer } from '../functions/src/server/local-server';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { issueToken } from '../functions/src/auth/api-tokens';
import { checkMonthlyReportAnswer } from '../core/workflow/contract';
import { lastCompleteMonth, monthBounds, previousMonth } from '../core/workflow/report-month';
import { lastSettledMonth } from '../functions/src/workflow/month-closes';
import { KEEP_CHECKS_MS } from '../functions/src/workflow/send-check';
import { bodyOf, startSmtp, subjectOf } from './support/smtp-capture';

const DAY = 86_400_000;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tareas-diarias-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A state's two implementers with a year of log; «ver» (a period of 30 days) and «cor» (1 day) registered 400 days ago, neither ever published. */
async function olderStore(file: string): Promise<string> {
  const store = openSqliteStore(file);
  const now = Date.now();
  const { token, hash } = issueToken();
  await store.putPublisher({ id: 'ver', name: 'Municipio de Xalapa', state: 'Veracruz', ocidPrefix: 'ocds-xal001', projectIdPrefix: 'oc4ids-xal001', commitment: { projects: 2, periodicityDays: 30 }, registeredAt: new Date(now - 400 * DAY).toISOString() });
  await store.putPublisher({ id: 'cor', name: 'Municipio de Córdoba', state: 'Veracruz', ocidPrefix: 'ocds-cor001', projectIdPrefix: 'oc4ids-cor001', commitment: { projects: 1, periodicityDays: 1 }, registeredAt: new Date(now - 400 * DAY).toISOString() });
  await store.putUser({ id: 'cap-ver', email: 'obras@xalapa.example', role: 'capturista', publisherId: 'ver' });
  await store.putUser({ id: 'cap-cor', email: 'obras@cordoba.example', role: 'capturista', publisherId: 'cor' });
  await store.putUser({ id: 'og-ver', email: 'revision@ivai.example', role: 'coordinador', state: 'Veracruz', tokenHash: hash });
  // Twelve months of sends, each returned and then approved; the last month's waits across its close.
  let m = lastCompleteMonth(now);
  for (let k = 0; k < 12; k++, m = previousMonth(m)) {
    const start = Date.parse(monthBounds(m).start);
    const at = (d: number) => new Date(start + d * DAY + 15 * 3_600_000).toISOString();
    for (const [publisherId, id] of [['ver', `ver-${m}`], ['cor', `cor-${m}`]]) {
      await store.appendAudit({ at: at(2), actor: 'u', action: 'submission.created', target: `submission/${id}`, publisherId, details: {} });
      await store.appendAudit({ at: at(4), actor: 'og', action: 'submission.returned', target: `submission/${id}`, publisherId, details: {} });
      await store.appendAudit({ at: at(6), actor: 'u', action: 'submission.resubmitted', target: `submission/${id}`, publisherId, details: {} });
      if (k > 0) await store.appendAudit({ at: at(9), actor: 'og', action: 'submission.approved', target: `submission/${id}`, publisherId, details: {} });
    }
  }
  await store.close();
  return token;
}

const waitFor = async <T>(what: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> => {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const found = await what();
    if (found !== undefined) return found;
  }
  throw new Error('no llegó a tiempo');
};

test('started, the server reminds the late implementers\' officials by mail and keeps the month closes; the coordinator\'s report then reads its month alone', async () => {
  const file = path.join(root, 'con-correo.sqlite');
  const token = await olderStore(file);
  const smtp = await startSmtp();
  const env = { METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file, PORT: '0', HOST: '127.0.0.1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'avisos@ivai.example' };
  const logged: string[] = [];
  const server = await startLocalServer(loadConfig(env), { root, seed: false, env, log: (m) => logged.push(m) });
  try {
    await waitFor(() => (smtp.mails.length >= 2 ? true : undefined));
    const mails = [...smtp.mails].sort((a, b) => a.to[0].localeCompare(b.to[0]));
    expect(mails.map((m) => m.to)).toEqual([['obras@cordoba.example'], ['obras@xalapa.example']]);
    expect(subjectOf(mails[1].raw)).toBe('Recordatorio: Municipio de Xalapa debe actualizar sus datos de obra pública');
    expect(bodyOf(mails[1].raw)).toContain('Municipio de Xalapa se comprometió a actualizar sus datos cada 30 días y aún no ha publicado datos.');
    expect(bodyOf(mails[1].raw)).toContain(`${server.url.replace(/\/$/, '')}/#/mis-envios`);
    // A period of one day is «cada día», not «cada 1 días».
    expect(bodyOf(mails[0].raw)).toContain('Municipio de Córdoba se comprometió a actualizar sus datos cada día y aún no ha publicado datos.');

    const month = lastSettledMonth(Date.now());
    await waitFor(async () => ((await server.store.monthClosesKeptThrough()) === month ? true : undefined));
    expect((await server.store.latestMonthClose('ver', '9999-12'))?.month).toBe(month);
    const answer = await fetch(`${server.url}api/monthly-report?month=${lastCompleteMonth(Date.now())}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const report = checkMonthlyReportAnswer(await answer.json());
    // Each sent, returned with comments and sent again in the month, and waiting at its close.
    expect(report.implementers.map((p) => [p.name, p.received, p.returned, p.waiting])).toEqual([['Municipio de Córdoba', 2, 1, 1], ['Municipio de Xalapa', 2, 1, 1]]);
    expect(logged.filter((m) => /no se pudieron/.test(m))).toEqual([]);
  } finally {
    await server.close();
    await smtp.close();
  }
});

test('without a mail server the closes are kept all the same, the outcomes of sends checked more than a week ago go, and close() waits for the run under way', async () => {
  const file = path.join(root, 'sin-correo.sqlite');
  await olderStore(file);
  const checks = openSqliteStore(file);
  const answer = JSON.stringify({ format: 1, state: 'done', userId: 'cap-ver', answer: { status: 201, body: {} } });
  await checks.putSendCheck('ver~viejo', 'ver', answer, new Date(Date.now() - KEEP_CHECKS_MS - DAY).toISOString());
  await checks.putSendCheck('ver~reciente', 'ver', answer, new Date(Date.now() - KEEP_CHECKS_MS + DAY).toISOString());
  await checks.close();
  const env = { METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file, PORT: '0', HOST: '127.0.0.1' };
  const logged: string[] = [];
  const server = await startLocalServer(loadConfig(env), { root, seed: false, env, log: (m) => logged.push(m) });
  // Closed at once: the run started with the server finishes first (a database closed under it was logged as a failure).
  await server.close();
  expect(logged.filter((m) => /no se pudieron/.test(m))).toEqual([]);
  const store = openSqliteStore(file);
  try {
    expect(await store.monthClosesKeptThrough()).toBe(lastSettledMonth(Date.now()));
    expect(await store.getSendCheck('ver~viejo', 'ver')).toBeUndefined();
    expect(await store.getSendCheck('ver~reciente', 'ver')).toBe(answer);
  } finally {
    await store.close();
  }
});
