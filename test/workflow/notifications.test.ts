/**
 * Notifications through the self-hosted outbox: SMTP (nodemailer) to a local `smtp-server` on 127.0.0.1. On submit
 * the coordinators of the publisher's state are told, on return and approval the official who sent it, with
 * Spanish text and a link; publishers past their update period get a reminder once a week.
 */
import request from 'supertest';
import { bodyOf, startSmtp, subjectOf } from '../support/smtp-capture';
import { DASHBOARD_URL, localHarness, projectWorkbook, PUBLISHERS, uploadXlsx, USERS, xlsxOf, type LocalHarness } from './workflow-harness';
import { WORKBOOK_JSON_MIME, XLSX_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { registerPublisher } from '../../functions/src/api/publisher-admin-routes';
import { composeMessage, notifier, sendUpdateReminders, smtpFromEnv, smtpOutbox, type MailMessage, type Outbox } from '../../functions/src/workflow/notifications';
import { countingBackend } from '../support/counting-backend';
import { mexicoCityDay } from '../../core/format/es-mx';
import { createStore } from '../../functions/src/store/document-store';
import { docId, sortKey } from '../../functions/src/store/collections';
import type { Submission, User } from '../../functions/src/store/store';
import { runPublicationTask } from '../../functions/src/publication/publication-task';
import type { PublicationTask } from '../../functions/src/publication/publication-queue';

const [MER] = PUBLISHERS;

describe('notifications by SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let h: LocalHarness;
  beforeAll(async () => {
    smtp = await startSmtp();
    h = await localHarness({ smtpPort: smtp.port });
  });
  afterAll(async () => { await h.close(); await smtp.close(); });

  test('submit → coordinators of the state; return and approval → the official, in Spanish with a link', async () => {
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER)));
    expect(sent.status).toBe(201);
    const id = sent.body.submission.id as string;
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual([USERS.coordinadorA.email]);
    expect(subjectOf(smtp.mails[0].raw)).toBe('Nuevo envío de Municipio de Mérida para revisión');
    expect(bodyOf(smtp.mails[0].raw)).toContain(`${DASHBOARD_URL}/#/revision/${id}`);

    await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta el presupuesto del puente.' });
    expect(smtp.mails[1].to).toEqual([USERS.capturistaA.email]);
    expect(subjectOf(smtp.mails[1].raw)).toBe('Su envío de Municipio de Mérida fue devuelto con comentarios');
    expect(bodyOf(smtp.mails[1].raw)).toContain('«Falta el presupuesto del puente.»');
    expect(bodyOf(smtp.mails[1].raw)).toContain(`${DASHBOARD_URL}/#/mis-envios`);
    // Sent as an Excel file: it goes back the same way, not through the add-on.
    expect(bodyOf(smtp.mails[1].raw)).toContain('Corrija el libro, valídelo y envíelo de nuevo en «Mis envíos» (Enviar un libro de Excel).');

    const fixedFile = await xlsxOf(projectWorkbook(MER, { title: 'Parque de la Paz' }));
    const fixed = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(fixedFile);
    // The same file again: nothing changed, so nobody is told again.
    const again = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(fixedFile);
    expect([again.status, again.body.outcome, again.body.submission.id]).toEqual([200, 'unchanged', fixed.body.submission.id]);
    await request(h.app).post(`/api/submissions/${fixed.body.submission.id}/approve`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    expect(smtp.mails.map((m) => subjectOf(m.raw))).toEqual([
      'Nuevo envío de Municipio de Mérida para revisión',
      'Su envío de Municipio de Mérida fue devuelto con comentarios',
      'Nueva versión del envío de Municipio de Mérida para revisión',
      'Su envío de Municipio de Mérida fue aprobado y publicado',
    ]);
    expect(smtp.mails[3].to).toEqual([USERS.capturistaA.email]);
    // The link opens the board on the institution's own published data, not every institution's (nor, at national
    // scale, a chooser of states).
    expect(bodyOf(smtp.mails[3].raw)).toContain(`${DASHBOARD_URL}/#/?publisher=mer\r\n`);
    // Mérida's first publication, of projects only: said as that. It read «Se publicó la nueva versión de sus datos;
    // ninguna contratación cambió (los cambios son de sus proyectos…)» of a first version.
    expect(bodyOf(smtp.mails[3].raw)).toContain('Es la primera publicación de Municipio de Mérida: 1 proyecto.');
    const audit = (await h.store.listAudit({ publisherId: 'mer', limit: 1000 })).items.filter((e) => e.action === 'notification.sent');
    expect(audit).toHaveLength(4);
  });

  test('a send withdrawn while it awaited review → its coordinators are told they have nothing to decide; a returned one, nobody', async () => {
    const before = smtp.mails.length;
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER, { title: 'Parque enviado por error' })));
    expect(sent.status).toBe(201);
    const id = sent.body.submission.id as string;
    await request(h.app).post(`/api/submissions/${id}/withdraw`).set('Authorization', h.bearer('capturistaA')).expect(200);
    const [told, withdrawn] = smtp.mails.slice(before);
    expect(subjectOf(told.raw)).toBe('Nuevo envío de Municipio de Mérida para revisión');
    expect(withdrawn.to).toEqual([USERS.coordinadorA.email]);
    expect(subjectOf(withdrawn.raw)).toBe('Municipio de Mérida retiró su envío');
    expect(bodyOf(withdrawn.raw)).toContain(`${USERS.capturistaA.email} retiró el envío de Municipio de Mérida (Yucatán) que esperaba su revisión: ya no está en su bandeja`);
    expect(bodyOf(withdrawn.raw)).toContain(`${DASHBOARD_URL}/#/revision/${id}`);

    // Returned, then withdrawn by the official who will not correct it: the coordinators already decided on it.
    const second = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { title: 'Parque que no se corregirá' })));
    await request(h.app).post(`/api/submissions/${second.body.submission.id as string}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta la fecha.' }).expect(200);
    const count = smtp.mails.length;
    await request(h.app).post(`/api/submissions/${second.body.submission.id as string}/withdraw`).set('Authorization', h.bearer('capturistaA')).expect(200);
    expect(smtp.mails).toHaveLength(count);
  });

  test('a send whose official left (account removed) → its return goes to the institution\'s officials now, not to nobody', async () => {
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER, { title: 'Parque de quien se fue' })));
    const id = sent.body.submission.id as string;
    const leaving = (await h.store.getUser(USERS.capturistaA.id))!;
    const successor: User = { id: 'u-cap-mer-2', email: 'sucesora@merida.gob.mx', role: 'capturista', publisherId: 'mer' };
    await h.store.deleteUser(leaving.id);
    await h.store.putUser(successor);
    try {
      const before = smtp.mails.length;
      await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta el presupuesto.' }).expect(200);
      expect(smtp.mails.slice(before).map((m) => [m.to, subjectOf(m.raw)])).toEqual([[[successor.email], 'Su envío de Municipio de Mérida fue devuelto con comentarios']]);
    } finally {
      await h.store.deleteUser(successor.id);
      await h.store.putUser(leaving);
    }
    await request(h.app).post(`/api/submissions/${id}/withdraw`).set('Authorization', h.bearer('capturistaA')).expect(200);
  });

  test('an approval that finds errors when it reads the send again → its official is told nothing was published and what to do, in the queue\'s task too; one that fails otherwise in the background → the coordinator who approved it', async () => {
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER, { title: 'Parque con prefijo cambiado' })));
    expect(sent.status).toBe(201);
    const id = sent.body.submission.id as string;
    // Registered anew with another project prefix after the send: read again to publish it, its project's id is wrong.
    const registered = (await h.store.getPublisher('mer'))!;
    await h.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
    try {
      const before = smtp.mails.length;
      expect((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(422);
      const [told] = smtp.mails.slice(before);
      expect(told.to).toEqual([USERS.capturistaA.email]);
      expect(subjectOf(told.raw)).toBe('Su envío de Municipio de Mérida no se publicó: tiene errores');
      expect(bodyOf(told.raw)).toMatch(new RegExp(`^${USERS.coordinadorA.email} aprobó el envío del \\d\\d/\\d\\d/\\d{4}[^,]*, pero al revisarlo de nuevo para publicarlo se encontraron \\d+ error(es)? que no tenía cuando se envió `));
      expect(bodyOf(told.raw)).toContain('No se publicó nada: sus datos publicados siguen como estaban.');
      expect(bodyOf(told.raw)).toContain('Corrija el libro, valídelo y envíelo de nuevo en «Mis envíos» (Enviar un libro de Excel).');
      expect(bodyOf(told.raw)).toContain(`${DASHBOARD_URL}/#/mis-envios`);
    } finally {
      await h.store.putPublisher(registered);
    }

    // Approved through the queue (the server's background publication, the cloud's task): the task tells them; and
    // a publication that fails for another reason (here: a newer send approved meanwhile) is told to the coordinator
    // who approved it.
    const tasks: PublicationTask[] = [];
    const mails: MailMessage[] = [];
    const q = await localHarness({ publicationQueue: { enqueue: async (task) => { tasks.push(task); } } });
    const notify = notifier({ store: q.store, outbox: { send: async (m) => { mails.push(m); } }, dashboardUrl: DASHBOARD_URL });
    const run = (id: string) => runPublicationTask({ store: q.store, baseUrl: DASHBOARD_URL, now: () => new Date(), log: () => {}, notify, openSource: () => { throw new Error('uploads read their snapshot'); } }, tasks.find((t) => t.submissionId === id)!);
    const send = async (title: string) => (await uploadXlsx(q, await xlsxOf(projectWorkbook(MER, { title })))).body.submission.id as string;
    const approve = async (id: string) => expect((await request(q.app).post(`/api/submissions/${id}/approve`).set('Authorization', q.bearer('coordinadorA'))).status).toBe(202);
    try {
      const queued = await send('Parque en cola');
      const registered = (await q.store.getPublisher('mer'))!;
      await q.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
      await approve(queued);
      mails.length = 0;
      await run(queued);
      // …and the coordinator who approved it, whose approval had answered that it would be published.
      expect(mails.map((m) => [m.to, m.subject])).toEqual([
        [[USERS.capturistaA.email], 'Su envío de Municipio de Mérida no se publicó: tiene errores'],
        [[USERS.coordinadorA.email], 'El envío de Municipio de Mérida que aprobó no se publicó: tiene errores'],
      ]);
      expect(mails[1].text).toMatch(/^Usted aprobó el envío de Municipio de Mérida \(Yucatán\) del \d\d\/\d\d\/\d{4}[^,]*, pero al revisarlo de nuevo para publicarlo se encontraron \d+ error(es)? que no tenía cuando se envió /);
      expect(mails[1].text).toContain('Se avisó a quien lo envió para que lo corrija y lo envíe de nuevo.');
      expect(mails[1].text).toContain(`${DASHBOARD_URL}/#/revision/${queued}`);
      await q.store.putPublisher(registered);

      const older = await send('Mercado, avance de marzo');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newer = await send('Mercado, avance de abril');
      await approve(older);
      await approve(newer);
      await run(newer);
      mails.length = 0;
      await run(older);
      expect(mails.map((m) => [m.to, m.subject])).toEqual([[[USERS.coordinadorA.email], 'El envío de Municipio de Mérida que aprobó no se publicó']]);
      expect(mails[0].text).toMatch(/^Usted aprobó el envío de Municipio de Mérida \(Yucatán\), pero no se publicó: No se puede aprobar este envío: ya se aprobó uno más reciente/);
      expect(mails[0].text).toContain(`${DASHBOARD_URL}/#/revision/${older}`);
    } finally {
      await q.close();
    }

    // A notice the mail server refuses is logged by its Spanish name, with what to check.
    const said: string[] = [];
    await notifier({ store: h.store, outbox: { send: async () => { throw new Error('535 autenticación fallida'); } }, dashboardUrl: DASHBOARD_URL, log: (m) => said.push(m) })(
      { kind: 'failed', submission: (await h.store.getSubmission(id))!, publisher: (await h.store.getPublisher('mer'))!, actor: USERS.coordinadorA as User, reason: 'prueba' });
    expect(said).toEqual(['no se pudo enviar el aviso «publicación fallida» (revise SMTP_HOST, el usuario y su proveedor de correo): 535 autenticación fallida']);
  });

  test('reminders: only publishers past their period, once a week; an unreachable server never undoes a decision', async () => {
    const outbox = smtpOutbox({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'avisos@infra-abierta.test' });
    const before = smtp.mails.length;
    // «mer» just published; «mty» never did (registered before registration dates were kept); «tap» was registered
    // today and has its first period to publish.
    const now = new Date();
    await registerPublisher(h.store, { id: 'tap', name: 'Municipio de Tapachula', state: 'Chiapas', ocidPrefix: 'ocds-tap001', projectIdPrefix: 'oc4ids-tap001', commitment: { projects: 5, periodicityDays: 90 } }, 'admin', now);
    await h.store.putUser({ id: 'cap-tap', email: 'obras@tapachula.example', role: 'capturista', publisherId: 'tap' });
    expect(await sendUpdateReminders({ store: h.store, outbox, dashboardUrl: DASHBOARD_URL, now: () => now })).toEqual(['mty']);
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([[USERS.capturistaB.email]]);
    expect(subjectOf(smtp.mails[before].raw)).toBe('Recordatorio: Municipio de Monterrey debe actualizar sus datos de obra pública');
    expect(bodyOf(smtp.mails[before].raw)).toContain('aún no ha publicado datos');
    expect(await sendUpdateReminders({ store: h.store, outbox, dashboardUrl: DASHBOARD_URL, now: () => now })).toEqual([]);
    // 100 days later all are late (period 90 days), and the week since the last reminder has passed.
    const later = new Date(now.getTime() + 100 * 86_400_000);
    expect((await sendUpdateReminders({ store: h.store, outbox, dashboardUrl: DASHBOARD_URL, now: () => later })).sort()).toEqual(['mer', 'mty', 'tap']);

    const broken: Outbox = { send: async () => { throw new Error('connect ECONNREFUSED'); } };
    const logs: string[] = [];
    const notify = notifier({ store: h.store, outbox: broken, dashboardUrl: DASHBOARD_URL, log: (m) => logs.push(m) });
    const submission = (await h.store.listSubmissions({ publisherId: 'mer' })).items[0];
    await expect(notify({ kind: 'submitted', submission, publisher: MER, actor: USERS.capturistaA })).resolves.toBeUndefined();
    expect(logs[0]).toContain('ECONNREFUSED');
    expect((await h.store.listAudit({ publisherId: 'mer', limit: 1000 })).items.some((e) => e.action === 'notification.failed')).toBe(true);
  });

  test('a new send says which file or spreadsheet it came from, as one plain line', async () => {
    const before = smtp.mails.length;
    const told = (i: number): string => bodyOf(smtp.mails[before + i].raw);
    const upload = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER, { title: 'Parque de marzo' })), 'C:\\Obras\\Obras de marzo 🏗.xlsx');
    expect(upload.status).toBe(201);
    expect(told(0)).toContain('Municipio de Mérida (Yucatán) envió información para su revisión en el archivo «Obras de marzo 🏗.xlsx».');
    const sheet = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).set('Content-Type', WORKBOOK_JSON_MIME)
      .send(JSON.stringify({ workbook: workbookValues(projectWorkbook(MER, { title: 'Parque de abril' })), spreadsheetId: 'hoja-abril', spreadsheetName: 'Obra pública <abril> 2024' }));
    expect(sheet.status).toBe(201);
    expect(told(1)).toContain('Municipio de Mérida (Yucatán) envió información para su revisión desde la hoja de cálculo «Obra pública <abril> 2024».');
    // A name kept before it was cleaned (line breaks, a direction mark that would show «xslx.osfaF»): one plain line.
    const outbox = smtpOutbox({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'avisos@infra-abierta.test' });
    const stored = (await h.store.getSubmission(upload.body.submission.id as string))!;
    await notifier({ store: h.store, outbox, dashboardUrl: DASHBOARD_URL })({ kind: 'submitted', submission: { ...stored, source: { ...stored.source, name: 'Obras\r\nBcc: x@y.example \u202eFalso.xlsx' } }, publisher: MER, actor: USERS.capturistaA });
    expect(told(2)).toContain('envió información para su revisión en el archivo «Obras Bcc: x@y.example Falso.xlsx».');
    // Without a name (an older send), the sentence is as before.
    await notifier({ store: h.store, outbox, dashboardUrl: DASHBOARD_URL })({ kind: 'submitted', submission: { ...stored, source: { kind: 'xlsx', fileId: 'f' } }, publisher: MER, actor: USERS.capturistaA });
    expect(told(3)).toContain('Municipio de Mérida (Yucatán) envió información para su revisión.');
  });
});

