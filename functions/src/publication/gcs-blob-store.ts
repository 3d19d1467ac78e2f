/**
 * Cloud bulk files: a Cloud Storage bucket through @google-cloud/storage (Application Default Credentials: the
 * function's service account). `apiEndpoint` points the real client at a local stand-in in tests.
 */
import { Storage } from '@google-cloud/storage';
import type { Readable } from 'stream';
import { assertBlobName, assertFolderPrefix, attachmentHeader, type BlobInfo, type BlobStore } from './blob-store';
import type { Config } from '../config';

export interface GcsOptions {
  bucket: string;
  projectId?: string;
  /** Tests: a local stub of the JSON API (http://127.0.0.1:port). */
  apiEndpoint?: string;
  /** Public base URL of the objects (e.g. https://storage.googleapis.com/<bucket>) when the bucket is public. */
  publicUrl?: string;
}

/**
 * The deployment's bucket as its configuration names it: the functions (index.ts) and `history --nube`, which writes
 * the same files from an administrator's computer, alike. `apiEndpoint`: a local stand-in (tests).
 */
export function deploymentGcsOptions(config: Pick<Config, 'bulkBucket' | 'projectId' | 'bulkPublicUrl'>, apiEndpoint: string | undefined): GcsOptions {
  return {
    bucket: config.bulkBucket as string,
    ...(config.projectId ? { projectId: config.projectId } : {}),
    ...(apiEndpoint ? { apiEndpoint } : {}),
    ...(config.bulkPublicUrl ? { publicUrl: config.bulkPublicUrl } : {}),
  };
}

/** A stored file never changes (its name includes the publication id): caches may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function gcsBlobStore(options: GcsOptions): BlobStore {
  const storage = new Storage({
    ...(options.projectId ? { projectId: options.projectId } : {}),
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
  });
  const bucket = storage.bucket(options.bucket);
  const infoOf = (metadata: { size?: string | number; md5Hash?: string; contentType?: string; updated?: string }): BlobInfo => ({
    size: Number(metadata.size ?? 0),
    etag: `"${metadata.md5Hash ?? ''}"`,
    contentType: metadata.contentType ?? 'application/octet-stream',
    ...(metadata.updated ? { modified: metadata.updated } : {}),
  });
  return {
    async put(name, localFile, contentType, downloadName) {
      assertBlobName(name);
      // One request per file (no resumable session): files are written once, and a failed upload is simply redone.
      // Its Content-Disposition names the download as the API does (api/bulk-routes.ts): a browser sent here by the
      // API's redirect saved «releases.json», the object's last segment, not «merida-releases.json».
      const metadata = { contentType, cacheControl: IMMUTABLE, ...(downloadName ? { contentDisposition: attachmentHeader(downloadName) } : {}) };
      const [file] = await bucket.upload(localFile, { destination: name, resumable: false, validation: 'md5', metadata });
      return infoOf(file.metadata);
    },
    async stat(name) {
      assertBlobName(name);
      try {
        const [metadata] = await bucket.file(name).getMetadata();
        return infoOf(metadata);
      } catch (e) {
        if ((e as { code?: number }).code === 404) return undefined;
        throw e;
      }
    },
    read(name, range): Readable {
      assertBlobName(name);
      // A resumed download reads only its part from the bucket (a `Range` header on the media request).
      return bucket.file(name).createReadStream({ validation: false, ...(range ? { start: range.start, end: range.end } : {}) });
    },
    async removeFolder(prefix) {
      assertFolderPrefix(prefix);
      // Listed by prefix (every page), then removed one by one: a publication's folder holds a few dozen files.
      const [files] = await bucket.getFiles({ prefix });
      for (const file of files) await file.delete({ ignoreNotFound: true });
      return files.length;
    },
    ...(options.publicUrl ? { publicUrl: (name: string) => `${options.publicUrl}/${name.split('/').map(encodeURIComponent).join('/')}` } : {}),
  };
}
