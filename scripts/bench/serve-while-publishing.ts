/**
 * bench:publish's figure for the self-hosted server while it publishes (functions/src/server/publication-thread.ts):
 * the server started as `serve` starts it, two approvals of N processes published one after the other from uploaded
 * .xlsx files (the whole task: reading the file, publishing, writing the bulk files), and meanwhile the longest time
 * the server's event loop stood still — what any request arriving then waited on top of its own time. Run as its own
 * program (bundled, server flags); arguments: a temporary folder, the processes, and the publication worker's
 * script, or nothing to publish in the server's thread.
 */
import * as fs from 'fs';
import * as path from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import { loadConfig } from '../../functions/src/config';
import { startLocalServer } from '../../functions/src/server/local-server';
import { directoryUploads } from '../../functions/src/workflow/upload-store';
import type { Submission } from '../../functions/src/store/store';
import { BENCH_PUBLISHER, syntheticWorkbook } from './synthetic-publisher';
import { writeXlsx } from './write-xlsx';

async function run(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const [dir, processes, worker] = process.argv.slice(2);
  const n = Number(processes);
  const config = loadConfig({ INFRA_SQLITE: path.join(dir, 'servidor.sqlite'), PORT: '0' });
  const server = await startLocalServer(config, { root: path.resolve(dir), seed: false, log: (m) => console.error(m), ...(worker ? { publicationWorker: worker } : {}) });
  await server.store.putPublisher(BENCH_PUBLISHER);
  const where = worker ? 'en el hilo de publicación' : 'en el hilo del servidor';
  for (let revision = 0; revision < 2; revision++) {
    // The upload is prepared untimed, as the capturista's submission was.
    const xlsx = path.join(dir, `revision-${revision}.xlsx`);
    await writeXlsx(syntheticWorkbook(n, revision), xlsx);
    const fileId = await directoryUploads(path.join(dir, 'uploads')).save(fs.readFileSync(xlsx));
    const at = new Date().toISOString();
    const submission: Submission = {
      id: `aprobada-${revision}`, publisherId: BENCH_PUBLISHER.id, source: { kind: 'xlsx', fileId }, status: 'approved',
      history: [{ at, by: 'u-cap', action: 'submitted' }, { at, by: 'u-coord', action: 'approved' }], createdAt: at, updatedAt: at,
    };
    await server.store.createSubmission(submission);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    await server.publications.enqueue({ submissionId: submission.id, actorId: 'u-coord' });
    await server.publications.idle();
    const ms = performance.now() - started;
    delay.disable();
    const status = (await server.store.getSubmission(submission.id))?.status;
    if (status !== 'published') throw new Error(`aprobación ${revision + 1}: ${status}`);
    console.log(`  aprobación ${revision + 1} (${where}): publicada en ${Math.round(ms).toLocaleString('es-MX')} ms; el servidor se detuvo a lo más ${Math.round(delay.max / 1e6).toLocaleString('es-MX')} ms seguidos (p99 ${Math.round(delay.percentile(99) / 1e6)} ms)`);
  }
  await server.close();
}

void run().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