test('a mail server that does not answer never holds the request: the submission is answered, the notice is delivered later and audited', async () => {
  // An outbox whose delivery waits until the test lets it go (a silent SMTP host looks like this to the request).
  let release: () => void = () => undefined;
  const delivered = new Promise<void>((resolve) => { release = resolve; });
  const slow: Outbox = { send: () => delivered };
  const h = await localHarness({ outbox: slow, notifyWaitMs: 50 });
  try {
    const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(MER)));
    expect(sent.status).toBe(201);
    const notices = async () => (await h.store.listAudit({ publisherId: 'mer', limit: 1000 })).items.filter((e) => e.action.startsWith('notification.')).map((e) => e.action);
    expect(await notices()).toEqual([]);
    release();
    for (let i = 0; i < 100 && !(await notices()).length; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await notices()).toEqual(['notification.sent']);
  } finally {
    await h.close();
  }
});

test('a relay that asks for no user or password: SMTP_USER and SMTP_PASS are optional (in the cloud the secret may hold any text)', async () => {
  const relay = await startSmtp('relay');
  try {
    for (const env of [{}, { SMTP_PASS: 'cualquier texto' }]) {
      const settings = smtpFromEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(relay.port), MAIL_FROM: 'avisos@infra-abierta.test', ...env });
      await smtpOutbox(settings!).send({ to: ['og@yucatan.example'], subject: 'Prueba', text: 'Aviso de prueba' });
    }
    expect(relay.mails.map((m) => m.to)).toEqual([['og@yucatan.example'], ['og@yucatan.example']]);
  } finally {
    await relay.close();
  }
});

