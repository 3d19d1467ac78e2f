/**
 * Public, read-only API (DESIGN §8): OCDS release and record packages, OC4IDS project packages, publishers and
 * dashboard aggregates. (Express 5 passes rejected async handlers to the error handler.) Paginated with `links.next`; CORS open; cacheable (Express adds a weak ETag and answers
 * If-None-Match with 304). Everything is read through each publisher's `current` pointer.
 */
import { Router, type Request, type Response } from 'express';
import type { Publisher, Store } from '../store/store';
import type { PackageMeta } from '../../../core/packages';
import { splicedPackageBytes } from './splice';
import { cursorQuery, decodeCursor, parseLimit } from './cursor';
import { badRequest, notFound } from './http-error';
import { STATS_MAX_PUBLISHERS } from '../../../core/stats/serving-limits';
import { formatCount, formatNumber } from '../../../core/format/es-mx';
import { listedSets, ownerOf, pinnedSets, publishedState, packageMeta, packageTerms, queryString, requestedSets, spanPages, stampOf, type PublishedSet } from './current-publications';
import { publishedCount, type BulkKind } from '../../../core/packages/bulk-contents';
import { ResponseCache, WithHeaders } from './response-cache';
import { extensionCodelist, extensionFile } from './extension-files';
import { recordWithHistory } from './record-with-history';
import { projectRedactions, recordRedactions, releaseRedactions } from './redaction-notes';
import { lowerOcidPrefix } from '../../../core/identifiers/lower-ocid-prefix';
import { acceptOnly, BY_SCOPE } from './query-parameters';
import { publicationDocuments, publicationIndexes, readIndex, type PublicationIndexes } from './publication-indexes';
import { currentStats } from '../../../core/stats/publisher-stats';
import { packStats } from '../../../core/stats/stats-answer';
import { matchedRecords, matchedReleases, SUPPLIER_PARAMETERS, supplierFilter, supplierLookups, supplierMatches, type SupplierFilter } from './supplier-filter';

export interface PublicRoutesDeps {
  store: Store;
  baseUrl: string;
  /** Name used as package publisher when a package spans several publishers. */
  platformName: string;
  /** Where answers are kept; the app shares it with the fast path it mounts first (app.ts). */
  cache?: ResponseCache;
  /** Publishers above which `/api/stats` of several is refused (core/stats/serving-limits.ts); tests lower it. */
  statsMaxPublishers?: number | undefined;
  /** The publications' indexes, shared with `/api/index` (app.ts): stats stored by an earlier version are summed again from them. */
  indexes?: PublicationIndexes;
}

/** The paged listing of each kind of document, linked from each publisher in /api/publishers. */
const LISTINGS: readonly (readonly [BulkKind, string])[] = [['releases', '/api/ocds/releases'], ['records', '/api/ocds/records'], ['projects', '/api/oc4ids/projects']];

/** What the listings of several documents read (query-parameters.ts refuses the rest). */
const PAGED = ['publisher', 'limit', 'after'] as const;
/** The OCDS listings also narrow to the processes of one supplier (supplier-filter.ts). */
const PAGED_BY_SUPPLIER = [...PAGED, ...SUPPLIER_PARAMETERS] as const;
/** What each listing's cursor is bound to, with its address (cursor.ts, cursorQuery): all it reads but the page's place and size. */
const filtersOf = (accepted: readonly string[]): string[] => accepted.filter((name) => name !== 'after' && name !== 'limit');
const RELEASE_FILTERS = filtersOf([...PAGED_BY_SUPPLIER, 'ocid', 'releaseID']);
const RECORD_FILTERS = filtersOf(PAGED_BY_SUPPLIER);
const PROJECT_FILTERS = filtersOf(PAGED);
/** Said to a `limit` above the most a page holds: who asks for that many wants everything, which one file gives. */
const ALL_AT_ONCE = 'Para tener todo de una vez, descargue los archivos de /api/bulk (una sola solicitud, sin páginas), o siga «links.next» página por página.';
/**
 * The ocid a process is published under, for one asked as its first publisher wrote it: Ciudad de México published
 * «OCDS-87SD3T-SEFIN-DRM-A-002-2016», which the platform publishes with its registered prefix in lower case
 * (core/identifiers/lower-ocid-prefix, as `import` and `history` write it). A journalist with the ocid of the news or
 * of the original portal got «No existe» for a process that is published.
 */
