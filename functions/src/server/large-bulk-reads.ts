/**
 * The self-hosted bulk files (publication/disk-blob-store.ts) read a megabyte at a time instead of fs streams'
 * 64 KB. Under load a bulk download moves one piece per turn of the event loop (a read finishes on the thread
 * pool, the piece is written to the socket, the next read starts): at 64 KB a piece and turns of tens of ms it
 * ran at about 1 MB/s (bench:load). A megabyte a piece costs one buffer of that size per download in progress.
 */
import * as fs from 'fs';
import * as path from 'path';
import { assertBlobName, type BlobStore } from '../publication/blob-store';

export const BULK_READ_BYTES = 1024 * 1024;

/** `blobs` is the disk store over `dir`: its files are `dir/<name>` (the same layout it writes). */
export function largeBulkReads(blobs: BlobStore, dir: string): BlobStore {
  return {
    ...blobs,
    read: (name) => {
      assertBlobName(name);
      return fs.createReadStream(path.join(dir, ...name.split('/')), { highWaterMark: BULK_READ_BYTES });
    },
  };
}
