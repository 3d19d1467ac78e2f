/**
 * Self-hosted submissions upload an .xlsx. The file is kept on disk under the data folder, named by the
 * SHA-256 of its bytes: the name is the revision identity (the same file uploaded twice is one revision),
 * it cannot collide or be guessed into a path, and the store keeps only that id — files of tens of MiB stay
 * out of the database, whose documents must stay small (DESIGN §7). Written to a temporary name and renamed,
 * so a crash never leaves a half-written file under a valid id.
 *
 * Before anything is kept, `admit` reads the whole file against the read limits without keeping its values
 * (XlsxBufferSource.check, ingest/xlsx-source.ts: the reader with keepValues off): a zip bomb or a 3-million-row
 * sheet is refused at the door, yielding to other requests while it counts. The files of superseded submissions are removed
 * (`remove`), and each publisher's total is bounded by a quota (`size`, in workflow-routes.ts).
 */
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { XlsxBufferSource, XlsxFileSource } from '../ingest/xlsx-source';
import type { SheetSource } from '../ingest/sheet-source';
import type { ReadLimits } from '../ingest/xlsx/read-limits';

export interface UploadStore {
  /**
   * Throws a SourceError (Spanish) when the bytes are not a readable workbook within the read limits. `name` is the
   * file's name as the server keeps it (`source.name`, already cleaned): its messages name the file by it.
   */
  admit(bytes: Buffer, name?: string): Promise<void>;
  /** Keeps the bytes; returns the file id. */
  save(bytes: Buffer): Promise<string>;
  /**
   * Keeps the bytes under an id of their own (random, of the same form), not their content's: «Revisar sin enviar»'s
   * file, read and then removed. Under the content's id, a check ending while a send of the same file was being taken
   * in removed the file that send had just kept.
   */
  saveApart(bytes: Buffer): Promise<string>;
  /** `name`: as for `admit` (the submission's `source.name`), so a read that fails names the file the official sent. */
  open(fileId: string, name?: string): SheetSource;
  /** Bytes on disk for a file id; undefined when it is not (or no longer) kept. */
  size(fileId: string): Promise<number | undefined>;
  /** Removes a kept file (no error when it is already gone). */
  remove(fileId: string): Promise<void>;
}

const FILE_ID = /^[0-9a-f]{64}$/;

/** The id a file is kept under: the SHA-256 of its bytes. */
export function uploadId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
/**
 * How a message names an upload: the name the official's file had (cleaned by sourceName), so one who sent three files
 * sees which one failed; the generic words only for an upload sent without a name.
 */
const label = (name: string | undefined): string => name || 'libro enviado (.xlsx)';

export function directoryUploads(dir: string, options: { limits?: Partial<ReadLimits> } = {}): UploadStore {
  const file = (fileId: string) => {
    if (!FILE_ID.test(fileId)) throw new Error(`invalid upload id ${fileId}`);
    return path.join(dir, `${fileId}.xlsx`);
  };
  const sourceOptions = options.limits ? { limits: options.limits } : {};
  const write = async (target: string, bytes: Buffer): Promise<void> => {
    await fs.promises.mkdir(dir, { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(tmp, bytes);
    await fs.promises.rename(tmp, target);
  };
  return {
    admit: (bytes, name) => new XlsxBufferSource(bytes, label(name), sourceOptions).check(),
    async save(bytes) {
      const fileId = uploadId(bytes);
      if (fs.existsSync(file(fileId))) return fileId;
      await write(file(fileId), bytes);
      return fileId;
    },
    async saveApart(bytes) {
      const fileId = randomBytes(32).toString('hex');
      await write(file(fileId), bytes);
      return fileId;
    },
    open: (fileId, name) => new XlsxFileSource(file(fileId), label(name), sourceOptions),
    async size(fileId) {
      try {
        return (await fs.promises.stat(file(fileId))).size;
      } catch {
        return undefined;
      }
    },
    async remove(fileId) {
      await fs.promises.rm(file(fileId), { force: true });
    },
  };
}
