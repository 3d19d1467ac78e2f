/**
 * `serve --procesos N` (or WEB_CONCURRENCY): the local server on every core behind one port. The primary prepares
 * the database once (seed on first run), then forks N workers that each run the whole app on the same SQLite file
 * (WAL: many readers, one writer) and share the port (Node's cluster hands connections round-robin). A worker that
 * dies is replaced. Worker 1 alone recovers interrupted publications at start-up, so they are resumed once.
 */
import cluster from 'cluster';
import * as path from 'path';
import type { Config } from '../config';
import { allPublishers } from '../api/current-publications';
import { openLocalStore } from './local-store';
import { seedExamples } from './seed';
import { startLocalServer } from './local-server';
import { withServerFlags } from './server-node-flags';

export interface Running { url: string; close(): Promise<void> }

interface Listening { listening: string }

export async function startClusterPrimary(config: Config, opts: { root: string; log: (m: string) => void; workers: number }): Promise<Running> {
  const store = openLocalStore(config);
  try {
    if ((await allPublishers(store)).length === 0) {
      await seedExamples(store, path.join(opts.root, 'templates', 'examples'), config.publicBaseUrl, new Date().toISOString(), opts.log);
    }
  } finally {
    await store.close();
  }
  let stopping = false;
  let firstUrl: ((url: string) => void) | undefined;
  const url = new Promise<string>((resolve) => { firstUrl = resolve; });
  // The workers serve and publish: they start with the server's V8 flags (server-node-flags.ts).
  cluster.setupPrimary({ execArgv: withServerFlags(process.execArgv) });
  const fork = (index: number) => {
    const worker = cluster.fork({ INFRA_WORKER_INDEX: String(index) });
    worker.on('message', (m: unknown) => { if (typeof m === 'object' && m !== null && 'listening' in m) firstUrl?.((m as Listening).listening); });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      opts.log(`El proceso de servicio ${index} terminó (${signal ?? code}); se inicia otro.`);
      fork(index);
    });
  };
  for (let i = 1; i <= opts.workers; i++) fork(i);
  return {
    url: await url,
    close: async () => {
      stopping = true;
      await Promise.all(Object.values(cluster.workers ?? {}).map((w) => w && new Promise<void>((resolve) => {
        if (w.isDead()) return resolve();
        w.once('exit', () => resolve());
        w.process.kill('SIGINT');
      })));
    },
  };
}

/** In a worker: serve (no seeding), tell the primary where, and stop cleanly on SIGINT/SIGTERM. */
export async function runClusterWorker(config: Config, opts: { root: string; log: (m: string) => void }): Promise<void> {
  const index = Number(process.env.INFRA_WORKER_INDEX ?? '1');
  const server = await startLocalServer(config, { root: opts.root, log: opts.log, seed: false, recover: index === 1 });
  process.send?.({ listening: server.url } satisfies Listening);
  const stop = () => { void server.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}