function publishedOcid(sets: PublishedSet[], asked: string): { ocid: string; owner: PublishedSet | undefined } {
  const owner = ownerOf(sets, asked, (p) => p.ocidPrefix);
  if (owner) return { ocid: asked, owner };
  const lowered = lowerOcidPrefix(asked);
  const found = lowered !== undefined && lowered !== asked ? ownerOf(sets, lowered, (p) => p.ocidPrefix) : undefined;
  return found && lowered ? { ocid: lowered, owner: found } : { ocid: asked, owner: undefined };
}

/** The parameters a reader tries on a listing for one document, and the address that gives it. */
const ONE_RECORD = { ocid: 'Un proceso: /api/ocds/records/{ocid}; sus entregas: /api/ocds/releases?ocid={ocid}.' };
const ONE_PROJECT = { id: 'Un proyecto: /api/oc4ids/projects/{id}.' };
/** The names a reader tries first for a supplier's filter (supplier-filter.ts). */
const BY_SUPPLIER_HINT = 'Por proveedor: «supplier» con su RFC, o «supplierName» con palabras de su nombre.';
const SUPPLIER_HINTS = Object.fromEntries(['rfc', 'RFC', 'proveedor', 'contratista', 'suppliers', 'supplierId', 'supplier_id', 'supplierRFC', 'supplier_name'].map((name) => [name, BY_SUPPLIER_HINT]));

/** Cross-origin reading is every GET's (read-cors.ts); what these add is the public cache. */
function publicHeaders(res: Response): void {
  res.set('Cache-Control', 'public, max-age=60');
}

