/** Self-hosted bulk files: a folder (BULK_DIR); each file has a small `.meta.json` beside it with its MD5 and type. */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';
import { assertBlobName, type BlobInfo, type BlobStore } from './blob-store';

async function md5Of(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

export function diskBlobStore(dir: string): BlobStore {
  const where = (name: string) => {
    assertBlobName(name);
    return path.join(dir, ...name.split('/'));
  };
  return {
    async put(name, localFile, contentType) {
      const target = where(name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const info: BlobInfo = { size: (await fs.promises.stat(localFile)).size, etag: `"${await md5Of(localFile)}"`, contentType };
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
    read: (name): Readable => fs.createReadStream(where(name)),
  };
}
