/**
 * A large publication on the Firestore adapter: N processes published at once into the emulator, then the bulk
 * files the publication task writes right after (to a folder here, to Cloud Storage in the cloud). Prints the
 * time against the task's limit, the write requests against Firestore's limits (500 writes and 10 MiB per
 * batch, 1 MiB per document) and the peak memory against the task's 2 GiB.
 *
 * The emulator is not Firestore: it runs on this machine's cores (its CPU is printed apart, step by step) and each
 * query page sorts the whole collection, so the figure is an upper bound of the database time, not a forecast of
 * it. Its inserts, O(n) each as published, are made O(1) in the child (firestore-emulator-process.ts);
 * BENCH_FIRESTORE_STOCK_EMULATOR=1 measures the emulator as published.
 */
import * as fs from 'fs';
import * as path from 'path';
import { openFirestoreStore, type FirestoreCommit, type FirestoreRead } from '../../functions/src/store/firestore-store';
import { MAX_BATCH_WRITES, MAX_BODY_BYTES } from '../../functions/src/store/collections';
import { publish, type PublishPhase } from '../../functions/src/publication/publish';
import { TASK_TIMEOUT_SECONDS } from '../../functions/src/publication/publication-task';
import { bulkService } from '../../functions/src/publication/bulk-service';
import { diskBlobStore } from '../../functions/src/publication/disk-blob-store';
import { BENCH_PUBLISHER, syntheticWorkbook } from './synthetic-publisher';
import type { WorkbookModel } from '../../core/workbook/model';
import type { Publication } from '../../functions/src/store/store';
import { startEmulatorProcess } from './firestore-emulator-child';
import { cpuOf } from './server-process';
import { PHASE_ES } from './publish-revisions';

const PROJECT = 'demo-bench-publish';
const MIB = 1024 * 1024;
const es = (n: number): string => Math.round(n).toLocaleString('es-MX');

