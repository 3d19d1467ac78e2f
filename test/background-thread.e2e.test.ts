/**
 * The self-hosted server publishes approvals, and checks submitted workbooks, in a thread of its own
 * (functions/src/server/background-thread.ts), so it keeps answering while a workbook is converted, validated and
 * written — with the built worker, as `serve` runs it (dist/background-worker.js).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import Database from 'better-sqlite3';
import { buildCli, ROOT } from '../scripts/build';
import { loadConfig } from '../functions/src/config';
import { startLocalServer, type LocalServer } from '../functions/src/server/local-server';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { docId } from '../functions/src/store/collections';
import { directoryUploads } from '../functions/src/workflow/upload-store';
import { XLSX_MIME } from '../core/workflow/contract';
import type { Submission } from '../functions/src/store/store';
import { backgroundThread, STORE_UNAVAILABLE } from '../functions/src/server/background-thread';
import { HttpError } from '../functions/src/api/http-error';
import { SourceError } from '../functions/src/ingest/sheet-source';
import { submissionWork } from '../functions/src/workflow/submission-work';
import { keepSnapshot } from '../functions/src/workflow/snapshot';
import { publish } from '../functions/src/publication/publish';
import { BENCH_PUBLISHER, syntheticWorkbook } from '../scripts/bench/synthetic-publisher';
import { writeXlsx } from '../scripts/bench/write-xlsx';
import { STOPPED, STOPPING_BUSY } from '../functions/src/server/stop-on-signals';
import { runBuiltMainInTurn } from './cli/run-built-cli';

const ENV = { ...process.env, METADATA_SERVER_DETECTION: 'none' };
const WORKER = path.join(ROOT, 'dist', 'background-worker.js');
let dir: string;
let child: ChildProcess | undefined;
let server: LocalServer | undefined;

beforeAll(async () => {
  await buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-background-thread-'));
}, 120000);
afterAll(async () => {
  if (child && child.exitCode === null) await new Promise((resolve) => { child?.once('exit', resolve); child?.kill('SIGINT'); });
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function xlsxFile(name: string, processes: number): Promise<string> {
  const file = path.join(dir, name);
  await writeXlsx(syntheticWorkbook(processes), file);
  return file;
}

interface PublishersAnswer { publishers: { id: string; currentPublication: { id: string } | null }[] }

test('a publication goes on while the server\'s own thread is blocked, and the server sees it at once', async () => {
  const file = path.join(dir, 'blocked.sqlite');
  // Published state read once and kept for ten minutes: only the thread's relay can make it move.
  const config = loadConfig({ INFRA_SQLITE: file, PORT: '0', HOST: '127.0.0.1', CURRENT_TTL_MS: '600000' });
  const logged: string[] = [];
  server = await startLocalServer(config, { root: ROOT, seed: false, env: ENV, backgroundWorker: WORKER, log: (m) => logged.push(m) });
  await server.store.putPublisher(BENCH_PUBLISHER);
  const before = (await (await fetch(`${server.url}api/publishers`)).json()) as PublishersAnswer;
  expect(before.publishers.find((p) => p.id === BENCH_PUBLISHER.id)?.currentPublication).toBeNull();

  const fileId = await directoryUploads(path.join(dir, 'uploads')).save(fs.readFileSync(await xlsxFile('blocked.xlsx', 10)));
  const at = new Date().toISOString();
  const submission: Submission = {
    id: 'sub-bloqueo', publisherId: BENCH_PUBLISHER.id, source: { kind: 'xlsx', fileId }, status: 'approved',
    history: [{ at, by: 'u-cap', action: 'submitted' }, { at, by: 'u-coord', action: 'approved' }], createdAt: at, updatedAt: at,
  };
  await server.store.createSubmission(submission);
  await server.publications.enqueue({ submissionId: submission.id, actorId: 'u-coord' });

  // From here this thread waits without ever turning its event loop (no timer, no I/O, no message is handled), and
  // reads the submission's row straight from the file (store/collections.ts names it): published in the server's thread, it would never get there.
  const raw = new Database(file, { readonly: true });
  const row = (): Submission => JSON.parse((raw.prepare('SELECT body FROM submissions WHERE id = ?').get(docId(submission.id)) as { body: string }).body) as Submission;
  const status = (): string => row().status;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 60_000;
  while (status() !== 'published' && Date.now() < deadline) Atomics.wait(pause, 0, 0, 25);
  // Its last step says why, when it failed (the reason the publication gave), and the server's log what it saw.
  const ended = row();
  expect(ended.status === 'published' ? 'published' : { status: ended.status, last: ended.history.at(-1), log: logged }).toBe('published');
  raw.close();

  await server.publications.idle();
  const after = (await (await fetch(`${server.url}api/publishers`)).json()) as PublishersAnswer;
  expect(after.publishers.find((p) => p.id === BENCH_PUBLISHER.id)?.currentPublication).not.toBeNull();
  const releases = (await (await fetch(`${server.url}api/ocds/releases?publisher=${BENCH_PUBLISHER.id}&limit=1`)).json()) as { releases: unknown[] };
  expect(releases.releases).toHaveLength(1);
  expect(logged.filter((m) => /falló/.test(m))).toEqual([]);
  await server.close();
  server = undefined;
}, 120000);

test('`serve`: a capturista uploads and submits, the coordinador previews and approves, and the approval is published', async () => {
  const file = path.join(dir, 'serve.sqlite');
  const store = openSqliteStore(file);
  await store.putPublisher(BENCH_PUBLISHER);
  await store.close();
  const env = { ...ENV, INFRA_SQLITE: file, PORT: '0', HOST: '127.0.0.1' };
  // The two accounts made by the built CLI's own `users add`, in one Node process (the test is about `serve`'s).
  const added = await runBuiltMainInTurn([
    { args: ['users', 'add', '--email', 'captura@bench.gob.mx', '--rol', 'capturista', '--publicador', BENCH_PUBLISHER.id], env: { INFRA_SQLITE: file } },
    { args: ['users', 'add', '--email', 'revision@og.org.mx', '--rol', 'coordinador', '--entidad', BENCH_PUBLISHER.state], env: { INFRA_SQLITE: file } },
  ], 60_000);
  expect(added.map((run) => (run.code === 0 ? 0 : run.err || run.out))).toEqual([0, 0]);
  // The key is the line that starts with «ia_» (after it, `users add` says where its holder uses it).
  const [capturista, coordinador] = added.map((run) => run.out.split('\n').map((l) => l.trim()).find((l) => l.startsWith('ia_')) as string);

  let output = '';
  const serve = () => {
    output = '';
    child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'serve'], { cwd: ROOT, env });
    child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
    return new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (m) resolve(m[1]);
      });
      child?.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
  };
  let url = await serve();

  const created = await fetch(`${url}api/submissions?publisher=${BENCH_PUBLISHER.id}`, {
    method: 'POST', headers: { Authorization: `Bearer ${capturista}`, 'Content-Type': XLSX_MIME }, body: fs.readFileSync(await xlsxFile('serve.xlsx', 60)),
  });
  expect(created.status).toBe(201);
  const { submission } = (await created.json()) as { submission: { id: string } };
  const preview = await fetch(`${url}api/submissions/${submission.id}/preview`, { headers: { Authorization: `Bearer ${coordinador}` } });
  expect(preview.status).toBe(200);
  expect(((await preview.json()) as { preview: { processes: { counts: { new: number } } } }).preview.processes.counts.new).toBe(60);
  const approved = await fetch(`${url}api/submissions/${submission.id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${coordinador}` } });
  expect(approved.status).toBe(202);

  // Stopped at once (systemctl stop): it said nothing and looked stopped while it finished the publication, so it was
  // started again, or killed. Now it says so, finishes it, and says when it has stopped.
  const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
  child?.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output).toContain(STOPPING_BUSY);
  expect(output.trim().endsWith(STOPPED)).toBe(true);
  const stopped = openSqliteStore(file);
  try { expect((await stopped.getSubmission(submission.id))?.status).toBe('published'); } finally { await stopped.close(); }
  url = await serve();

  // While it publishes the server answers; the coordinador watches the submission until it is published.
  let state = '';
  for (let i = 0; i < 600 && state !== 'published' && state !== 'failed'; i++) {
    const seen = (await (await fetch(`${url}api/submissions/${submission.id}`, { headers: { Authorization: `Bearer ${coordinador}` } })).json()) as { submission: { status: string } };
    state = seen.submission.status;
    if (state !== 'published') await new Promise((r) => setTimeout(r, 100));
  }
  expect(state).toBe('published');
  const releases = (await (await fetch(`${url}api/ocds/releases?publisher=${BENCH_PUBLISHER.id}&limit=100`)).json()) as { releases: unknown[] };
  expect(releases.releases).toHaveLength(60);
  const bulk = await fetch(`${url}api/bulk/releases.jsonl.gz?publisher=${BENCH_PUBLISHER.id}`);
  expect(bulk.status).toBe(200);
  expect(output).not.toMatch(/falló|Error:/);
}, 180000);

// One database and one thread for the next two tests (each only compares the thread's answer with the server
// thread's on the same database): a thread loads the whole worker bundle when it starts.
describe('the background thread and the server\'s, on one database', () => {
  let store: ReturnType<typeof openSqliteStore>;
  let shared: ReturnType<typeof backgroundThread> | undefined;
  const file = (): string => path.join(dir, 'same.sqlite');
  // Started at its first job, after the database holds what that test put there.
  const threadOf = (): ReturnType<typeof backgroundThread> => (shared ??= backgroundThread(WORKER, loadConfig({ INFRA_SQLITE: file() }), { env: ENV, log: () => undefined }));
  beforeAll(async () => {
    store = openSqliteStore(file());
    await store.putPublisher(BENCH_PUBLISHER);
  });
  afterAll(async () => {
    await shared?.close();
    await store.close();
  });

  test('an intake and a preview made in the background thread answer exactly as in the server\'s thread', async () => {
    const now = '2025-07-01T00:00:00.000Z';
    // A current publication to compare with, and a revision (every process changed) with findings on its cells.
    const first = await publish(store, { publisher: BENCH_PUBLISHER, workbook: syntheticWorkbook(30), actor: 'system', now, baseUrl: 'http://127.0.0.1' });
    expect(first.status).toBe('published');
    const revision = syntheticWorkbook(30, 1);
    const snapshot = await keepSnapshot(store, revision, now, null);
    const thread = threadOf();
    const here = submissionWork(store);
    const taken = await thread.intake(revision, BENCH_PUBLISHER, now);
    expect(taken.findings.length).toBeGreaterThan(0);
    expect(taken.snapshot?.contentHash).toBe(snapshot.contentHash);
    expect(taken).toEqual(await here.intake(revision, BENCH_PUBLISHER, now));
    const previewed = await thread.preview(snapshot.contentHash, BENCH_PUBLISHER, now);
    expect(previewed.preview.processes.counts.changed).toBe(30);
    expect(previewed).toEqual(await here.preview(snapshot.contentHash, BENCH_PUBLISHER, now));
  }, 120000);

  test('an uploaded .xlsx is read in the background thread (its values never in the server\'s): the same intake, and the reader\'s refusal in its Spanish words', async () => {
    const now = '2025-07-01T00:00:00.000Z';
    // The folder the server's uploads and the thread's share (local-services.ts): next to the database.
    const uploads = directoryUploads(path.join(dir, 'uploads'));
    const thread = threadOf();
    const fileId = await uploads.save(fs.readFileSync(await xlsxFile('upload.xlsx', 20)));
    const taken = await thread.intakeUpload(fileId, BENCH_PUBLISHER, now);
    expect(taken.snapshot).toBeDefined();
    expect(taken).toEqual(await submissionWork(store).intake(await uploads.open(fileId).read(), BENCH_PUBLISHER, now));
    // Over a read limit (251 sheets; the limit is 250): refused as the server's own thread refuses it, code and words.
    const many = path.join(dir, 'many-sheets.xlsx');
    await writeXlsx({ sheets: Array.from({ length: 251 }, (_s, i) => ({ name: `Hoja ${i + 1}`, rows: [['a']] })) }, many);
    const refused = await thread.intakeUpload(await uploads.save(fs.readFileSync(many)), BENCH_PUBLISHER, now, 'Obras 2024.xlsx').then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(SourceError);
    // Named by the name it was sent with (source.name), not «libro enviado (.xlsx)».
    expect(refused).toMatchObject({ code: 'source.limit-sheets', message: expect.stringMatching(/^El archivo «Obras 2024\.xlsx» tiene más de 250 hojas, el máximo que se acepta\. Divida la información/) });
  }, 120000);
});

test('a database the thread cannot open fails the job with a Spanish answer, and the next job opens it again', async () => {
  const file = path.join(dir, 'unopenable.sqlite');
  // A file that is not a database, as a path replaced (or damaged) after the server opened its own connection.
  fs.writeFileSync(file, 'esto no es una base de datos SQLite, ni tiene su encabezado'.repeat(20));
  const logged: string[] = [];
  const thread = backgroundThread(WORKER, loadConfig({ INFRA_SQLITE: file }), { env: ENV, log: (m) => logged.push(m) });
  try {
    const failed = await thread.preview('0'.repeat(64), BENCH_PUBLISHER, '2025-07-01T00:00:00.000Z').then(() => undefined, (e: unknown) => e);
    // What the API answers the person (http-error.ts): a 503 that says what happened, not «Ocurrió un error interno».
    expect(failed).toBeInstanceOf(HttpError);
    expect(failed).toMatchObject({ status: 503, code: 'store-unavailable', message: STORE_UNAVAILABLE });
    // Whoever runs the server reads why, naming the file and the variable; nothing says the thread died.
    expect(logged.some((m) => m.includes(`No se pudo abrir la base de datos «${file}»: el archivo existe pero no es una base de datos SQLite`) && m.includes('INFRA_SQLITE'))).toBe(true);
    expect(logged.join('\n')).not.toMatch(/terminó|Error:|at /);

    // Put right, the same thread opens it on the next job.
    fs.rmSync(file);
    const store = openSqliteStore(file);
    await store.putPublisher(BENCH_PUBLISHER);
    await store.close();
    const taken = await thread.intake(syntheticWorkbook(3), BENCH_PUBLISHER, '2025-07-01T00:00:00.000Z');
    expect(taken.snapshot).toBeDefined();
  } finally {
    await thread.close();
  }
}, 120000);
