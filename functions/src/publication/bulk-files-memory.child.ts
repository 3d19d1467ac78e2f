/**
 * The measurement of bulk-files-memory.test.ts, run in a Node process of its own (`node --expose-gc -r
 * scripts/register-ts.js bulk-files-memory.child.ts <folder> <releases> <limit MB>`): writes the bulk files of
 * `releases` processes while sampling the buffers held, reads datos.xlsx back, and prints what the test checks as
 * JSON. In jest's worker the same writing cost half as much CPU again (its collections go over jest's own heap, about
 * 17 CPU-s where a process of its own takes 12), and the buffers a worker counts are those of the whole process,
 * whatever the files it ran before left to collect.
 */
import * as path from 'path';
import { openSqliteStore } from '../store/sqlite-store';
import { XlsxFileSource } from '../ingest/xlsx-source';
import { writeBulkFiles } from './bulk-files';
import { diskBlobStore } from './disk-blob-store';
import { BENCH_PUBLISHER, syntheticDocuments } from '../../../scripts/bench/synthetic-publisher';

/** What the test checks: the most buffers held, and datos.xlsx's rows. */
export interface MemoryTrial { peakMb: number; sheetWithLast: boolean; ocidsInThatSheet: number }

async function trial(dir: string, releases: number, limitMb: number): Promise<MemoryTrial> {
  const store = openSqliteStore(path.join(dir, 'store.sqlite'));
  try {
    const publisher = { ...BENCH_PUBLISHER, id: 'grande', ocidPrefix: 'ocds-bulk01', projectIdPrefix: 'oc4ids-bulk01' };
    await store.putPublisher(publisher);
    const publication = { id: 'grande-1', publisherId: 'grande', contentHash: 'x', createdAt: '2025-01-01T00:00:00Z' };
    await store.createPublication(publication);
    const template = syntheticDocuments(1).releases[0];
    // Records only: datos.xlsx is written from their compiled releases (bulk-files.ts), and releases.json, one
    // more package of the same size, would only lengthen the test.
    const records = [];
    for (let j = 0; j < releases; j++) {
      const ocid = `ocds-bulk01-${String(j).padStart(7, '0')}`;
      const url = `http://127.0.0.1/api/ocds/releases?ocid=${ocid}&releaseID=${ocid}-1`;
      records.push({ ocid, record: { ocid, releases: [{ url, date: '2025-01-01T00:00:00Z', tag: template.tag }], compiledRelease: { ...template, ocid, id: `${ocid}-compiled`, tag: ['compiled'] } } as never });
    }
    await store.putRecords(publication.id, records);
    await store.completePublication(publication.id, { releases: 0, records: releases, projects: 0 });
    records.length = 0;

    // A sample over the limit forces a collection and counts what stays reachable (see the test's header).
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc');
    const held = (): number => (gc(), process.memoryUsage().arrayBuffers);
    const base = held();
    let peak = base;
    const sampler = setInterval(() => {
      let now = process.memoryUsage().arrayBuffers;
      if ((now - base) / 2 ** 20 >= limitMb) now = held();
      peak = Math.max(peak, now);
    }, 20);
    try {
      await writeBulkFiles(store, diskBlobStore(path.join(dir, 'blobs')), [{ publisher, publication }], '', (file) => ({ uri: `http://127.0.0.1/${file}`, publishedDate: '2025-01-01T00:00:00Z', publisher: { name: 'Prueba' } }));
    } finally {
      clearInterval(sampler);
    }

    const workbook = await new XlsxFileSource(path.join(dir, 'blobs', 'datos.xlsx')).read();
    const last = `ocds-bulk01-${String(releases - 1).padStart(7, '0')}`;
    const sheet = workbook.sheets.find((s) => s.rows.some((r) => r.some((v) => v === last)));
    const ocids = new Set(sheet?.rows.flat().filter((v) => typeof v === 'string' && v.startsWith('ocds-bulk01-')));
    return { peakMb: (peak - base) / 2 ** 20, sheetWithLast: sheet !== undefined, ocidsInThatSheet: ocids.size };
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  const [dir, releases, limitMb] = process.argv.slice(2);
  trial(dir, Number(releases), Number(limitMb)).then(
    (result) => { process.stdout.write(JSON.stringify(result)); },
    (e: unknown) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; },
  );
}