/**
 * What a notice and a reminder read, counted on the real SQLite store as Firestore bills reads (docs/deploy.md §11):
 * at national scale a send's notice read every account of the country (≈ 5,100) to find its state's coordinators,
 * and each day's reminders read each late publisher's whole audit log. Who is told must not change.
 */
describe('reads that must not grow with the country', () => {
  const counted = countingBackend();
  const store = createStore(counted.backend);
  const mails: MailMessage[] = [];
  const outbox: Outbox = { send: async (m) => { mails.push(m); } };
  const submission: Submission = { id: 's1', publisherId: 'mer', source: { kind: 'xlsx', fileId: 'f1' }, status: 'submitted', history: [{ at: '2025-01-01T00:00:00.000Z', by: USERS.capturistaA.id, action: 'submitted' }], createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };
  afterAll(() => store.close());

  test('a send\'s notice reads the coordinators, not every account; the same coordinators are told, an account kept before `role` was a field too', async () => {
    for (let i = 0; i < 300; i++) await store.putUser({ id: `cap-${String(i).padStart(3, '0')}`, email: `captura${i}@municipio${i}.example`, role: 'capturista', publisherId: `p${i % 150}` });
    for (const u of Object.values(USERS) as User[]) await store.putUser(u);
    // «yucatan», typed before states were checked, is the same state (sameState); Chiapas is not.
    await store.putUser({ id: 'u-og-yuc-2', email: 'og2@yucatan.example', role: 'coordinador', state: 'yucatan' });
    await store.putUser({ id: 'u-og-chis', email: 'og@chiapas.example', role: 'coordinador', state: 'Chiapas' });
    // Written by an earlier version: `role` in the body only.
    await counted.backend.putMany('users', [{ id: docId('u-og-yuc-0'), sk: sortKey('u-og-yuc-0'), fields: { email: 'og0@yucatan.example' }, body: JSON.stringify({ id: 'u-og-yuc-0', email: 'og0@yucatan.example', role: 'coordinador', state: 'Yucatán' }) }]);
    const notify = notifier({ store, outbox, dashboardUrl: DASHBOARD_URL, log: (m) => { throw new Error(m); } });
    const yucatan = [USERS.coordinadorA.email, 'og0@yucatan.example', 'og2@yucatan.example']; // by id, as the store lists them
    await notify({ kind: 'submitted', submission, publisher: MER, actor: USERS.capturistaA });
    expect(mails.map((m) => m.to)).toEqual([yucatan]);
    // The first one marked the older accounts; from then on a notice counts the accounts, all and of each role (4
    // counts of 1 read each, however many accounts), and reads the coordinators only.
    counted.reset();
    await notify({ kind: 'withdrawn', submission, publisher: MER, actor: USERS.capturistaA });
    expect(mails.map((m) => m.to)).toEqual([yucatan, yucatan]);
    expect(counted.count('users')).toBeLessThanOrEqual(4 + 5);
  });

  test('a reminder reads the last week of a late publisher\'s log, not all of it; still once a week', async () => {
    await store.putPublisher(MER);
    const now = new Date('2025-06-01T12:00:00Z');
    // A year of its log before this week.
    for (let d = 400; d > 8; d--) await store.appendAudit({ at: new Date(now.getTime() - d * 86_400_000).toISOString(), actor: 'system', action: 'notification.sent', target: 'publisher/mer', publisherId: 'mer', details: { kind: 'reminder', recipients: 1 } });
    const remind = (at: Date) => sendUpdateReminders({ store, outbox, dashboardUrl: DASHBOARD_URL, now: () => at });
    mails.length = 0;
    counted.reset();
    expect(await remind(now)).toEqual(['mer']);
    expect(counted.count('audit')).toBeLessThanOrEqual(3);
    // The accounts of the late publisher only (its capturista and its coordinator's none), not the 300 of the country.
    expect(counted.count('users')).toBeLessThanOrEqual(3);
    expect(mails.map((m) => m.to)).toEqual([[USERS.capturistaA.email]]);
    // Six days later: the reminder of this week holds it back; eight days later, another.
    expect(await remind(new Date(now.getTime() + 6 * 86_400_000))).toEqual([]);
    expect(await remind(new Date(now.getTime() + 7 * 86_400_000 - 1))).toEqual([]);
    expect(await remind(new Date(now.getTime() + 7 * 86_400_000))).toEqual(['mer']);

    // A send of theirs awaits their coordination's decision: they are told so, and not to send again.
    await store.createSubmission({ ...submission, id: 's-awaiting', source: { kind: 'xlsx', fileId: 'f2', name: 'Obra junio.xlsx' }, createdAt: '2025-06-10T15:30:00.000Z', updatedAt: '2025-06-10T15:30:00.000Z' });
    mails.length = 0;
    expect(await remind(new Date(now.getTime() + 14 * 86_400_000))).toEqual(['mer']);
    expect(mails[0].text).toContain('Su envío del 10/06/2025 en el archivo «Obra junio.xlsx» espera la decisión de su coordinación: cuando lo apruebe, contará como su actualización. No necesita enviarlo de nuevo.');
    expect(mails[0].text).not.toContain('Actualice su hoja');
  });

  test('the reminders read the publishers due, not every publisher: one is due from the day after its period ends, and a new periodicity moves it', async () => {
    const own = countingBackend();
    const national = createStore(own.backend);
    const local = (time: string): Date => new Date(Date.parse(`${time}-06:00`)); // Mexico City
    const publisher = (id: string, periodicityDays: number) => ({ id, name: `Municipio ${id}`, state: 'Veracruz', ocidPrefix: `ocds-${id}`, projectIdPrefix: `oc4ids-${id}`, commitment: { projects: 1, periodicityDays } });
    // 200 implementers registered on 1 June with a period of 90 days: on time all summer.
    for (let i = 0; i < 200; i++) await registerPublisher(national, publisher(`on-time-${i}`, 90), 'admin', local('2025-06-01T09:00:00'));
    // Registered on 1 July with a period of 30 days: its update is due by 31 July, it is late from 1 August.
    await registerPublisher(national, publisher('ver', 30), 'admin', local('2025-07-01T09:00:00'));
    await national.putUser({ id: 'cap-ver', email: 'obras@ver.example', role: 'capturista', publisherId: 'ver' });
    const remind = (at: Date) => sendUpdateReminders({ store: national, outbox, dashboardUrl: DASHBOARD_URL, now: () => at });
    mails.length = 0;
    expect(await remind(local('2025-07-31T23:59:00'))).toEqual([]);
    own.reset();
    expect(await remind(local('2025-08-01T00:01:00'))).toEqual(['ver']);
    expect(mails.map((m) => m.to)).toEqual([['obras@ver.example']]);
    // The publishers counted (all, and those carrying their due day: 1 read per 1,000 each), then the late one and its
    // pointer, not the 201 publishers and their pointers.
    expect(own.count('publishers', 'current')).toBeLessThanOrEqual(2 + 2);
    // Its periodicity set to 60 days (registered again with it, on 2 August): due by 30 August, late from the 31st.
    await registerPublisher(national, publisher('ver', 60), 'admin', local('2025-08-02T09:00:00'));
    expect(await remind(local('2025-08-30T23:59:00'))).toEqual([]);
    expect(await remind(local('2025-08-31T00:01:00'))).toEqual(['ver']);
    await national.close();
  });

  test('a publication an earlier version made (rolled back: it moves the pointer only) reminds nobody early, and the publisher is listed again from its real due day', async () => {
    const own = countingBackend();
    const store = createStore(own.backend);
    const local = (time: string): Date => new Date(Date.parse(`${time}-06:00`)); // Mexico City
    await registerPublisher(store, { id: 'ver', name: 'Municipio de Xalapa', state: 'Veracruz', ocidPrefix: 'ocds-xal001', projectIdPrefix: 'oc4ids-xal001', commitment: { projects: 1, periodicityDays: 30 } }, 'admin', local('2025-07-01T09:00:00'));
    await store.putUser({ id: 'cap-ver', email: 'obras@xalapa.example', role: 'capturista', publisherId: 'ver' });
    // Due by 31 July; the earlier version publishes on 20 July: its pointer, nothing on the publisher. Due by 19 August.
    await store.createPublication({ id: 'V1', publisherId: 'ver', contentHash: 'hash-V1', createdAt: local('2025-07-20T12:00:00').toISOString() });
    await store.completePublication('V1', { releases: 0, records: 0, projects: 0 });
    await own.backend.putMany('current', [{ id: docId('ver'), sk: sortKey('ver'), fields: { publisherId: 'ver' }, body: JSON.stringify({ publisherId: 'ver', publicationId: 'V1' }) }]);
    const remind = (at: Date) => sendUpdateReminders({ store, outbox, dashboardUrl: DASHBOARD_URL, now: () => at });
    mails.length = 0;
    const listed = async (at: Date) => (await store.listPublishersDue({ day: mexicoCityDay(at.getTime()) })).items.map((p) => p.id);
    expect(await listed(local('2025-08-01T09:00:00'))).toEqual(['ver']);
    // Listed by the date it has, checked against its pointer: not reminded, and given its publication's date.
    expect(await remind(local('2025-08-01T09:00:00'))).toEqual([]);
    expect((await store.getPublisher('ver'))?.publishedAt).toBe(local('2025-07-20T12:00:00').toISOString());
    expect(await listed(local('2025-08-02T09:00:00'))).toEqual([]);
    expect(await remind(local('2025-08-20T09:00:00'))).toEqual(['ver']);
    expect(mails.map((m) => m.to)).toEqual([['obras@xalapa.example']]);
    await store.close();
  });
});

