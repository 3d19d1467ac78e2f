/**
 * The process killed (SIGKILL) in the middle of an approval on SQLite (DESIGN §6 "never half-replaced"): a child
 * process approves a big workbook into a file database and is killed before each write step of the
 * publication, and once at a random moment. Afterwards the previous publication is served intact, the
 * half-written one (`writing`) is never seen, the submission is left `approved` — and once that approval is
 * stale the next approve call marks it failed with a reason and publishes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import { build } from 'esbuild';
import request from 'supertest';
import { createApp } from '../../functions/src/app';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store, Submission } from '../../functions/src/store/store';
import { publish } from '../../functions/src/publication/publish';
import { approveSubmission, INTERRUPTED_CODE, STALE_APPROVAL_MS } from '../../functions/src/workflow/approve-submission';
import { BENCH_PUBLISHER, syntheticWorkbook } from '../../scripts/bench/synthetic-publisher';
import { NODE_BUNDLE, ROOT } from '../../scripts/build';
import { ADMIN } from './publish-child';

// Enough processes that every write step writes something (one batch each: a batch holds ~4 M characters, 60 or 30
// processes alike); few enough that seven kills, each followed by a recovery that publishes again, stay quick.
const PROCESSES = 30;
let dir: string;
/** The child, bundled once with esbuild: starting it costs a `node` start, not a ts-node compile of the backend. */
let child: string;
/** A database holding the current publication and the submitted revision; each test kills a copy of it. */
let prepared: { file: string; publicationId: string; submissionId: string };
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kill-publication-'));
  child = path.join(dir, 'publish-child.js');
  await build({ ...NODE_BUNDLE, sourcemap: false, entryPoints: [path.join(__dirname, 'publish-child.ts')], outfile: child, define: { 'require.main': 'module' } });
  const file = path.join(dir, 'prepared.sqlite');
  prepared = { file, ...(await prepare(file)) };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the prepared database (closed, so the file is whole). */
function copyPrepared(name: string): { file: string; publicationId: string; submissionId: string } {
  const file = path.join(dir, name);
  fs.copyFileSync(prepared.file, file);
  return { ...prepared, file };
}

/** A database with one current publication of PROCESSES processes and a submitted revision of all of them. */
async function prepare(file: string): Promise<{ publicationId: string; submissionId: string }> {
  const store = openSqliteStore(file);
  await store.putPublisher(BENCH_PUBLISHER);
  const first = await publish(store, { publisher: BENCH_PUBLISHER, workbook: syntheticWorkbook(PROCESSES), actor: 'system', now: '2025-07-01T00:00:00Z', baseUrl: 'http://api.test' });
  if (first.status !== 'published') throw new Error('seed did not publish');
  const at = new Date().toISOString();
  const submission: Submission = { id: 'sub-1', publisherId: BENCH_PUBLISHER.id, source: { kind: 'xlsx', fileId: 'libro.xlsx' }, status: 'submitted', history: [{ at, by: 'u-cap', action: 'submitted' }], createdAt: at, updatedAt: at };
  await store.createSubmission(submission);
  await store.close();
  return { publicationId: first.publication.id, submissionId: submission.id };
}

/** Runs the child; kills it with SIGKILL when `killWhen` says so for a line of its output. Resolves with its lines. */
function runChild(file: string, submissionId: string, env: Record<string, string>, killWhen: (line: string) => boolean | number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, submissionId, String(PROCESSES)], {
      cwd: ROOT, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    let buffer = '';
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        lines.push(line);
        const kill = killWhen(line);
        if (kill === true) proc.kill('SIGKILL');
        else if (typeof kill === 'number') setTimeout(() => proc.kill('SIGKILL'), kill);
      }
    });
    proc.once('error', reject);
    // A random kill may come after the child has finished: then its last line says so ("done …").
    proc.once('exit', (_code, signal) => (signal === 'SIGKILL' || lines.some((l) => l.startsWith('done ')) ? resolve(lines) : reject(new Error(`the child was not killed: ${lines.join(' | ')}`))));
  });
}

async function documents(store: Store, publicationId: string) {
  const all = async (list: (after?: string) => Promise<{ items: unknown[]; next?: string }>) => {
    const out: unknown[] = [];
    let after: string | undefined;
    do { const p = await list(after); out.push(...p.items); after = p.next; } while (after);
    return out;
  };
  return {
    releases: await all((after) => store.listReleases({ publicationId, after, limit: 1000 })),
    records: await all((after) => store.listRecords({ publicationId, after, limit: 1000 })),
    projects: await all((after) => store.listProjects({ publicationId, after, limit: 1000 })),
  };
}

