/**
 * `serve --procesos N` (or WEB_CONCURRENCY): the local server on every core behind one port. The primary prepares
 * the database once (seed on first run; with PORT=0 worker 1 does, once it listens: startClusterPrimary), then forks
 * N workers that each run the whole app on the same SQLite file (WAL: many readers, one writer) and share the port
 * (Node's cluster hands connections round-robin). A worker that dies is replaced. Worker 1 alone recovers
 * interrupted publications at start-up, so they are resumed once.
 */
import cluster from 'cluster';
import * as path from 'path';
import type { Config } from '../config';
import { allPublishers } from '../api/current-publications';
import { openLocalStore } from './local-store';
import { seedExamples } from './seed';
import { checkPortFree, startLocalServer, type LocalServer } from './local-server';
import { StartupError } from './startup-error';
import { unwritableData } from './writable-data';
import { holdServerLock, type ServerLock } from './server-lock';
import { uploadsDir } from './local-services';
import { withServerFlags } from './server-node-flags';
import { stopOnSignals } from './stop-on-signals';

export interface Running { url: string; close(): Promise<void> }

interface Listening { listening: string }

/** Set for worker 1 when it is to seed the examples itself (PORT=0: startClusterPrimary). */
const SEED_VARIABLE = 'INFRA_WORKER_SEED';
/**
 * Set for a worker started again after one died: the submissions (JSON array of ids) the dead one was publishing,
 * which it takes over at once (local-server.ts `recover`).
 */
const TAKE_OVER_VARIABLE = 'INFRA_WORKER_TAKE_OVER';

/** A worker tells its primary which submission it starts or ends publishing. */
interface Publishing { publishing: string; running: boolean }

const isPublishing = (m: unknown): m is Publishing =>
  typeof m === 'object' && m !== null && typeof (m as Publishing).publishing === 'string' && typeof (m as Publishing).running === 'boolean';

