/**
 * A publication carries the stored record of each process with no new release instead of merging its releases
 * again — on both real stores (SQLite, and Firestore on its emulator), where the previous records are read back —
 * and builds every record again when they were made differently (base URL, record format). A process with a new
 * release has its stored record's compiled release merged with it, giving the record all its releases give.
 */
import { exampleWorkbook, publisherOf, setCell } from '../../../test/example-workbooks';
import { allReleases, realStores } from '../../../test/real-stores';
import { checkWorkbook } from '../../../core/pipeline/check-workbook';
import { buildRecord } from '../../../core/merge';
import type { Store } from '../store/store';
import { readAll } from '../store/read-all';
import { publish, publishHistory } from './publish';
import { releaseUrl } from './urls';

const BASE = 'http://127.0.0.1:8080';

describe.each(realStores('carried'))('%s', (_name, open) => {
  let store: Store;
  beforeEach(() => { store = open(); });
  afterEach(() => store.close());

  it('builds again only the records of changed processes; a new base URL or an older record format rebuilds them all', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const publishEdited = async (title: string, day: string, baseUrl: string) => {
      const edited = await exampleWorkbook('merida');
      setCell(edited, 'Contrataciones', 0, 'tender/title', title);
      const result = await publish(store, { publisher, workbook: edited, actor: 'system', now: `2025-07-${day}T10:00:00-06:00`, baseUrl });
      if (result.status !== 'published') throw new Error('publication failed');
      const records = (await store.listRecords({ publicationId: result.publication.id })).items;
      return { result, rebuilt: result.rebuiltRecords, records };
    };
    await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const second = await publishEdited('Primer cambio', '02', BASE);
    // Only the edited process is merged again; the other four records are carried as stored.
    expect(second.rebuilt).toEqual(second.result.changedProcesses);
    expect(second.records).toHaveLength(5);

    const moved = await publishEdited('Segundo cambio', '03', 'https://datos.example.gob.mx');
    expect(moved.rebuilt).toHaveLength(5);
    for (const { record } of moved.records) for (const link of record.releases as { url: string }[]) expect(link.url).toMatch(/^https:\/\/datos\.example\.gob\.mx\/api\//);

    // A record stored before versioned releases were left out of records: built again, without it.
    const current = (await store.getCurrent('merida'))!;
    const old = (await store.listRecords({ publicationId: current.id })).items.map(({ ocid, record }) => ({ ocid, record: { ...record, versionedRelease: { ocid } } }));
    await store.createPublication({ id: 'with-versioned', publisherId: 'merida', contentHash: current.contentHash, createdAt: '2025-07-03T12:00:00Z', derivedWith: current.derivedWith });
    await store.putReleases('with-versioned', await allReleases(store, current.id));
    await store.putRecords('with-versioned', old);
    await store.completePublication('with-versioned', current.counts);
    await store.setCurrent('merida', 'with-versioned', current.id);
    const third = await publishEdited('Tercer cambio', '04', 'https://datos.example.gob.mx');
    expect(third.rebuilt).toHaveLength(5);
    expect(third.records.filter(({ record }) => 'versionedRelease' in record)).toEqual([]);
  });

  it('merges a new release onto the stored record as all the releases merge, also after a release that removed a field (null)', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    // Published elsewhere before: each process twice; the second removes the tender's title, which the workbook has.
    const { releases } = checkWorkbook(workbook, { now: '2025-06-01T10:00:00-06:00', ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
    const history = (releases as Record<string, unknown>[]).flatMap((release, n) => {
      const ocid = String(release.ocid);
      // Written in another language tag, so the workbook's release differs from it for every process (one equal to the
      // latest release published elsewhere gets none: publish.ts).
      const first = { ...release, id: `${ocid}-antes-1`, date: '2025-06-01T10:00:00-06:00', language: 'es-MX' };
      const second = { ...first, id: `${ocid}-antes-2`, date: '2025-06-02T10:00:00-06:00', ...(n === 0 ? { tender: { ...(release.tender as object), title: null } } : {}) };
      return [first, second].map((r) => ({ ocid, id: r.id, date: r.date, release: r }));
    });
    await publishHistory(store, { publisher, releases: history, actor: 'system', now: '2025-06-03T10:00:00-06:00', baseUrl: BASE });
    // The workbook gives every process a new release, its title back.
    const result = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    if (result.status !== 'published') throw new Error('publication failed');
    const publicationId = result.publication.id;
    const stored = await allReleases(store, publicationId);
    const records = await readAll((after) => store.listDocumentTexts('records', { publicationId, after, limit: 1000 }));
    expect(records).toHaveLength(5);
    for (const { key: ocid, text } of records) {
      const own = stored.filter((r) => r.ocid === ocid).map((r) => r.release);
      expect(own).toHaveLength(3);
      expect(text).toBe(JSON.stringify(buildRecord(ocid, own, { versioned: false, releaseUrl: (id) => releaseUrl(BASE, ocid, id) })));
    }
  });
});
