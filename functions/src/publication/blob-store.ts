/**
 * Where a publication's bulk files live (DESIGN §6): Cloud Storage in the cloud, a folder self-hosted. Files are
 * written once, under a name that includes the publication id, so a stored file never changes: its metadata can
 * be cached for ever and its ETag is its MD5.
 */
import type { Readable } from 'stream';

export interface BlobInfo {
  size: number;
  /** Strong validator of the content (quoted, as sent in an ETag header). */
  etag: string;
  contentType: string;
  /**
   * When the file was written (ISO 8601), sent as Last-Modified: what clients that mirror by date compare (`wget -N`,
   * `curl -z`), which otherwise fetched every file again. Absent from files written before it was recorded.
   */
  modified?: string;
}

/** A part of a file being resumed (api/byte-range.ts). */
export interface ByteSpan {
  start: number;
  end: number;
}

export interface BlobStore {
  /**
   * Stores a finished local file under `name` (replacing any earlier copy: same name, same content). `downloadName`:
   * the name a browser saves it under (`attachmentHeader`), where the store serves it itself (a public bucket);
   * a store read through the API ignores it, as the API names the file.
   */
  put(name: string, localFile: string, contentType: string, downloadName?: string): Promise<BlobInfo>;
  /** Undefined when there is no such file. */
  stat(name: string): Promise<BlobInfo | undefined>;
  /** The file, or only the bytes `range.start` to `range.end` (both included, as in Content-Range) of it. */
  read(name: string, range?: ByteSpan): Readable;
  /** A direct public URL (publicly readable bucket): the API redirects there instead of streaming. */
  publicUrl?(name: string): string;
  /**
   * Removes every file whose name starts with `prefix` (a folder, ending in `/`: a removed publication's files,
   * bulk-files.ts publicationFolder); returns how many there were.
   */
  removeFolder(prefix: string): Promise<number>;
}

/** The Content-Disposition of a download saved as `fileName` (ours: letters, digits, `.`, `-`, `_`). */
export const attachmentHeader = (fileName: string): string => `attachment; filename="${fileName}"`;

/** A folder prefix: a file name ending in `/`. */
export function assertFolderPrefix(prefix: string): void {
  if (!prefix.endsWith('/')) throw new Error(`invalid folder prefix: ${prefix}`);
  assertBlobName(prefix.slice(0, -1));
}

/** File names are ours (publication ids and fixed file names); anything else is refused before it reaches a path. */
export function assertBlobName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(name) || name.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`invalid blob name: ${name}`);
  }
}