async function checkAfterKill(file: string, publicationId: string, submissionId: string): Promise<void> {
  const store = openSqliteStore(file);
  try {
    // The previous publication is still current, complete and whole; readers see nothing of the new one.
    const current = await store.getCurrent(BENCH_PUBLISHER.id);
    expect(current).toMatchObject({ id: publicationId, status: 'complete', counts: { releases: PROCESSES, records: PROCESSES, projects: PROCESSES / 2 } });
    const docs = await documents(store, publicationId);
    expect([docs.releases.length, docs.records.length, docs.projects.length]).toEqual([PROCESSES, PROCESSES, PROCESSES / 2]);
    const app = createApp({ store, config: { publicBaseUrl: 'http://api.test', maxBodyBytes: 1024 * 1024 }, log: () => {} });
    const served = await request(app).get(`/api/ocds/records/${BENCH_PUBLISHER.ocidPrefix}-B000007`);
    expect(served.status).toBe(200);
    expect(served.body.records[0].compiledRelease.tender.title).not.toMatch(/revisión 1/);
    expect((await request(app).get('/api/ocds/releases?publisher=bench&limit=1000')).body.releases).toHaveLength(PROCESSES);

    // The submission is stuck in `approved`; a fresh approval is refused, a stale one is recovered and publishes.
    const stuck = (await store.getSubmission(submissionId))!;
    expect(stuck.status).toBe('approved');
    const deps = { store, openSource: () => ({ label: 'libro', read: async () => syntheticWorkbook(PROCESSES, 1) }), baseUrl: 'http://api.test', log: () => {} };
    await expect(approveSubmission({ ...deps, now: () => new Date() }, stuck, BENCH_PUBLISHER, ADMIN)).rejects.toMatchObject({ status: 409 });
    const later = new Date(Date.now() + STALE_APPROVAL_MS + 60_000);
    const outcome = await approveSubmission({ ...deps, now: () => later }, stuck, BENCH_PUBLISHER, ADMIN);
    expect(outcome.kind).toBe('published');
    const after = (await store.getSubmission(submissionId))!;
    expect(after.history.map((h) => h.action).slice(-4)).toEqual(['approved', 'failed', 'approved', 'published']);
    expect(after.history.find((h) => h.action === 'failed')?.comment).toMatch(/se interrumpió/);
    expect((await store.listAudit({ publisherId: BENCH_PUBLISHER.id, limit: 1000 })).items.some((e) => e.details.code === INTERRUPTED_CODE)).toBe(true);
    const now = (await store.getCurrent(BENCH_PUBLISHER.id))!;
    expect(now.id).not.toBe(publicationId);
    expect((await store.getStats(BENCH_PUBLISHER.id))?.publicationId).toBe(now.id);
    expect((await request(app).get(`/api/ocds/records/${BENCH_PUBLISHER.ocidPrefix}-B000007`)).body.records[0].compiledRelease.tender.title).toMatch(/revisión 1/);
  } finally {
    await store.close();
  }
}

describe('SIGKILL in the middle of a publication', () => {
  test.each(['createPublication', 'putReleases', 'putRecords', 'putProjects', 'completePublication', 'setCurrent'])('killed before %s', async (step) => {
    const { file, publicationId, submissionId } = copyPrepared(`before-${step}.sqlite`);
    const lines = await runChild(file, submissionId, { PAUSE_BEFORE: step }, (line) => line === `paused ${step}`);
    expect(lines).toContain(`paused ${step}`);
    if (step !== 'setCurrent') return checkAfterKill(file, publicationId, submissionId);
    // Killed just before the switch: same as the others. (Killed just after it, the new publication is whole and
    // current — covered by the store-failure tests.)
    return checkAfterKill(file, publicationId, submissionId);
  });

  test('killed at a random moment while writing', async () => {
    const { file, publicationId, submissionId } = copyPrepared('random.sqlite');
    const delay = Math.floor(Math.random() * 40);
    await runChild(file, submissionId, {}, (line) => (line === 'write createPublication' ? delay : false));
    const store = openSqliteStore(file);
    const current = (await store.getCurrent(BENCH_PUBLISHER.id))!;
    await store.close();
    // If the kill came after the switch, the new publication is current and whole; otherwise the old one is.
    if (current.id === publicationId) await checkAfterKill(file, publicationId, submissionId);
    else expect(current.status).toBe('complete');
  });
});