test('the approval and return e-mails agree with their numbers and speak of «su coordinación», as the pages do', () => {
  const submission = { id: 's1', source: { kind: 'xlsx', name: 'obra.xlsx' }, createdAt: '2025-06-10T15:30:00Z', history: [] } as unknown as Submission;
  const actor = { email: USERS.coordinadorA.email } as User;
  const daily = { ...MER, commitment: { ...MER.commitment, periodicityDays: 1 } };
  const published = composeMessage({ kind: 'published', submission, publisher: daily, actor, unchanged: false, changedProcesses: 1 }, DASHBOARD_URL);
  expect(published.text).toContain('Se publicó 1 contratación nueva o modificada.');
  // A later publication of projects only: no contracting process changed.
  expect(composeMessage({ kind: 'published', submission, publisher: MER, actor, unchanged: false, changedProcesses: 0, changedProjects: 1, first: false }, DASHBOARD_URL).text).toContain('Se publicó la nueva versión de sus datos; ninguna contratación cambió (los cambios son de sus proyectos o de su configuración).');
  expect(published.text).toContain('Recuerde enviar su siguiente actualización dentro de 1 día.');
  const returned = composeMessage({ kind: 'returned', submission, publisher: MER, actor, comment: 'Falta el presupuesto.' }, DASHBOARD_URL);
  expect(returned.text).toMatch(/^Su coordinación \(.+\) devolvió el envío del 10\/06\/2025 en el archivo «obra\.xlsx» con este comentario:/);
  // Which send: an institution with two open, or a resend after a return, could not tell which one was decided.
  expect(published.text).toMatch(/^.+ aprobó el envío del 10\/06\/2025 en el archivo «obra\.xlsx»\. Se publicó/);
  // A corrected workbook sent after a return is the same send's new version, not a second send to look for.
  const resent = composeMessage({ kind: 'submitted', submission: { ...submission, history: [{ action: 'returned' }, { action: 'resubmitted' }] } as unknown as Submission, publisher: MER, actor }, DASHBOARD_URL);
  expect([resent.subject, resent.text.split('\n')[0]]).toEqual([`Nueva versión del envío de ${MER.name} para revisión`, `${MER.name} (${MER.state}) envió una nueva versión de su envío, que reemplaza a la anterior en su bandeja (con su historial y sus comentarios), para su revisión en el archivo «obra.xlsx».`]);
  expect(composeMessage({ kind: 'submitted', submission, publisher: MER, actor }, DASHBOARD_URL).subject).toBe(`Nuevo envío de ${MER.name} para revisión`);
  const refused = composeMessage({ kind: 'refused', submission, publisher: MER, actor, errors: 2, background: true }, DASHBOARD_URL);
  expect(refused.text).toMatch(/^.+ aprobó el envío del 10\/06\/2025 en el archivo «obra\.xlsx», pero al revisarlo/);
});

