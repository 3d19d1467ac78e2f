/**
 * An approval of a submission identical to what is published (publication `unchanged`) is an update of the
 * implementer's commitment: it confirmed its data current. It stayed «Atrasado» on Seguimiento, with its «Días sin
 * actualizar» counted from the last publication that changed something, and kept getting reminders. The real app
 * (self-hosted: API tokens, .xlsx uploads) on the real SQLite store, with a movable clock; the board's
 * `/api/tracking` and the daily reminders read the same clock (core/workflow/update-due.ts).
 */
import request from 'supertest';
import { XLSX_MIME } from '../../core/workflow/contract';
import type { TrackingRow } from '../../core/stats/tracking-row';
import { isLate } from '../../core/workflow/update-due';
import { formatDate } from '../../core/format/es-mx';
import { sendUpdateReminders, type MailMessage } from '../../functions/src/workflow/notifications';
import { DASHBOARD_URL, localHarness, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness } from './workflow-harness';

const [MER] = PUBLISHERS;
const DAY = 86_400_000;

let clock = new Date('2025-01-15T17:00:00Z');
let h: LocalHarness;
beforeAll(async () => { h = await localHarness({ now: () => clock }); });
afterAll(() => h.close());

const later = (days: number): Date => new Date(clock.getTime() + days * DAY);
const mails: MailMessage[] = [];
const remind = () => sendUpdateReminders({ store: h.store, outbox: { send: async (m) => { mails.push(m); } }, dashboardUrl: DASHBOARD_URL, now: () => clock });
const tracked = async (id: string): Promise<TrackingRow> => ((await request(h.app).get('/api/tracking').expect(200)).body as { publishers: TrackingRow[] }).publishers.find((r) => r.publisherId === id)!;
const lateOn = (r: TrackingRow): boolean => isLate({ lastPublishedAt: r.lastPublishedAt, confirmedAt: r.confirmedAt, registeredAt: r.registeredAt, periodicityDays: r.periodicityDays }, clock.getTime());

async function sendAndApprove(book: Buffer): Promise<{ unchanged: boolean }> {
  const sent = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(book);
  expect(sent.status).toBe(201);
  const approved = await request(h.app).post(`/api/submissions/${sent.body.submission.id}/approve`).set('Authorization', h.bearer('coordinadorA'));
  expect([approved.status, approved.body.submission.status]).toEqual([200, 'published']);
  return { unchanged: approved.body.publication.unchanged };
}

test('an approved submission identical to the publication counts as an update on Seguimiento and for the reminders', async () => {
  const book = await xlsxOf(projectWorkbook(MER, { title: 'Parque de la Paz' }));
  const published = clock.toISOString();
  expect(await sendAndApprove(book)).toEqual({ unchanged: false });

  // 100 days later (the commitment: every 90 days) the implementer is late.
  clock = later(100);
  expect(await tracked('mer')).toMatchObject({ lastPublishedAt: published, confirmedAt: null, daysSinceUpdate: 100 });
  expect(lateOn(await tracked('mer'))).toBe(true);

  // It sends its workbook again, nothing changed; the coordinator approves it: nothing new is published…
  expect(await sendAndApprove(book)).toEqual({ unchanged: true });
  // …and its data is confirmed current today: not late, 0 days without an update, no reminder («mty» never published).
  const row = await tracked('mer');
  expect(row).toMatchObject({ lastPublishedAt: published, confirmedAt: clock.toISOString(), daysSinceUpdate: 0 });
  expect(lateOn(row)).toBe(false);
  expect(await remind()).toEqual(['mty']);
  expect((await h.store.getCurrent('mer'))?.createdAt).toBe(published);

  // An administrator editing its registration keeps the confirmation.
  await request(h.app).put('/api/publishers/mer').set('Authorization', h.bearer('admin'))
    .send({ name: MER.name, state: MER.state, ocidPrefix: MER.ocidPrefix, projectIdPrefix: MER.projectIdPrefix, commitment: { projects: 4, periodicityDays: 90 } }).expect(200);
  expect((await h.store.getPublisher('mer'))?.confirmedAt).toBe(clock.toISOString());

  // A period after the confirmation it is late again, and the reminder dates it from the confirmation.
  const confirmed = clock.toISOString();
  clock = later(91);
  expect(await tracked('mer')).toMatchObject({ daysSinceUpdate: 91 });
  expect((await remind()).sort()).toEqual(['mer', 'mty']);
  const reminder = mails.find((m) => m.subject.includes('Municipio de Mérida'));
  expect(reminder?.text).toContain(`se comprometió a actualizar sus datos cada 90 días y su última actualización es del ${formatDate(confirmed)}, cuando su coordinación aprobó un envío sin cambios.`);
});
