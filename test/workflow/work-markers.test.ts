/**
 * Markers of background work judged by their owner's heartbeat (workflow/kept-state.ts), not by who started them.
 * Self-hosted in a cluster (`serve --procesos N`): two apps on one SQLite file stand for two workers, the second
 * started after the first began the work (as a worker started again after a crash is): it neither computes a
 * preview its live sibling is computing, nor says «se interrumpió» of a check its sibling still runs — and once the
 * sibling dies (every write of its store hangs, its heartbeat with them), it takes over / says so, after the stale
 * margin. The cloud (Firestore emulator): an instance dying in the middle of a small preview computed in its request
 * leaves its «preparando» only until its heartbeat is stale, not for the 10 minutes of the queue's lease.
 * Heartbeats and margins are milliseconds here (20–60 ms, 2–2.5 s); the server's are 15 s and 2 min.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { checkPreviewAnswer, checkSubmitAnswer, PREVIEW_PREPARING } from '../../core/workflow/contract';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import type { Store } from '../../functions/src/store/store';
import { submissionWork, type SubmissionWork } from '../../functions/src/workflow/submission-work';
import { claimWork, markerPolicy, previewSlot } from '../../functions/src/workflow/kept-state';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, uploadXlsx, xlsxOf, type Harness } from './workflow-harness';

const [MER] = PUBLISHERS;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A store whose process can be made to die: once `kill()`ed, nothing it is asked (but to close) ever answers. */
function killable(store: Store): { store: Store; kill(): void } {
  let dead = false;
  const proxy = new Proxy(store, {
    get: (target, key) => {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (dead && key !== 'close' ? new Promise(() => undefined) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { store: proxy, kill: () => { dead = true; } };
}

/**
 * Two stores that, once `arm()`ed, answer a read of a prepared preview only when both have been asked one: the two
 * workers have read the same thing before either writes (what a few milliseconds apart may be on a busy server).
 */
function meetingAtRead(): { wrap(store: Store): Store; arm(): void } {
  let armed = false;
  const waiting: (() => void)[] = [];
  const wrap = (store: Store) => new Proxy(store, {
    get: (target, key) => {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      if (key !== 'getPreparedPreview' && key !== 'readPreparedPreview') return value.bind(target);
      return async (...args: unknown[]) => {
        const read = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (armed) {
          await new Promise<void>((r) => { waiting.push(r); if (waiting.length === 2) { armed = false; waiting.forEach((w) => w()); } });
        }
        return read;
      };
    },
  });
  return { wrap, arm: () => { armed = true; } };
}

/** Work whose steps wait until released (a large workbook being checked, a preview being computed); the real ones otherwise. */
function heldWork(store: Store) {
  const real = submissionWork(store);
  const gates: (() => void)[] = [];
  const held = <T>(step: () => Promise<T>): Promise<T> => new Promise<void>((r) => gates.push(r)).then(step);
  const work: SubmissionWork = {
    intake: (workbook, publisher, now) => held(() => real.intake(workbook, publisher, now)),
    preview: (hash, publisher, now) => held(() => real.preview(hash, publisher, now)),
  };
  /** Once `n` steps have started (a send's is started after its 202: its workbook is read first). */
  const started = async (n: number) => { for (const deadline = Date.now() + 5000; gates.length < n && Date.now() < deadline;) await sleep(10); return gates.length; };
  return { work, started, release: (i: number) => gates[i]() };
}

/** The real work on the store `store()` gives once the app is built, counting the previews it computes. */
function countedWork(store: () => Store) {
  const counted = {
    previews: 0,
    work: {
      intake: (...a) => submissionWork(store()).intake(...a),
      preview: (...a) => { counted.previews++; return submissionWork(store()).preview(...a); },
    } as SubmissionWork,
  };
  return counted;
}

const askPreview = (h: Harness, id: string) => request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA'));

/** Asks `times` times, `everyMs` apart, and the answers' statuses and codes. */
async function askedOver(ask: () => Promise<request.Response>, times: number, everyMs: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < times; i++) {
    const res = await ask();
    seen.push(`${res.status} ${res.body.error?.code ?? ''}`.trim());
    await sleep(everyMs);
  }
  return seen;
}

/**
 * Asks `everyMs` apart (from one ask's start to the next's) until an ask starts `spanMs` after the first did; the
 * answers' statuses and codes. The span, not the count, is what a margin is checked against: a slow answer (a loaded
 * machine, the emulator) no longer lengthens it by as many times as there are asks.
 */
async function askedFor(ask: () => Promise<request.Response>, spanMs: number, everyMs: number): Promise<string[]> {
  const seen: string[] = [];
  for (const from = Date.now(); ;) {
    const at = Date.now();
    const res = await ask();
    seen.push(`${res.status} ${res.body.error?.code ?? ''}`.trim());
    if (at - from >= spanMs) return seen;
    await sleep(Math.max(0, at + everyMs - Date.now()));
  }
}

/** Asks until the answer is not `status`, `everyMs` apart; that answer (at most `ms`). */
async function until(ask: () => Promise<request.Response>, status: number, ms: number, everyMs = 25): Promise<request.Response> {
  for (const deadline = Date.now() + ms; ;) {
    const res = await ask();
    if (res.status !== status || Date.now() > deadline) return res;
    await sleep(everyMs);
  }
}

/**
 * A scenario started when the file starts, whose test awaits its outcome (its failure kept until then, not left
 * unhandled). The cluster's two that wait out heartbeats — a live sibling asked over more than the stale margin, then
 * a dead one waited past it: ~5 s each of waiting and next to no work — run at the same time so, rather than one
 * after the other: they share nothing (each its own SQLite file). Not the cloud's: its heartbeats go through the
 * emulator, in this process, and a busy event loop beside it is what made its own heartbeat late on CI (below).
 */
function startedAtOnce(run: () => Promise<void>): () => Promise<void> {
  let outcome: Promise<unknown> | undefined;
  toStart.push(() => { outcome = run().then(() => undefined, (e: unknown) => e ?? new Error('el escenario falló')); });
  return async () => {
    const failure = await outcome;
    if (failure !== undefined) throw failure;
  };
}
const toStart: (() => void)[] = [];
// Before the first test, all of them (a describe's own beforeAll would start its scenario only when its turn came).
beforeAll(() => { toStart.splice(0).forEach((start) => start()); });

/** Two workers on one SQLite file in a directory of their own (`worker` opens each); `close` closes them and removes it. */
function cluster(markers: { sole: boolean; heartbeatMs: number; staleMs: number }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-markers-'));
  const open: Harness[] = [];
  const worker = async (opts: { work?: SubmissionWork; kill?: (kill: () => void) => void; wrap?: (s: Store) => Store } = {}) => {
    const file = path.join(dir, 'infra.db');
    const h = await localHarness({
      previewBudgetMs: 0, sendBudgetMs: 0, markers, ...(opts.work ? { work: opts.work } : {}),
      openStore: () => { const k = killable(openSqliteStore(file)); opts.kill?.(k.kill); return opts.wrap ? opts.wrap(k.store) : k.store; },
    });
    open.push(h);
    return h;
  };
  /**
   * The first worker, its checks and previews held until the test releases them (heldWork), and what kills it (its
   * store stops, and its heartbeat with it).
   */
  const heldFirst = async () => {
    let kill = () => {};
    let held: ReturnType<typeof heldWork> | undefined;
    const gated = () => held as ReturnType<typeof heldWork>;
    const first = await worker({ kill: (k) => { kill = k; }, work: { intake: (...a) => gated().work.intake(...a), preview: (...a) => gated().work.preview(...a) } });
    held = heldWork(first.store);
    return { first, held, kill: () => kill() };
  };
  return {
    worker,
    heldFirst,
    async close() {
      for (const h of open.splice(0)) await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('self-hosted cluster (two workers on one SQLite file): a sibling\'s live work is left to it; a dead one\'s is taken over', () => {
  // A margin of 2 s, not less: on a loaded machine (the suite's other workers, a full run beside it) a heartbeat of
  // 20 ms was once late by more than 0.8 s, and a live sibling's work was taken over.
  const MARKERS = { sole: false, heartbeatMs: 20, staleMs: 2000 };

  const previewTakenOver = startedAtOnce(async () => {
    const { worker, heldFirst, close } = cluster(MARKERS);
    try {
      const { first, held, kill: killFirst } = await heldFirst();
      const sent = await uploadXlsx(first, await xlsxOf(projectWorkbook(MER, { title: 'Parque del Centro' })), 'parque.xlsx');
      expect(sent.status).toBe(202);
      expect(await held.started(1)).toBe(1);
      held.release(0); // its check
      const id = checkSubmitAnswer((await until(() => request(first.app).get(sent.headers.location).set('Authorization', first.bearer('capturistaA')), 202, 5000)).body).submission.id;
      expect([(await askPreview(first, id)).status, await held.started(2)]).toEqual([503, 2]); // the first worker computes it (held)

      // A worker started afterwards (another seed: its own tokens) asks for it, again and again, over twice the stale margin.
      let second: Harness | undefined;
      const counted = countedWork(() => (second as Harness).store);
      second = await worker({ work: counted.work });
      const answers = await askedOver(() => askPreview(second, id), 12, 200);
      expect(answers).toEqual(Array(12).fill(`503 ${PREVIEW_PREPARING}`));
      expect(counted.previews).toBe(0);

      // The first worker dies in the middle of it: its heartbeat stops. Within the margin, still «preparando»; then computed here.
      killFirst();
      expect((await askPreview(second, id)).status).toBe(503);
      expect(counted.previews).toBe(0);
      const res = await until(() => askPreview(second, id), 503, 8000);
      expect(res.status).toBe(200);
      expect(counted.previews).toBe(1);
      expect(checkPreviewAnswer(res.body).preview.projects.items.map((i) => i.title)).toEqual(['Parque del Centro']);
      // Kept: its heartbeat, stopped by what it kept, never writes «preparando» over it again.
      await sleep(5 * MARKERS.heartbeatMs);
      expect((await askPreview(second, id)).status).toBe(200);
      expect(counted.previews).toBe(1);
    } finally {
      await close();
    }
  });
  const checkSaidInterrupted = startedAtOnce(async () => {
    const { worker, heldFirst, close } = cluster(MARKERS);
    try {
      const { first, held, kill: killFirst } = await heldFirst();
      const running = (await uploadXlsx(first, await xlsxOf(projectWorkbook(MER, { title: 'Mercado' })), 'mercado.xlsx').expect(202)).headers.location as string;
      const dying = (await uploadXlsx(first, await xlsxOf(projectWorkbook(MER, { title: 'Biblioteca' })), 'biblioteca.xlsx').expect(202)).headers.location as string;
      expect(await held.started(2)).toBe(2);

      const second = await worker();
      const ask = (location: string) => () => request(second.app).get(location).set('Authorization', second.bearer('capturistaA'));
      expect(await askedOver(ask(running), 12, 200)).toEqual(Array(12).fill('202'));
      // Its outcome, kept by the sibling that ran it, is what the official is told.
      held.release(0);
      const done = await until(ask(running), 202, 5000);
      expect(done.status).toBe(201);
      expect(checkSubmitAnswer(done.body).submission.source).toMatchObject({ name: 'mercado.xlsx' });
      await sleep(5 * MARKERS.heartbeatMs);
      expect((await ask(running)()).status).toBe(201);

      // The other check's worker dies: «revisando» within the margin, then said interrupted, in Spanish.
      expect((await ask(dying)()).status).toBe(202);
      killFirst();
      expect((await ask(dying)()).status).toBe(202);
      const res = await until(ask(dying), 202, 8000);
      expect([res.status, res.body.error?.code]).toEqual([503, 'send-interrupted']);
      expect(res.body.error.message).toMatch(/^La revisión del libro se interrumpió antes de terminar/);
    } finally {
      await close();
    }
  });

  test('a preview: not computed again by a worker started after its sibling began it, while the sibling computes; taken over once the sibling died', () => previewTakenOver());

  test('a preview asked of two workers at the same moment is computed by one of them', async () => {
    const { worker, close } = cluster(MARKERS);
    try {
      const workers: Harness[] = [];
      const counts = [0, 1].map((i) => countedWork(() => workers[i].store));
      const meeting = meetingAtRead();
      workers.push(await worker({ work: counts[0].work, wrap: meeting.wrap }));
      const sent = await uploadXlsx(workers[0], await xlsxOf(projectWorkbook(MER, { title: 'Parque del Centro' })), 'parque.xlsx').expect(202);
      const id = checkSubmitAnswer((await until(() => request(workers[0].app).get(sent.headers.location).set('Authorization', workers[0].bearer('capturistaA')), 202, 5000)).body).submission.id;
      workers.push(await worker({ work: counts[1].work, wrap: meeting.wrap }));
      // The first worker's tokens went with the second's seed: the same coordinator, by the second's token, on both.
      const ask = (h: Harness) => request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', workers[1].bearer('coordinadorA'));
      meeting.arm();
      await Promise.all(workers.map(ask));
      expect(counts[0].previews + counts[1].previews).toBe(1);
      expect((await until(() => ask(workers[0]), 503, 5000)).status).toBe(200);
      expect(counts[0].previews + counts[1].previews).toBe(1);
    } finally {
      await close();
    }
  });

  test('a send\'s check: «revisando» to a worker started after its sibling began it, while the sibling runs it, then its outcome; «se interrumpió» once the sibling died', () => checkSaidInterrupted());
});

describe('the cloud (Firestore emulator): an instance that dies computing a small preview in its request', () => {
  let emulator: FirestoreEmulator;
  beforeAll(async () => { emulator = await startFirestoreEmulator(); });
  afterAll(() => emulator.stop());

  test('another instance says «preparando» while the first one\'s heartbeat goes on, and computes it itself once the heartbeat is stale', async () => {
    const namespace = `markers${Date.now()}_`;
    const SHEET = '1MarkersAbCdEfGhIjKlMnOpQrStUv';
    // 4 s: see MARKERS above. The emulator answers slower than SQLite under load, and each heartbeat waits for the
    // one before: with 2.5 s, one CI run (the suite's other worker busy all along) saw the second instance's own
    // heartbeat late past it while it computed, and the preview computed twice.
    const markers = { heartbeatMs: 60, staleMs: 4000 };
    let killFirst = () => {};
    let held: ReturnType<typeof heldWork> | undefined;
    const instance = (opts: { work: SubmissionWork; kill?: (kill: () => void) => void }) => cloudHarness({
      openStore: () => { const k = killable(openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace })); opts.kill?.(k.kill); return k.store; },
      // The cloud's wiring: a queue for large sends' previews; this one is small, computed in the request.
      previewQueue: { enqueue: async () => { throw new Error('una vista previa pequeña no se encola'); } },
      previewBudgetMs: 50, markers, work: opts.work,
    });
    const first = await instance({ kill: (k) => { killFirst = k; }, work: { intake: (...a) => submissionWork(first.store).intake(...a), preview: (...a) => (held as ReturnType<typeof heldWork>).work.preview(...a) } });
    let second: Harness | undefined;
    const counted = countedWork(() => (second as Harness).store);
    second = await instance({ work: counted.work });
    try {
      held = heldWork(first.store);
      first.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
      const id = (await request(first.app).post('/api/submissions').set('Authorization', first.bearer('capturistaA')).send({ spreadsheetId: SHEET }).expect(201)).body.submission.id as string;
      expect([(await askPreview(first, id)).status, await held.started(1)]).toEqual([503, 1]);

      // The asks span more than the margin (4.5 s, one every 250 ms): a live heartbeat, not a young marker, keeps them waiting.
      const answers = await askedFor(() => askPreview(second, id), 4500, 250);
      expect(answers).toEqual(Array(answers.length).fill(`503 ${PREVIEW_PREPARING}`));
      expect(answers.length).toBeGreaterThan(1);
      expect(counted.previews).toBe(0);

      // Asked 100 ms apart, not 25: each ask is several emulator round trips, in this process as the heartbeats are.
      killFirst();
      const res = await until(() => askPreview(second, id), 503, 12000, 100);
      expect(res.status).toBe(200);
      expect(counted.previews).toBe(1);
      expect(checkPreviewAnswer(res.body).preview.projects.counts.new).toBe(1);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('a heartbeat whose answer is lost after the store wrote it', () => {
  const POLICY = markerPolicy({ owner: 'este-proceso', heartbeatMs: 20, staleMs: 800 });
  const marker = (beat: string) => JSON.stringify({ format: 1, state: 'preparing', at: '2026-12-01T00:00:00.000Z', owner: POLICY.owner, beat });

  /** Waits until `ok` holds (a loaded machine delays timers), failing past 5 s. */
  const eventually = async (ok: () => boolean | Promise<boolean>) => {
    for (const deadline = Date.now() + 5000; !(await ok());) {
      if (Date.now() > deadline) throw new Error('no ocurrió en 5 s');
      await sleep(5);
    }
  };

  /** previewSlot over a real store, whose swaps, once `lose()` is called, write and then throw as a lost answer would (`times` of them). */
  function losingSlot(store: Store) {
    const slot = previewSlot(store, 'contenido', MER.id);
    let lost = 0;
    const swaps: string[] = [];
    return {
      slot: { ...slot, swap: async (version: string | undefined, text: string) => {
        const v = await slot.swap(version, text);
        swaps.push(v === undefined ? 'rechazado' : 'escrito');
        if (lost > 0 && v !== undefined) { lost--; throw new Error('se perdió la respuesta'); }
        return v;
      } },
      swaps,
      lose: (times: number) => { lost = times; },
    };
  }

  test.each([1, 3])('goes on from its own write (%i lost in a row): the marker keeps beating, and stops once the outcome is kept', async (times) => {
    const store = openSqliteStore(':memory:');
    const said: string[] = [];
    try {
      const s = losingSlot(store);
      const claim = await claimWork(s.slot, undefined, marker, POLICY, (m) => said.push(m));
      expect(claim).toBeDefined();
      s.lose(times);
      await eventually(() => said.length === times);
      const beat = async () => (JSON.parse((await store.readPreparedPreview('contenido', MER.id))?.text ?? '{}') as { beat?: string }).beat ?? '';
      const before = await beat();
      // Still beating, its own: the beat moves on after the lost ones.
      await eventually(async () => (await beat()) > before);
      expect(said).toEqual(Array(times).fill('no se pudo renovar la marca de un trabajo en curso: se perdió la respuesta'));
      // What is written by someone else there (the outcome, another's claim) still stops it: its next swap is refused, and none follows.
      await store.putPreparedPreview('contenido', MER.id, JSON.stringify({ format: 1, state: 'ready' }));
      await eventually(() => s.swaps[s.swaps.length - 1] === 'rechazado');
      const swapsThen = s.swaps.length;
      await sleep(POLICY.heartbeatMs * 5);
      expect(s.swaps.length).toBe(swapsThen);
      expect(JSON.parse((await store.readPreparedPreview('contenido', MER.id))?.text ?? '{}')).toEqual({ format: 1, state: 'ready' });
      await claim?.release();
    } finally {
      await store.close();
    }
  });

  test('a lost answer followed by another\'s claim: the heartbeat stops and leaves the other\'s marker', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const s = losingSlot(store);
      const claim = await claimWork(s.slot, undefined, marker, POLICY, () => {});
      s.lose(1);
      await eventually(() => s.swaps.length >= 2);
      const other = JSON.stringify({ format: 1, state: 'preparing', at: '2026-12-01T00:00:00.000Z', owner: 'otro-proceso', beat: '2026-12-01T00:05:00.000Z' });
      await store.putPreparedPreview('contenido', MER.id, other);
      await eventually(() => s.swaps[s.swaps.length - 1] === 'rechazado');
      await sleep(POLICY.heartbeatMs * 5);
      expect((await store.readPreparedPreview('contenido', MER.id))?.text).toBe(other);
      await claim?.release();
    } finally {
      await store.close();
    }
  });
});