test('SMTP_SECURE is «true» or «false» (any case) or unset: «1» or «sí» stop the start with a Spanish message instead of mailing without TLS', () => {
  const secure = (value: string | undefined): boolean | undefined => smtpFromEnv({ SMTP_HOST: 'correo.example.org', SMTP_PORT: '2525', ...(value === undefined ? {} : { SMTP_SECURE: value }) })?.secure;
  expect([secure(undefined), secure(''), secure('false'), secure('true'), secure('TRUE')]).toEqual([false, false, false, true, true]);
  for (const bad of ['1', 'sí', 'yes']) expect(() => secure(bad)).toThrow(`La variable SMTP_SECURE debe ser «true» o «false», o no definirse (se recibió «${bad}»).`);
});

// docs/deploy.md §6 says what each mail variable does when it is not defined; one left blank in the environment file
// (`SMTP_PORT=`, `MAIL_FROM=`) is not defined, as for the configuration's variables: the port refused «» and stopped
// every function, and the sender was empty.
test('SMTP_PORT and MAIL_FROM left blank are unset: port 587 and the platform\'s sender', () => {
  const settings = smtpFromEnv({ SMTP_HOST: 'smtp.estado.gob.mx', SMTP_PORT: '', MAIL_FROM: '' });
  expect([settings?.port, settings?.secure, settings?.from]).toEqual([587, false, 'Infraestructura Abierta <no-responder@smtp.estado.gob.mx>']);
});
