/**
 * Writing the bulk files keeps memory bounded whatever the publication's size (issue 16: national scale). The
 * spreadsheet `datos.xlsx` is the part at risk: ExcelJS's streaming writer does not wait for its zip compressor,
 * and before bulk-files.ts waited for it, each 1,000 releases left about 23 MB of buffers waiting (2.8 GB of
 * RSS for 100,000 in bench:api). Here the buffers still held while 3,000 releases are written must stay under 80 MB
 * (39 MB with the wait, in chunks that do not grow with the releases, up to 64 MB while other test files loaded the
 * machine; 100 MB without it), and the workbook must still hold every row.
 *
 * Garbage counts only until the collector runs: the peak of all buffers depended on when it ran (41–68 MB at 3,000
 * releases with the wait), so it needed 4,000 releases against the same limit and still came close to failing. A
 * sample over the limit forces a collection and counts what stays reachable. Forcing one for every sample instead
 * doubled the test's time in CI (a full collection of the worker's whole heap each time).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { openSqliteStore } from '../store/sqlite-store';
import { XlsxFileSource } from '../ingest/xlsx-source';
import { writeBulkFiles } from './bulk-files';
import { diskBlobStore } from './disk-blob-store';
import { BENCH_PUBLISHER, syntheticDocuments } from '../../../scripts/bench/synthetic-publisher';

const RELEASES = 3000;
const LIMIT_MB = 80;

test('the bulk files of 3,000 processes are written without piling up buffers, and datos.xlsx holds every row', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-memory-'));
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
    for (let j = 0; j < RELEASES; j++) {
      const ocid = `ocds-bulk01-${String(j).padStart(7, '0')}`;
      const url = `http://127.0.0.1/api/ocds/releases?ocid=${ocid}&releaseID=${ocid}-1`;
      records.push({ ocid, record: { ocid, releases: [{ url, date: '2025-01-01T00:00:00Z', tag: template.tag }], compiledRelease: { ...template, ocid, id: `${ocid}-compiled`, tag: ['compiled'] } } as never });
    }
    await store.putRecords(publication.id, records);
    await store.completePublication(publication.id, { releases: 0, records: RELEASES, projects: 0 });
    records.length = 0;

    // Node's `gc` without starting Jest with --expose-gc: the flag set now is seen by a new context's global.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const held = (): number => (gc(), process.memoryUsage().arrayBuffers);
    const base = held();
    let peak = base;
    const sampler = setInterval(() => {
      let now = process.memoryUsage().arrayBuffers;
      if ((now - base) / 2 ** 20 >= LIMIT_MB) now = held();
      peak = Math.max(peak, now);
    }, 20);
    try {
      await writeBulkFiles(store, diskBlobStore(path.join(dir, 'blobs')), [{ publisher, publication }], '', (file) => ({ uri: `http://127.0.0.1/${file}`, publishedDate: '2025-01-01T00:00:00Z', publisher: { name: 'Prueba' } }));
    } finally {
      clearInterval(sampler);
    }
    expect((peak - base) / 2 ** 20).toBeLessThan(LIMIT_MB);

    const workbook = await new XlsxFileSource(path.join(dir, 'blobs', 'datos.xlsx')).read();
    const sheet = workbook.sheets.find((s) => s.rows.some((r) => r.some((v) => v === `ocds-bulk01-${String(RELEASES - 1).padStart(7, '0')}`)));
    expect(sheet).toBeDefined();
    expect(new Set(sheet!.rows.flat().filter((v) => typeof v === 'string' && v.startsWith('ocds-bulk01-'))).size).toBe(RELEASES);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
