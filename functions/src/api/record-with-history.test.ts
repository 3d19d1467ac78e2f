/**
 * recordWithHistory against both real stores (SQLite, and Firestore on its emulator): the versioned release built
 * from the publication's releases of the process.
 */
import { realStores } from '../../../test/real-stores';
import type { Store } from '../store/store';
import { buildRecord, versionedRelease, type Release } from '../../../core/merge';
import { recordWithHistory } from './record-with-history';

const OCID = 'ocds-abc123-1';
const releases: Release[] = [
  { ocid: OCID, id: `${OCID}-a`, date: '2025-01-10T00:00:00Z', tag: ['tender'], tender: { id: 't', title: 'Pavimentación', value: { amount: 100, currency: 'MXN' } } },
  { ocid: OCID, id: `${OCID}-b`, date: '2025-03-02T00:00:00Z', tag: ['tenderUpdate'], tender: { id: 't', title: 'Pavimentación de la calle 60', value: { amount: 100, currency: 'MXN' } } },
];
const url = (id: string): string => `http://127.0.0.1/api/ocds/releases?ocid=${OCID}&releaseID=${id}`;

describe.each(realStores('history'))('%s', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = open();
    await store.createPublication({ id: 'P', publisherId: 'x', contentHash: 'h', createdAt: '2025-03-02T00:00:00Z' });
    await store.putReleases('P', releases.map((r) => ({ ocid: OCID, id: String(r.id), date: String(r.date), text: JSON.stringify(r) })));
  });
  afterEach(() => store.close());

  test('a record stored without its versioned release gets it, from every release of the process in the publication', async () => {
    const stored = buildRecord(OCID, releases, { versioned: false, releaseUrl: url });
    await store.putRecords('P', [{ ocid: OCID, text: JSON.stringify(stored) }]);
    const served = JSON.parse((await recordWithHistory(store, 'P', OCID, Buffer.from(JSON.stringify(stored)))).toString('utf8'));
    expect(served).toEqual(buildRecord(OCID, releases, { releaseUrl: url }));
    expect(served.versionedRelease).toEqual(versionedRelease(releases));
    expect(served.versionedRelease.tender.title).toEqual([
      { releaseID: `${OCID}-a`, releaseDate: '2025-01-10T00:00:00Z', releaseTag: ['tender'], value: 'Pavimentación' },
      { releaseID: `${OCID}-b`, releaseDate: '2025-03-02T00:00:00Z', releaseTag: ['tenderUpdate'], value: 'Pavimentación de la calle 60' },
    ]);
  });

  test('a record stored with its versioned release (published before it was left out) is served byte for byte', async () => {
    const old = Buffer.from(JSON.stringify(buildRecord(OCID, releases, { releaseUrl: url })));
    expect((await recordWithHistory(store, 'P', OCID, old)).equals(old)).toBe(true);
  });
});
