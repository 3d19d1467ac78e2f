/**
 * Bulk downloads (DESIGN §8) served as files: each publication's files are written once (publication/bulk-files.ts)
 * to Cloud Storage or a folder, and this route only finds them and streams them — or redirects to the bucket when
 * it is public — with Content-Length, a strong ETag (the file's MD5) and caching. A download costs no database
 * reads beyond the `current` pointers, and no CPU to serialize anything. `X.json` and `X.jsonl` are sent gzipped
 * to clients that accept it; `X.json.gz` and `X.jsonl.gz` are downloadable as such. An interrupted download
 * resumes with a byte range (206), read from the store alone.
 */
import { Router, type Request, type Response } from 'express';
import { pipeline } from 'stream/promises';
import { HttpError, notFound } from './http-error';
import { acceptOnly } from './query-parameters';
import { byteRange, ifRangeHolds } from './byte-range';
import { formatCount, formatNumber, formatTimestamp } from '../../../core/format/es-mx';
import { MANIFEST_FILE } from '../publication/bulk-manifest';
import { ALL_PUBLISHERS_BULK_MAX_DOCUMENTS, bulkDocuments } from '../../../core/packages/bulk-limit';
import { requestedPublisherName, requestedSets, type PublishedSet } from './current-publications';
import type { Store } from '../store/store';
import { BULK_FILES, bulkDownloadName, CONTENT_TYPES } from '../publication/bulk-files';
import { attachmentHeader } from '../publication/blob-store';
import type { BulkService } from '../publication/bulk-service';
import { storageRefusal } from '../publication/bulk-after-publication';
import { publishedCount, unpublishedBulkMessage, unpublishedWorkbookMessage, type DocumentCounts } from '../../../core/packages/bulk-contents';

export interface BulkRoutesDeps {
  store: Store;
  baseUrl: string;
  bulk: BulkService;
  /** Documents above which the files of all publishers together are refused (core/packages/bulk-limit.ts); tests lower it. */
  allPublishersMaxDocuments?: number | undefined;
  /** Told, in Spanish, why Cloud Storage refused to hold the files (the public is told only that they are not available). */
  log?: (message: string) => void;
}

/**
 * Said to whoever downloads when the bucket refuses (no permission, no such bucket): the public saw «Ocurrió un error
 * interno», as if the platform were broken and the data lost, and the log had Google's English words. The published
 * data is intact and still served by the API; only the deployer can fix the bucket (docs/deploy.md §3, §4).
 */
const STORAGE_REFUSED_MESSAGE = 'Esta descarga no está disponible por ahora: la plataforma no puede guardar los archivos de descarga en su almacenamiento. Los datos publicados siguen en la API; si persiste, avise a quien administra la plataforma.';

/**
 * The public names: the seven files, the gzipped copies of the JSON ones, and their manifest (huellas.json: each
 * file's size and SHA-256, publication/bulk-manifest.ts), which has no gzipped copy.
 */
const NAMES = [...Object.keys(BULK_FILES), ...Object.keys(BULK_FILES).filter((n) => !n.endsWith('.xlsx')).map((n) => `${n}.gz`), MANIFEST_FILE];
const MANIFEST_SPEC = { format: 'json' } as const;
const specOf = (base: string): (typeof BULK_FILES)[string] => (base === MANIFEST_FILE ? MANIFEST_SPEC : BULK_FILES[base]);

/**
 * Whether a file holds something: a package when it has a document of its kind; datos.xlsx when it has any (the
 * processes of a publisher without projects, say). A publisher registered that has not published yet got a workbook
 * of empty sheets, offered beside «Sin proyectos publicados» as if it were its data.
 */
function hasDocuments(name: string, counts: DocumentCounts[]): boolean {
  const { kind } = specOf(name.replace(/\.gz$/, ''));
  return kind ? publishedCount(kind, counts) > 0 : publishedCount('releases', counts) + publishedCount('projects', counts) > 0;
}

