/**
 * Bulk files on demand and at publication: `ensure` returns the folder holding the complete files of the sets a
 * request reads, building them first if they are missing (once: concurrent requests wait for the same build).
 * The publication task calls `ensure` for the publisher right after publishing, so readers normally find them.
 */
import type { Store } from '../store/store';
import { packageMeta, setsHolding, type PublishedSet } from '../api/current-publications';
import type { BlobStore } from './blob-store';
import { bulkPrefix, hasBulkFiles, writeBulkFiles } from './bulk-files';
import { bulkRedactions } from '../api/redaction-notes';

export interface BulkService {
  blobs: BlobStore;
  /** The folder (`…/`) of the complete bulk files of `sets`; `publisherId` when the request named one. */
  ensure(sets: PublishedSet[], publisherId?: string): Promise<string>;
}

export function bulkService(deps: { store: Store; blobs: BlobStore; baseUrl: string; platformName: string }): BulkService {
  const building = new Map<string, Promise<void>>();
  const platform = { name: deps.platformName, uri: deps.baseUrl };
  return {
    blobs: deps.blobs,
    async ensure(sets, publisherId) {
      const prefix = bulkPrefix(sets, publisherId);
      if (await hasBulkFiles(deps.blobs, prefix)) return prefix;
      let pending = building.get(prefix);
      if (!pending) {
        const query = publisherId ? `?publisher=${encodeURIComponent(publisherId)}` : '';
        // Each file's package metadata from the publications holding its kind, as the API's listings read it: a
        // publisher with processes and no project neither dates nor unlicenses projects.json (it did, so the file of
        // every publisher's projects had no licence where /api/oc4ids/projects said CC BY 4.0).
        pending = writeBulkFiles(deps.store, deps.blobs, sets, prefix, (file, kind) => {
          const holding = setsHolding(sets, kind);
          return { ...packageMeta(`${deps.baseUrl}/api/bulk/${file}${query}`, holding, platform), ...bulkRedactions(holding, kind) };
        }, publisherId);
        building.set(prefix, pending);
        const forget = () => { building.delete(prefix); };
        pending.then(forget, forget);
      }
      await pending;
      return prefix;
    },
  };
}
