/** Self-hosted bulk files: a folder (BULK_DIR); each file has a small `.meta.json` beside it with its MD5 and type. */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable } from 'stream';
import { assertBlobName, assertFolderPrefix, type BlobInfo, type BlobStore } from './blob-store';
import { removeAbandoned } from '../lib/abandoned-by-dead-process';

async function md5Of(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** Bytes per read of a bulk file being served. */
export const BULK_READ_BYTES = 1024 * 1024;

export function diskBlobStore(dir: string): BlobStore {
  const where = (name: string) => {
    assertBlobName(name);
    return path.join(dir, ...name.split('/'));
  };
  return {
    async put(name, localFile, contentType) {
      const target = where(name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const info: BlobInfo = { size: (await fs.promises.stat(localFile)).size, etag: `"${await md5Of(localFile)}"`, contentType, modified: new Date().toISOString() };
      // Copy then rename, content first and metadata last: a reader that finds the metadata finds a whole file.
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.promises.copyFile(localFile, tmp);
      await fs.promises.rename(tmp, target);
      await fs.promises.writeFile(`${tmp}.meta`, JSON.stringify(info));
      await fs.promises.rename(`${tmp}.meta`, `${target}.meta.json`);
      return info;
    },
    async stat(name) {
      try {
        return JSON.parse(await fs.promises.readFile(`${where(name)}.meta.json`, 'utf8')) as BlobInfo;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    // A megabyte a piece, not fs streams' 64 KB: under load a bulk download moves one piece per turn of the event
    // loop, and at 64 KB with turns of tens of ms it ran at about 1 MB/s (bench:load). One such buffer per download
    // in progress.
    read: (name, range): Readable => fs.createReadStream(where(name), { highWaterMark: BULK_READ_BYTES, ...(range ? { start: range.start, end: range.end } : {}) }),
    async removeFolder(prefix) {
      assertFolderPrefix(prefix);
      const folder = path.join(dir, ...prefix.slice(0, -1).split('/'));
      // The files, not their `.meta.json` companions: what the bucket would count.
      const files = fs.existsSync(folder) ? (await fs.promises.readdir(folder, { recursive: true })).filter((f) => !f.endsWith('.meta.json') && fs.statSync(path.join(folder, f)).isFile()).length : 0;
      await fs.promises.rm(folder, { recursive: true, force: true });
      return files;
    },
  };
}

const SCRATCH_PREFIX = 'infra-abierta-bulk-';
const scratchDirs: string[] = [];
let scratchSeq = 0;

/**
 * Bulk files of a store that lives only as long as this process (an in-memory database, tests): a private
 * temporary folder, removed when the process exits — otherwise every run would leave its bulk files in /tmp. A
 * process that ends without `exit` (killed; under jest, whose `process` is a per-file copy that never fires it)
 * leaves its folders behind: the next process to make one removes them.
 */
export function scratchBlobStore(): BlobStore {
  const dir = path.join(os.tmpdir(), `${SCRATCH_PREFIX}${process.pid}-${Date.now()}-${scratchSeq++}`);
  if (scratchDirs.push(dir) === 1) {
    removeAbandoned(os.tmpdir(), SCRATCH_PREFIX, /^(\d+)-/);
    process.once('exit', () => {
      for (const d of scratchDirs) fs.rmSync(d, { recursive: true, force: true });
    });
  }
  return diskBlobStore(dir);
}