export function publicRoutes(deps: PublicRoutesDeps): Router {
  const { store, baseUrl } = deps;
  const router = Router();
  const cache = deps.cache ?? new ResponseCache();
  const maxStatsPublishers = deps.statsMaxPublishers ?? STATS_MAX_PUBLISHERS;
  const indexes = deps.indexes ?? publicationIndexes(store);
  const platform = { name: deps.platformName, uri: baseUrl };
  const metaFor = (req: Request, sets: PublishedSet[], single?: Publisher, held?: PublishedSet[]): PackageMeta => packageMeta(`${baseUrl}${req.originalUrl}`, sets, platform, single, held);

  const nextLink = (req: Request, next: string | undefined): { next: string } | undefined => {
    if (!next) return undefined;
    const url = new URL(`${baseUrl}${req.originalUrl}`);
    url.searchParams.set('after', next);
    return { next: url.toString() };
  };
  /**
   * A page with the address of the next one twice: in the package (`links.next`, OCDS) and as `Link: <…>; rel="next"`
   * (RFC 8288), which HTTP clients follow by themselves (Python requests' `r.links`, R httr2's `req_perform_iterative`,
   * `curl -I`, GitHub-style paging code) without reading the body.
   */
  const paged = (body: Buffer, links: { next: string } | undefined): Buffer | WithHeaders => (links ? new WithHeaders(body, { Link: `<${links.next}>; rel="next"` }) : body);
  // Read from each index once, apart from the indexes kept for the dashboard (a search through every publisher's
  // would push those out): only the suppliers and their ocids are kept.
  const lookups = supplierLookups((publicationId) => readIndex(store, publicationId));
  /**
   * The sets with processes of the supplier asked for, and those processes' ocids by publication; none: a 404 saying
   * so (an empty package would not be valid, as for a listing of nothing).
   */
  const bySupplier = async (req: Request, sets: PublishedSet[], filter: SupplierFilter, what: string): Promise<{ sets: PublishedSet[]; ocids: Map<string, string[]> }> => {
    const requested = queryString(req, 'publisher') !== undefined;
    const ocids = await supplierMatches(sets, filter, lookups);
    const found = sets.filter((s) => ocids.has(s.publication.id));
    if (!found.length) {
      const asked = SUPPLIER_PARAMETERS.map((name) => queryString(req, name)).flatMap((v, i) => (v === undefined ? [] : [`${SUPPLIER_PARAMETERS[i]}=${v.slice(0, 120)}`]));
      throw notFound(`${what} de un proceso adjudicado al proveedor pedido («${asked.join('», «')}»)${requested ? ' entre los datos de ese implementador' : ''}`);
    }
    return { sets: found, ocids };
  };

  // Only the public read paths are open to any origin and cacheable (submissions and audit are not).
  router.use(['/publishers', '/ocds', '/oc4ids', '/stats', '/extensiones'], (_req, res, next) => { publicHeaders(res); next(); });

  // The program's own extensions, declared by URL in every OCDS package served here (core/packages/extensions.ts).
  router.get('/extensiones/:name/:file', (req, res) => {
    acceptOnly(req, []);
    const file = extensionFile(baseUrl, String(req.params.name), String(req.params.file));
    if (file === undefined) throw notFound('esa extensión');
    if (file.kind === 'markdown') res.type('text/markdown; charset=utf-8').send(file.body);
    else res.json(file.body);
  });
  // Its code lists, as CSV: outside OCDS tools (Data Review Tool, Kingfisher) read them from there by file name.
  router.get('/extensiones/:name/codelists/:file', (req, res) => {
    acceptOnly(req, []);
    const csv = extensionCodelist(String(req.params.name), String(req.params.file));
    if (csv === undefined) throw notFound('esa lista de códigos');
    res.type('text/csv; charset=utf-8').send(csv);
  });

  // Where a reader who starts at /api finds the rest (it answered «No existe esa ruta de la API»): the listings that
  // have something published (the others answer 404), the publishers and the bulk files.
  router.get('/', async (req, res) => {
    acceptOnly(req, []);
    const { sets, version } = await publishedState(store);
    res.set('Cache-Control', 'public, max-age=60');
    await cache.send(req, res, version, async () => {
      const counts = sets.map((s) => s.publication.counts);
      const listings = LISTINGS.filter(([kind]) => publishedCount(kind, counts) > 0).map(([kind, path]) => [kind, `${baseUrl}${path}`]);
      return { links: { publishers: `${baseUrl}/api/publishers`, ...Object.fromEntries(listings), bulk: `${baseUrl}/api/bulk` } };
    }, version);
  });

  router.get('/publishers', async (req, res) => {
    acceptOnly(req, []);
    const { publishers: all, sets, version } = await publishedState(store);
    // The list names every publisher's settings and current publication: exactly what the version names.
    await cache.send(req, res, version, async () => {
      const published = new Map(sets.map((s) => [s.publisher.id, s.publication]));
      const publishers = all.map((p) => {
        const pub = published.get(p.id);
        const terms = packageTerms(p, pub);
        return {
          id: p.id, name: p.name, state: p.state, ocidPrefix: p.ocidPrefix, projectIdPrefix: p.projectIdPrefix,
          commitment: p.commitment, license: terms.license ?? null, publicationPolicy: terms.publicationPolicy ?? null, registeredAt: p.registeredAt ?? null, confirmedAt: p.confirmedAt ?? null,
          currentPublication: pub ? { id: pub.id, createdAt: pub.createdAt, counts: pub.counts } : null,
          // Only to what it has published: a listing of nothing is a 404 (listedSets); its bulk files, when it has
          // published anything (bulk-routes.ts), so that a script finds everything of one publisher from here.
          links: Object.fromEntries([
            ...LISTINGS.filter(([kind]) => publishedCount(kind, [pub?.counts]) > 0).map(([kind, path]) => [kind, `${baseUrl}${path}?publisher=${encodeURIComponent(p.id)}`]),
            ...(pub && LISTINGS.some(([kind]) => publishedCount(kind, [pub.counts]) > 0) ? [['bulk', `${baseUrl}/api/bulk?publisher=${encodeURIComponent(p.id)}`]] : []),
          ]),
        };
      });
      return { publishers };
    }, version);
  });

  router.get('/ocds/releases', async (req, res) => {
    acceptOnly(req, [...PAGED_BY_SUPPLIER, 'ocid', 'releaseID'], SUPPLIER_HINTS);
    const query = cursorQuery(req, RELEASE_FILTERS);
    const limit = parseLimit(req.query.limit, undefined, undefined, ALL_AT_ONCE);
    const asked = queryString(req, 'ocid');
    const supplier = supplierFilter(req);
    const releaseId = queryString(req, 'releaseID');
    // A release id names a release within its process (the `url` of each release in a record carries both): alone,
    // it filtered one page of everything, giving empty packages and pages that went on.
    if (releaseId && !asked) throw badRequest('invalid-releaseid', 'El parámetro «releaseID» va junto con «ocid», el proceso de la entrega: use la dirección («url») de la entrega en el registro del proceso, /api/ocds/records/{ocid}.');
    const requested = await requestedSets(store, req);
    const { version } = requested;
    const cursor = decodeCursor(req.query.after, query);
    // The rest of the publication the previous page was in, not the publisher's newer one (pinnedSets).
    const current = await pinnedSets(store, requested.sets, cursor);
    let sets: PublishedSet[];
    let ocid: string | undefined;
    if (asked) {
      const published = publishedOcid(current, asked);
      if (!published.owner) throw notFound(`ninguna entrega publicada del proceso «${asked}»`);
      sets = [published.owner];
      ocid = published.ocid;
    } else sets = await listedSets(store, current, 'releases', requested.publisherId);
    const matched = supplier ? await bySupplier(req, sets, supplier, 'ninguna entrega publicada') : undefined;
    if (matched && ocid && !matched.ocids.get(sets[0].publication.id)?.includes(ocid)) throw notFound(`ninguna entrega publicada del proceso «${asked}» adjudicado al proveedor pedido`);
    if (matched) sets = matched.sets;
    const releasesOf = (publicationId: string, one: string | undefined, after: string | undefined, n: number) => store.listDocumentBytes('releases', { publicationId, after, limit: n, ...(one ? { ocid: one } : {}) });
    // Of one supplier (and not one process): the releases of its processes, process by process.
    const list = matched && !ocid
      ? (publicationId: string, after: string | undefined, n: number) => matchedReleases(matched.ocids.get(publicationId) ?? [], after, n, (one, inner, m) => releasesOf(publicationId, one, inner, m))
      : (publicationId: string, after: string | undefined, n: number) => releasesOf(publicationId, ocid, after, n);
    await cache.send(req, res, stampOf(sets), async () => {
      if (releaseId) {
        // One release: looked for through every page of its process, answered alone.
        for (let at = cursor; ;) {
          const page = await spanPages(sets, at, 1000, list);
          const found = page.items.find((r) => r.id === releaseId);
          if (found) return splicedPackageBytes('releases', [found.bytes], { ...metaFor(req, sets), ...releaseRedactions(sets, [found]) });
          if (!page.next) throw notFound(`ninguna entrega publicada del proceso «${asked}» con id «${releaseId}»`);
          at = decodeCursor(page.next, query);
        }
      }
      const page = await spanPages(sets, cursor, limit, list);
      if (ocid && !page.items.length) throw notFound(`ninguna entrega publicada del proceso «${asked}»`);
      const links = nextLink(req, page.next);
      return paged(splicedPackageBytes('releases', page.items.map((r) => r.bytes), { ...metaFor(req, sets, undefined, page.from), ...releaseRedactions(sets, page.items), links }), links);
    }, version, true);
  });

  router.get('/ocds/records', async (req, res) => {
    acceptOnly(req, PAGED_BY_SUPPLIER, { ...ONE_RECORD, ...SUPPLIER_HINTS });
    const query = cursorQuery(req, RECORD_FILTERS);
    const limit = parseLimit(req.query.limit, undefined, undefined, ALL_AT_ONCE);
    const supplier = supplierFilter(req);
    const { sets: all, version, publisherId } = await requestedSets(store, req);
    const cursor = decodeCursor(req.query.after, query);
    const listed = await listedSets(store, await pinnedSets(store, all, cursor), 'records', publisherId);
    const matched = supplier ? await bySupplier(req, listed, supplier, 'ningún registro publicado') : undefined;
    const sets = matched?.sets ?? listed;
    // Of one supplier: its processes' records, each read by its ocid.
    const list = matched
      ? (publicationId: string, after: string | undefined, n: number) => matchedRecords(matched.ocids.get(publicationId) ?? [], after, n, async (ocid) => {
        const bytes = await store.getDocumentBytes('records', publicationId, ocid);
        return bytes && { key: ocid, bytes };
      })
      : (publicationId: string, after: string | undefined, n: number) => store.listDocumentBytes('records', { publicationId, after, limit: n });
    await cache.send(req, res, stampOf(sets), async () => {
      const page = await spanPages(sets, cursor, limit, list);
      const links = nextLink(req, page.next);
      return paged(splicedPackageBytes('records', page.items.map((r) => r.bytes), { ...metaFor(req, sets, undefined, page.from), ...recordRedactions(sets, page.items.map((r) => r.key)), links }), links);
    }, version, true);
  });

  router.get('/ocds/records/:ocid', async (req, res) => {
    acceptOnly(req, []);
    const asked = String(req.params.ocid);
    const { sets, version } = await publishedState(store);
    const { ocid, owner } = publishedOcid(sets, asked);
    if (!owner) throw notFound(`el proceso de contratación «${asked}» entre los datos publicados`);
    await cache.send(req, res, stampOf([owner]), async () => {
      const record = await store.getDocumentBytes('records', owner.publication.id, ocid);
      if (record === undefined) throw notFound(`el proceso de contratación «${asked}» entre los datos publicados`);
      return splicedPackageBytes('records', [await recordWithHistory(store, owner.publication.id, ocid, record)], { ...metaFor(req, [owner], owner.publisher), ...recordRedactions([owner], [ocid]) });
    }, version);
  });

  router.get('/oc4ids/projects', async (req, res) => {
    acceptOnly(req, PAGED, ONE_PROJECT);
    const query = cursorQuery(req, PROJECT_FILTERS);
    const limit = parseLimit(req.query.limit, undefined, undefined, ALL_AT_ONCE);
    const { sets: all, version, publisherId } = await requestedSets(store, req);
    const cursor = decodeCursor(req.query.after, query);
    const sets = await listedSets(store, await pinnedSets(store, all, cursor), 'projects', publisherId);
    await cache.send(req, res, stampOf(sets), async () => {
      const page = await spanPages(sets, cursor, limit, (publicationId, after, n) => store.listDocumentBytes('projects', { publicationId, after, limit: n }));
      const links = nextLink(req, page.next);
      return paged(splicedPackageBytes('projects', page.items.map((p) => p.bytes), { ...metaFor(req, sets, undefined, page.from), ...projectRedactions(sets, page.items.map((p) => p.key)), links }), links);
    }, version, true);
  });

  router.get('/oc4ids/projects/:id', async (req, res) => {
    acceptOnly(req, []);
    const id = String(req.params.id);
    const { sets, version } = await publishedState(store);
    const owner = ownerOf(sets, id, (p) => p.projectIdPrefix);
    if (!owner) throw notFound(`el proyecto «${id}» entre los datos publicados`);
    await cache.send(req, res, stampOf([owner]), async () => {
      const project = await store.getDocumentBytes('projects', owner.publication.id, id);
      if (project === undefined) throw notFound(`el proyecto «${id}» entre los datos publicados`);
      return splicedPackageBytes('projects', [project], { ...metaFor(req, [owner], owner.publisher), ...projectRedactions([owner], [id]) });
    }, version);
  });

  router.get('/stats', async (req, res) => {
    acceptOnly(req, BY_SCOPE);
    // `?state=` too: at national scale the quality page reads one state's publishers (dashboard/src/data/scope.ts).
    const { sets, version, publisherId } = await requestedSets(store, req, { byState: true });
    // Several publishers' statistics only up to the budget (core/stats/serving-limits.ts).
    if (!publisherId && sets.length > maxStatsPublishers) {
      throw badRequest('stats-too-large', `Las estadísticas pedidas son de ${formatCount(sets.length, 'implementador', 'implementadores')}, más de los ${formatNumber(maxStatsPublishers, 0)} que se entregan juntos: pídalas por estado (?state=, el estado de /api/publishers) o por implementador (?publisher=).`);
    }
    // Statistics are written with each publication, before its pointer switches: the version names them too.
    await cache.send(req, res, version, async () => {
      const publishers = [];
      for (const s of sets) {
        const stats = await store.getStats(s.publisher.id);
        // Computed by an earlier version (INDEX_VERSION, QUALITY_VERSION): again, as the dashboard counts them now.
        const data = stats ? await currentStats(stats.data, { index: () => indexes(stats.publicationId), documents: () => publicationDocuments(store, stats.publicationId) }) : undefined;
        const { indexVersion, qualityVersion, ...shown } = data ?? {};
        void indexVersion;
        void qualityVersion;
        publishers.push({ publisherId: s.publisher.id, name: s.publisher.name, state: s.publisher.state, commitment: s.publisher.commitment, publicationId: s.publication.id, publishedAt: s.publication.createdAt, data: data ? shown : null });
      }
      // Each field's title once for all of them, not once per implementer (core/stats/stats-answer.ts).
      return packStats(publishers);
    }, version);
  });

  return router;
}
