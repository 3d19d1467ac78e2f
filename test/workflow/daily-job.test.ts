/**
 * The daily job (workflow/daily-job.ts, the body of the cloud's `updateReminders`) within its time limit, on both real
 * stores: measured at national scale (bench:daily), the reminders of a day many implementers are late needed more
 * than the function's 300 s, and it was cut before the month closes and the cleanup began. Each part now stops at
 * its deadline, and the next run goes on where it stopped: every late implementer is reminded once — none twice, none
 * left out day after day —, the closes are kept month by month and recorded as done only when all are, and the
 * outcomes of old sends' checks are removed even on a run out of time.
 */
import { realStores } from '../real-stores';
import type { Store } from '../../functions/src/store/store';
import { runDailyJob, type DailyOutcome } from '../../functions/src/workflow/daily-job';
import { smtpOutbox, type MailMessage } from '../../functions/src/workflow/notifications';
import { KEEP_CHECKS_MS } from '../../functions/src/workflow/send-check';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import { COLLECTIONS } from '../../functions/src/store/collections';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { startSmtp } from '../support/smtp-capture';

/** Mexico City wall-clock time (UTC−6). */
const mx = (local: string): Date => new Date(Date.parse(`${local}-06:00`));
const DAY = 86_400_000;
const NOW = mx('2026-12-05T09:00:00');
/** More than the closes make at once (month-closes.ts IN_FLIGHT, 8): a run out of time leaves some for the next. */
const IDS = Array.from({ length: 12 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);

/** Twelve implementers registered in September, never published (late), each with its official and a send a month. */
async function seed(store: Store): Promise<void> {
  for (const id of IDS) {
    await store.putPublisher({ id, name: `Municipio ${id}`, state: 'Yucatán', ocidPrefix: `ocds-${id}`, projectIdPrefix: `oc4ids-${id}`, commitment: { projects: 1, periodicityDays: 30 }, registeredAt: mx('2026-09-01T10:00:00').toISOString() });
    await store.putUser({ id: `cap-${id}`, email: `obras@${id}.example`, role: 'capturista', publisherId: id });
    for (const month of ['2026-09', '2026-10', '2026-11']) {
      await store.appendAudit({ at: mx(`${month}-10T10:00:00`).toISOString(), actor: `cap-${id}`, action: 'submission.created', target: `submission/${id}-${month}`, publisherId: id, details: {} });
      // October's waits across its close.
      const decided = month === '2026-10' ? '2026-11-03' : `${month}-20`;
      for (const action of ['submission.approved', 'submission.published']) await store.appendAudit({ at: mx(`${decided}T10:00:00`).toISOString(), actor: 'og', action, target: `submission/${id}-${month}`, publisherId: id, details: {} });
    }
  }
  const answer = JSON.stringify({ format: 1, state: 'done', userId: 'cap-p01', answer: { status: 201, body: {} } });
  await store.putSendCheck('p01~viejo', 'p01', answer, new Date(NOW.getTime() - KEEP_CHECKS_MS - DAY).toISOString());
}

/**
 * Each test's store, seeded. On Firestore the seed (108 appends to the audit's hash chain, one after another, each
 * several round trips to the emulator: 1.5–3.5 CPU-s) is written once, through the store, in a namespace of its own;
 * each test then starts from a copy of its documents, one batch a collection.
 */
function seededStores(): [string, () => Promise<Store>][] {
  let seeded: Promise<string> | undefined;
  let copies = 0;
  const seedOnce = (): Promise<string> => (seeded ??= (async () => {
    const store = openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: 'diaria_semilla_' });
    try { await seed(store); } finally { await store.close(); }
    return 'diaria_semilla_';
  })());
  return realStores('diaria_').map(([name, open]): [string, () => Promise<Store>] => [name, name !== 'Firestore' ? async () => { const store = open(); await seed(store); return store; } : async () => {
    const from = await seedOnce();
    const namespace = `diaria_copia${copies++}_`;
    const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, `diaria-${namespace}`);
    try {
      const db = getFirestore(app);
      for (const c of Object.keys(COLLECTIONS)) {
        const docs = (await db.collection(from + c).get()).docs;
        if (!docs.length) continue;
        const batch = db.batch();
        for (const d of docs) batch.set(db.collection(namespace + c).doc(d.id), d.data());
        await batch.commit();
      }
    } finally {
      await deleteApp(app);
    }
    return openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace });
  }]);
}