export function bulkRoutes(deps: BulkRoutesDeps): Router {
  const router = Router();
  const maxDocuments = deps.allPublishersMaxDocuments ?? ALL_PUBLISHERS_BULK_MAX_DOCUMENTS;
  /** Whether the files of all publishers together are offered, and why not (core/packages/bulk-limit.ts). */
  const allPublishers = (sets: PublishedSet[]): { offered: boolean; documents: number; maxDocuments: number } => {
    const documents = bulkDocuments(sets.map((s) => s.publication.counts));
    return { offered: documents <= maxDocuments, documents, maxDocuments };
  };
  router.get('/bulk', async (req, res) => {
    acceptOnly(req, ['publisher']);
    const { sets, publisherId } = await requestedSets(deps.store, req);
    // The dashboard's *Descargas y API* page links the files of all publishers only when they are offered. No
    // package file of nothing is listed (core/packages/bulk-contents.ts).
    const counts = sets.map((s) => s.publication.counts);
    // A program downloads what the list names: one publisher's list names that publisher's files, not everyone's.
    const query = publisherId ? `?publisher=${encodeURIComponent(publisherId)}` : '';
    // Public and briefly cacheable, as the other public reads (public-routes.ts).
    res.set('Cache-Control', 'public, max-age=60');
    const all = allPublishers(sets);
    // Above the limit the files of all publishers together answer 404 (below): a script downloading what the list
    // names got only refusals. Then it names none, and `allPublishers` says why; each publisher's list names its own.
    const listed = publisherId || all.offered ? NAMES.filter((name) => hasDocuments(name, counts)) : [];
    res.json({ files: listed.map((name) => ({ name, url: `${deps.baseUrl}/api/bulk/${name}${query}` })), allPublishers: all });
  });
  router.get('/bulk/:file', async (req: Request, res: Response) => {
    const name = String(req.params.file);
    if (!NAMES.includes(name)) throw notFound(`el archivo de descarga «${name}»`);
    acceptOnly(req, ['publisher']);
    const { sets, publisherId } = await requestedSets(deps.store, req);
    const all = publisherId ? undefined : allPublishers(sets);
    if (all && !all.offered) {
      throw new HttpError(404, 'bulk-all-too-large', `Los archivos de todos los implementadores juntos no se ofrecen: suman ${formatCount(all.documents, 'documento', 'documentos')} (entregas, registros y proyectos) y el máximo es ${formatNumber(all.maxDocuments, 0)}. Descargue los de cada implementador con «?publisher=» (por ejemplo /api/bulk/${name}?publisher=…); la lista de implementadores está en /api/publishers.`);
    }
    const gzipped = name.endsWith('.gz');
    const base = gzipped ? name.slice(0, -3) : name;
    const { kind, format } = specOf(base);
    // No package of nothing (core/packages/bulk-contents.ts): said before anything is built or redirected to.
    if (!hasDocuments(name, sets.map((s) => s.publication.counts))) {
      const publisherName = await requestedPublisherName(deps.store, sets, publisherId);
      throw new HttpError(404, 'bulk-not-published', kind ? unpublishedBulkMessage(kind, name, publisherName) : unpublishedWorkbookMessage(name, publisherName));
    }
    const prefix = await deps.bulk.ensure(sets, publisherId).catch((e: unknown) => {
      const refusal = storageRefusal(e);
      if (refusal === undefined) throw e;
      deps.log?.(`no se prepararon los archivos de descarga pedidos (${name}): ${refusal}`);
      throw new HttpError(503, 'bulk-storage-refused', STORAGE_REFUSED_MESSAGE);
    });
    // Files written before there were manifests have none, and are not rewritten (written once): said as it is —
    // before a public bucket is redirected to, whose answer would be its own 404.
    if (name === MANIFEST_FILE && !(await deps.bulk.blobs.stat(`${prefix}${name}`))) {
      throw new HttpError(404, 'bulk-no-manifest', `Estos archivos de descarga se escribieron antes de que la plataforma publicara sus huellas SHA-256 (${sets.map((s) => `publicación del ${formatTimestamp(s.publication.createdAt)}`).slice(0, 3).join(', ')}${sets.length > 3 ? '…' : ''}): no tienen huellas.json. Los que se escriban desde ahora, con cada nueva publicación, las tendrán.`);
    }
    // A public bucket serves the file itself (and its compression, length and validators), and its ranges: Cloud
    // Storage answers Range on an object's public URL, ignoring it only when it decompresses an object stored
    // gzip-encoded, which these are not (gcs-blob-store.ts stores no Content-Encoding). The object's name names the
    // publication, so a download resumed at the address it was redirected to continues the same file.
    const publicUrl = deps.bulk.blobs.publicUrl?.(`${prefix}${name}`);
    if (publicUrl) {
      res.set({ 'Cache-Control': 'public, max-age=60' });
      return void res.redirect(302, publicUrl);
    }
    // An interrupted download resumes with a Range (api/byte-range.ts). Ranges count the bytes of the representation
    // sent (RFC 9110 §14.1), and a resuming client counts the bytes it has saved: decoded, if the start came
    // gzipped. So a request with a Range gets the file as stored, never the gzip coding — whose bytes are not the
    // saved ones; with the coding, the rest of the compressed copy would be joined to the start of the plain text.
    // Range only means something to GET (§14.2): HEAD and the rest answer as before.
    const asksRange = req.method === 'GET' && req.headers.range !== undefined;
    // Otherwise a client that accepts gzip gets the compressed copy of a JSON file (a tenth of the bytes), decoded by it.
    const encode = !gzipped && format !== 'xlsx' && name !== MANIFEST_FILE && !asksRange && req.acceptsEncodings('gzip') === 'gzip';
    const blob = `${prefix}${name}${encode ? '.gz' : ''}`;
    const info = await deps.bulk.blobs.stat(blob);
    if (!info) throw notFound(`el archivo de descarga «${name}»`);
    res.set({
      // The address names the current data, which changes when a publisher publishes: a short public cache.
      'Cache-Control': 'public, max-age=300',
      Vary: 'Accept-Encoding',
      ETag: info.etag,
      'Accept-Ranges': 'bytes',
      // With it, If-Modified-Since is answered 304 as If-None-Match is (req.fresh): `wget -N`, `curl -z`.
      ...(info.modified ? { 'Last-Modified': new Date(info.modified).toUTCString() } : {}),
    });
    if (req.fresh) return void res.status(304).end();
    // After a new publication the address names another file, with another ETag: a client resuming with If-Range
    // gets the whole new file (200), not the rest of the new one after the start of the old.
    const range = asksRange && ifRangeHolds(req.get('If-Range'), info.etag) ? byteRange(req.headers.range, info.size) : undefined;
    if (range?.kind === 'unsatisfiable') {
      // Not stored by caches: one keyed by the address alone would give it to a request without a range.
      res.set({ 'Content-Range': `bytes */${info.size}`, 'Cache-Control': 'no-store' });
      throw new HttpError(416, 'range-not-satisfiable', `El rango pedido («${String(req.headers.range).slice(0, 80)}») queda fuera del archivo «${name}», que tiene ${formatCount(info.size, 'byte', 'bytes')}: pida un rango que empiece antes del final, o el archivo completo sin el encabezado «Range».`);
    }
    const part = range?.kind === 'part' ? { start: range.start, end: range.end } : undefined;
    if (part) res.status(206).set('Content-Range', `bytes ${part.start}-${part.end}/${info.size}`);
    res.set({
      'Content-Type': gzipped ? CONTENT_TYPES.gz : CONTENT_TYPES[format],
      'Content-Length': String(part ? part.end - part.start + 1 : info.size),
      'Content-Disposition': attachmentHeader(bulkDownloadName(name, publisherId)),
      ...(encode ? { 'Content-Encoding': 'gzip' } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(deps.bulk.blobs.read(blob, part), res);
  });
  return router;
}