/** Peak resident memory of a process (VmHWM), bytes. */
function peakRss(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** `releases 21 solicitudes/10.000 documentos, …`, and clears the counts. */
function readsOf(reads: Map<string, { requests: number; documents: number }>): string {
  const text = [...reads].map(([c, n]) => `${c} ${es(n.requests)} solicitudes/${es(n.documents)} documentos`).join(', ') || 'ninguna';
  reads.clear();
  return text;
}

export async function timeFirestorePublishing(dir: string, processes: number): Promise<void> {
  const emulator = await startEmulatorProcess(PROJECT);
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  process.env.GCLOUD_PROJECT = PROJECT;
  const batches = { count: 0, writes: 0, bytes: 0, maxWrites: 0, maxBytes: 0, largest: 0, largestIn: '' };
  const onCommit = (c: FirestoreCommit): void => {
    batches.count += 1;
    batches.writes += c.writes;
    batches.bytes += c.bytes;
    batches.maxWrites = Math.max(batches.maxWrites, c.writes);
    batches.maxBytes = Math.max(batches.maxBytes, c.bytes);
    if (c.largest > batches.largest) Object.assign(batches, { largest: c.largest, largestIn: c.collection });
  };
  // Read requests and the documents they returned, by collection.
  const reads = new Map<string, { requests: number; documents: number }>();
  const onRead = (r: FirestoreRead): void => {
    const n = reads.get(r.collection) ?? { requests: 0, documents: 0 };
    reads.set(r.collection, { requests: n.requests + 1, documents: n.documents + r.documents });
  };
  const store = openFirestoreStore({ projectId: PROJECT, namespace: 'bench-', onCommit, onRead });
  try {
    await store.putPublisher(BENCH_PUBLISHER);
    const emulatorCpu = cpuOf(emulator.pid);
    const cpu = process.cpuUsage();
    /** One publication of `workbook`, timed step by step; its wall time in ms. */
    const publishTimed = async (workbook: WorkbookModel, now: string, label: string): Promise<{ ms: number; publication: Publication }> => {
      const phases: string[] = [];
      const t = performance.now();
      // Each step's wall ms / this process's CPU ms / the emulator's CPU ms: where the time goes, and on whose side.
      let phaseCpu = process.cpuUsage();
      let phaseEmulator = cpuOf(emulator.pid);
      const onPhase = (name: PublishPhase, ms: number): void => {
        const own = process.cpuUsage(phaseCpu);
        const emu = cpuOf(emulator.pid);
        phases.push(`${PHASE_ES[name]} ${es(ms)}/${es((own.user + own.system) / 1000)}/${es((emu - phaseEmulator) * 1000)}`);
        phaseCpu = process.cpuUsage();
        phaseEmulator = emu;
      };
      const result = await publish(store, { publisher: BENCH_PUBLISHER, workbook, actor: 'bench', now, baseUrl: 'http://127.0.0.1', onPhase });
      const ms = performance.now() - t;
      if (result.status !== 'published') throw new Error(`la publicación no se hizo: ${result.status}`);
      console.log(`${label}: ${es(ms)} ms (pared/CPU de la tarea/CPU del emulador: ${phases.join(', ')} ms)`);
      return { ms, publication: result.publication };
    };
    const { ms: publishMs, publication } = await publishTimed(syntheticWorkbook(processes), '2025-07-01T00:00:00.000Z', `Publicar ${es(processes)} procesos en el emulador de Firestore`);
    const publishReads = readsOf(reads);
    const bulkStart = performance.now();
    const bulkCpu = process.cpuUsage();
    const bulkEmulator = cpuOf(emulator.pid);
    const bulk = bulkService({ store, blobs: diskBlobStore(path.join(dir, 'bulk')), baseUrl: 'http://127.0.0.1', platformName: 'bench' });
    await bulk.ensure([{ publisher: BENCH_PUBLISHER, publication }], BENCH_PUBLISHER.id);
    const bulkMs = performance.now() - bulkStart;
    const bulkOwn = process.cpuUsage(bulkCpu);
    console.log(`Archivos de descarga masiva (JSON, JSON Lines, gzip, datos.xlsx): ${es(bulkMs)} ms (CPU de la tarea ${es((bulkOwn.user + bulkOwn.system) / 1000)} ms, del emulador ${es((cpuOf(emulator.pid) - bulkEmulator) * 1000)} ms)`);
    console.log(`  Lecturas al publicar: ${publishReads}; al escribir los archivos: ${readsOf(reads)}`);
    const used = process.cpuUsage(cpu);
    const totalS = (publishMs + bulkMs) / 1000;
    const { counts } = publication;
    console.log(`${totalS < TASK_TIMEOUT_SECONDS ? '✓' : '✗'} Tarea de publicación (publicar + archivos): ${totalS.toFixed(1)} s de ${TASK_TIMEOUT_SECONDS} s del límite de la tarea; CPU de la tarea ${es((used.user + used.system) / 1000)} ms, del emulador ${es((cpuOf(emulator.pid) - emulatorCpu) * 1000)} ms`);
    console.log(`  ${es(counts.releases)} entregas, ${es(counts.records)} registros, ${es(counts.projects)} proyectos; ${es(batches.writes)} escrituras (${es(batches.bytes / MIB)} MiB) en ${es(batches.count)} solicitudes`);
    console.log(`${batches.maxWrites <= MAX_BATCH_WRITES ? '✓' : '✗'} Escrituras por lote: máx. ${es(batches.maxWrites)} (límite de Firestore ${MAX_BATCH_WRITES}); bytes por lote: máx. ${(batches.maxBytes / MIB).toFixed(1)} MiB (límite 10 MiB)`);
    console.log(`${batches.largest < MIB ? '✓' : '✗'} Documento más grande: ${es(batches.largest)} bytes en ${batches.largestIn} (límite 1 MiB = ${es(MIB)}; el almacén rechaza más de ${es(MAX_BODY_BYTES)})`);
    const rss = process.resourceUsage().maxRSS * 1024;
    console.log(`${rss < 2048 * MIB ? '✓' : '✗'} Memoria máxima de la tarea: ${es(rss / MIB)} MiB (la función tiene 2 GiB); del emulador ${es(peakRss(emulator.pid) / MIB)} MiB`);
    // The next quarter: the same publisher, 1 process in 10 changed. The whole history is read and written again
    // under the new publication (the switch is atomic); the unchanged processes' records are carried as stored.
    const next = await publishTimed(syntheticWorkbook(processes, 1, 10), '2025-10-01T00:00:00.000Z', 'Siguiente publicación, cambia 1 de cada 10 procesos');
    console.log(`${next.ms / 1000 < TASK_TIMEOUT_SECONDS ? '✓' : '✗'} Siguiente publicación: ${(next.ms / 1000).toFixed(1)} s de ${TASK_TIMEOUT_SECONDS} s (${es(next.publication.counts.releases)} entregas); lecturas: ${readsOf(reads)}; memoria máxima de la tarea ${es(process.resourceUsage().maxRSS / 1024)} MiB`);
  } finally {
    await store.close();
    emulator.stop();
  }
}