describe.each(seededStores())('%s', (_name, open) => {
  let store: Store;
  const mails: MailMessage[] = [];
  beforeEach(async () => { store = await open(); mails.length = 0; });
  afterEach(() => store.close());

  const run = (at: Date, outOfTime: boolean): Promise<DailyOutcome> => runDailyJob({
    store, now: () => at, log: () => {},
    mail: { store, outbox: { send: async (m) => { mails.push(m); } }, dashboardUrl: 'https://tablero.example', now: () => at },
  // Deadlines past already: each part does the least it must to move forward.
  }, outOfTime ? { reminders: 0, closes: 0 } : {});

  test('out of time, each run reminds one more late implementer, keeps closes and removes the old checks; every one is reminded once, and the closes are recorded only when all are kept', async () => {
    const outcomes: DailyOutcome[] = [];
    for (let k = 0; k < IDS.length; k++) outcomes.push(await run(NOW, true));
    // One each run, in order, none twice: the next run began after the one the last stopped at.
    expect(mails.map((m) => m.to[0])).toEqual(IDS.map((id) => `obras@${id}.example`));
    expect(outcomes.map((o) => [o.reminded, o.remindersDone])).toEqual(IDS.map(() => [1, false]));
    expect(await store.remindersStoppedAfter()).toBe('p12');
    // The cleanup ran on the first run, out of time as it was.
    expect(outcomes[0].checksRemoved).toBe(1);
    expect(await store.getSendCheck('p01~viejo', 'p01')).toBeUndefined();
    // The closes: the first run kept those of the implementers it began (8 at once) and did not record the month as
    // done; the second kept the rest and recorded it.
    const closes = outcomes.map((o) => o.closes);
    expect(closes.slice(0, 2)).toEqual([{ done: false, month: '2026-11', publishers: 8 }, { done: true, month: '2026-11', publishers: 12 }]);
    expect(await store.monthClosesKeptThrough()).toBe('2026-11');
    // October's send waited across its close, for each of them.
    for (const id of IDS) expect((await store.latestMonthClose(id, '2026-12'))?.open.map((s) => s.id)).toEqual([]);
    expect((await store.latestMonthClose('p12', '2026-11'))?.open.map((s) => s.id)).toEqual(['p12-2026-10']);

    // Within the week, runs with time or without remind no one again; one that looked at every late one says so.
    const later = await run(new Date(NOW.getTime() + DAY), true);
    expect([later.reminded, later.remindersDone]).toEqual([0, false]);
    const whole = await run(new Date(NOW.getTime() + 2 * DAY), false);
    expect([whole.reminded, whole.remindersDone]).toEqual([0, true]);
    expect(mails).toHaveLength(IDS.length);
    expect(await store.remindersStoppedAfter()).toBeUndefined();
    // A week later, all of them again, in one run with time.
    expect((await run(new Date(NOW.getTime() + 7 * DAY), false)).reminded).toBe(IDS.length);
  });

  test('a few at once: a slow mail to an earlier implementer is waited for, and the next run goes on after the last begun; a failed one is audited and does not stop the others', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Far enough for the first three to begin at once even on a loaded machine (the run reads the store first: on the
    // emulator, with the suite's other workers, that took most of a second), and near enough, with 0.7 s a mail, for
    // the deadline to come before the twelve are done.
    const deadline = Date.now() + 3000;
    const outbox = {
      send: async (m: MailMessage) => {
        // p01's server answers only past the deadline and after a later one's (one at a time, a second later); p02's
        // refuses; the rest take 0.7 s each, so the deadline comes before the twelve are done.
        if (m.to[0] === 'obras@p01.example') while (Date.now() < deadline + 50 || (!mails.length && Date.now() < deadline + 1000)) await sleep(20);
        else await sleep(700);
        if (m.to[0] === 'obras@p02.example') throw new Error('550 buzón no disponible');
        mails.push(m);
      },
    };
    const said: string[] = [];
    const at = (when: Date) => runDailyJob({ store, now: () => when, log: (m) => said.push(m), mail: { store, outbox, dashboardUrl: 'https://tablero.example', now: () => when, log: () => {} } }, { reminders: deadline });
    const first = await at(NOW);
    expect(first.remindersDone).toBe(false);
    // Three begun at once, then more while p01's mail waited: all of them a prefix of the round, each finished.
    // p02's refused reminder is told apart from those sent, and still counts as begun.
    expect(first.unsent).toBe(1);
    expect(said).toContain('Recordatorios: el servidor de correo no aceptó el de 1 implementador (p02); se intentan de nuevo en la siguiente vuelta.');
    const k = (first.reminded ?? 0) + 1;
    expect(k).toBeGreaterThanOrEqual(3);
    expect(k).toBeLessThan(IDS.length);
    const begun = IDS.slice(0, k);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(begun.filter((id) => id !== 'p02').map((id) => `obras@${id}.example`));
    // p01's finished after later ones: where the run stopped is still the last begun, not past an unfinished one.
    expect(mails[0].to[0]).not.toBe('obras@p01.example');
    expect(await store.remindersStoppedAfter()).toBe(begun[k - 1]);
    const actions = async (id: string) => (await store.listAudit({ publisherId: id, limit: 1000 })).items.filter((e) => e.action.startsWith('notification.')).map((e) => e.action);
    expect(await actions('p02')).toEqual(['notification.failed']);
    expect(await actions('p01')).toEqual(['notification.sent']);

    // The next run, with time: the rest, and round again to p02 (its reminder failed); none twice.
    const second = await runDailyJob({ store, now: () => NOW, log: () => {}, mail: { store, outbox: { send: async (m) => { mails.push(m); } }, dashboardUrl: 'https://tablero.example', now: () => NOW } });
    expect([second.reminded, second.remindersDone]).toEqual([IDS.length - k + 1, true]);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(IDS.map((id) => `obras@${id}.example`));
  });

  test('with time, one run does it all', async () => {
    const outcome = await run(NOW, false);
    expect(outcome).toMatchObject({ reminded: IDS.length, remindersDone: true, closes: { done: true, month: '2026-11', publishers: IDS.length }, checksRemoved: 1 });
    expect(outcome.failed).toBeUndefined();
    expect(await store.remindersStoppedAfter()).toBeUndefined();
  });
});

test('the reminders share a few SMTP connections, opened for the run and closed at its end', async () => {
  const smtp = await startSmtp();
  const store = openSqliteStore(':memory:');
  try {
    await seed(store);
    const mail = { store, outbox: smtpOutbox({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'avisos@infra-abierta.test' }), dashboardUrl: 'https://tablero.example', now: () => NOW };
    const outcome = await runDailyJob({ store, now: () => NOW, log: () => {}, mail });
    expect([outcome.reminded, outcome.failed]).toEqual([IDS.length, undefined]);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(IDS.map((id) => `obras@${id}.example`));
    // A connection each was 12; three at most, kept open between messages.
    expect(smtp.connections.opened).toBeLessThanOrEqual(3);
    // Closed with the run: none left open (a pool's idle connection would stay 4 minutes, and hold the process).
    for (let waited = 0; smtp.connections.open > 0 && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(smtp.connections.open).toBe(0);
  } finally {
    store.close();
    await smtp.close();
  }
});