export async function startClusterPrimary(config: Config, opts: { root: string; log: (m: string) => void; workers: number; seed?: boolean }): Promise<Running> {
  const store = openLocalStore(config);
  // Held while the workers serve: another `serve` on this database is refused (server-lock.ts).
  let lock: ServerLock | undefined;
  // With PORT=0 the port is known only once a worker listens, and the examples are published with the address
  // (package uri, release links): seeded here they said «http://127.0.0.1:0». Then worker 1 seeds them, after it
  // listens (local-server.ts startOn), and the other workers start once it serves them. With a known port the
  // primary seeds before forking, so no worker ever serves an empty database.
  let seedInWorker = false;
  try {
    // Before anything touches the database (the examples, worker 1's recovery of interrupted publications): a port
    // in use is said first, as by a single process (local-server.ts startOn).
    if (config.port !== 0) await checkPortFree(config);
    const unwritable = unwritableData(config, uploadsDir(config));
    if (unwritable.length > 0) throw new StartupError(unwritable.join('\n'));
    lock = holdServerLock(config.sqlitePath);
    if (opts.seed !== false && (await allPublishers(store)).length === 0) {
      if (config.port === 0) seedInWorker = true;
      else {
        await seedExamples(store, path.join(opts.root, 'templates', 'examples'), config.publicBaseUrl, new Date().toISOString(), opts.log);
      }
    }
  } catch (e) {
    lock?.release();
    throw e;
  } finally {
    await store.close();
  }
  let stopping = false;
  // Workers that have reported listening and not exited, by cluster id. In round-robin mode the primary holds the
  // port only while at least one worker is registered on it: with the only one gone it closes the socket (refused
  // connections until the next worker listens; with PORT=0 that one opens a new random port and the announced
  // address is dead). So the address is announced once every worker serves, never while one is still starting.
  const serving = new Set<number>();
  let announced = false;
  const pauses = new Set<NodeJS.Timeout>();
  let announce: ((url: string) => void) | undefined;
  let fail: ((e: Error) => void) | undefined;
  const url = new Promise<string>((resolve, reject) => { announce = resolve; fail = reject; });
  const stopAll = () => Promise.all(Object.values(cluster.workers ?? {}).map((w) => w && new Promise<void>((resolve) => {
    if (w.isDead()) return resolve();
    w.once('exit', () => resolve());
    w.process.kill('SIGINT');
  })));
  // The workers serve and publish: they start with the server's V8 flags (server-node-flags.ts).
  cluster.setupPrimary({ execArgv: withServerFlags(process.execArgv) });
  let othersForked = !seedInWorker;
  const fork = (index: number, takeOver?: string[]) => {
    const worker = cluster.fork({
      INFRA_WORKER_INDEX: String(index),
      ...(seedInWorker && index === 1 ? { [SEED_VARIABLE]: '1' } : {}),
      ...(takeOver ? { [TAKE_OVER_VARIABLE]: JSON.stringify(takeOver) } : {}),
    });
    // What this worker is publishing: if it dies, its replacement takes those over at once (each worker publishes
    // from its own queue; the others' leases are live and not to be taken).
    const publishing = new Set<string>();
    worker.on('message', (m: unknown) => {
      if (isPublishing(m)) {
        if (m.running) publishing.add(m.publishing);
        else publishing.delete(m.publishing);
        return;
      }
      if (typeof m !== 'object' || m === null || !('listening' in m)) return;
      serving.add(worker.id);
      if (!othersForked) { othersForked = true; for (let i = 2; i <= opts.workers; i++) fork(i); }
      if (!announced && serving.size === opts.workers) { announced = true; announce?.((m as Listening).listening); }
    });
    worker.on('exit', (code, signal) => {
      const served = serving.delete(worker.id);
      if (stopping) return;
      if (!announced) {
        // Still starting (busy port, unreadable database: the worker has said why): stop, as the single server does.
        stopping = true;
        void stopAll().then(() => { lock?.release(); fail?.(new StartupError(`El proceso de servicio ${index} terminó (${signal ?? code}) antes de atender; se detiene el servidor.`)); });
        return;
      }
      opts.log(`El proceso de servicio ${index} terminó (${signal ?? code}); se inicia otro.`);
      if (served) return fork(index, [...publishing]);
      // A replacement that could not start is retried after a pause, not in a tight loop; what it was to take over
      // passes to the next one.
      const pause = setTimeout(() => { pauses.delete(pause); if (!stopping) fork(index, takeOver); }, 1000);
      pauses.add(pause);
    });
  };
  for (let i = 1; i <= (othersForked ? opts.workers : 1); i++) fork(i);
  return {
    url: await url,
    close: async () => {
      stopping = true;
      for (const pause of pauses) clearTimeout(pause);
      await stopAll();
      lock?.release();
    },
  };
}

/** In a worker: serve (seeding only when the primary left it to worker 1), tell the primary where, and stop cleanly on SIGINT/SIGTERM; exit if it cannot start. */
export async function runClusterWorker(config: Config, opts: { root: string; log: (m: string) => void; backgroundWorker?: string }): Promise<void> {
  const index = Number(process.env.INFRA_WORKER_INDEX ?? '1');
  const takeOver = process.env[TAKE_OVER_VARIABLE];
  // At the cluster's start worker 1 resumes every interrupted publication; a replacement, those of the one it replaces.
  const recover = takeOver !== undefined ? { takeOver: JSON.parse(takeOver) as string[] } : index === 1;
  const onPublishing = (submissionId: string, running: boolean) => { process.send?.({ publishing: submissionId, running } satisfies Publishing); };
  let server: LocalServer;
  try {
    server = await startLocalServer(config, { root: opts.root, log: opts.log, seed: process.env[SEED_VARIABLE] === '1', recover, onPublishing, notices: index === 1, backgroundWorker: opts.backgroundWorker });
  } catch (e) {
    // The caller prints why and sets the exit code; the channel to the primary would keep this process alive, so it
    // ends once that is done (the primary learns of it from the exit).
    setImmediate(() => process.exit());
    throw e;
  }
  process.send?.({ listening: server.url } satisfies Listening);
  // Ctrl+C reaches a worker twice (from the terminal and from its primary): the second must not end it mid-publication.
  void stopOnSignals(() => server.close()).then(() => process.exit(0));
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}
