/**
 * Self-hosted submissions upload an .xlsx. The file is kept on disk under the data folder, named by the
 * SHA-256 of its bytes: the name is the revision identity (the same file uploaded twice is one revision),
 * it cannot collide or be guessed into a path, and the store keeps only that id — files of tens of MiB stay
 * out of the database, whose documents must stay small (DESIGN §7). Written to a temporary name and renamed,
 * so a crash never leaves a half-written file under a valid id.
 */
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { XlsxFileSource } from '../ingest/xlsx-source';
import type { SheetSource } from '../ingest/sheet-source';

export interface UploadStore {
  /** Keeps the bytes; returns the file id. */
  save(bytes: Buffer): Promise<string>;
  open(fileId: string): SheetSource;
}

const FILE_ID = /^[0-9a-f]{64}$/;

export function directoryUploads(dir: string): UploadStore {
  const file = (fileId: string) => {
    if (!FILE_ID.test(fileId)) throw new Error(`invalid upload id ${fileId}`);
    return path.join(dir, `${fileId}.xlsx`);
  };
  return {
    async save(bytes) {
      const fileId = createHash('sha256').update(bytes).digest('hex');
      const target = file(fileId);
      if (fs.existsSync(target)) return fileId;
      await fs.promises.mkdir(dir, { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.promises.writeFile(tmp, bytes);
      await fs.promises.rename(tmp, target);
      return fileId;
    },
    open: (fileId) => new XlsxFileSource(file(fileId), 'libro enviado (.xlsx)'),
  };
}
