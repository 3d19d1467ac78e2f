/**
 * Republishing a publisher's current publication unchanged (`infra-abierta publications republish`): after the
 * platform moves to another address (a new PUBLIC_BASE_URL, `transfer` to or from the cloud), every record keeps
 * linking its releases — and every project its processes' releases — under the address they were published with,
 * until the implementer publishes again; after an upgrade, what publication derives (the privacy filter's view, the
 * record format, the dashboard's index and stats) stays as the older version derived it. Here the platform writes the
 * same content again, as a new publication, without any implementer sending anything:
 * - the same releases, each with its id, date, tag and stored text (OCDS: a release is new information about a
 *   process, and none is new; a release id names the release, not where it is served — only the records' release
 *   `url` and the packages' `uri` carry the address, and the packages are built when read, under the API's address);
 *   the privacy filter still applies, so a newer filter withholds what it withholds from every release, as publish()
 *   does with the releases it carries;
 * - the same projects (their `updated` kept), their summaries and release links derived again as of the time the
 *   data was published;
 * - the same `createdAt`, content hash, licence, policy and time zone: the data was published then, and the packages'
 *   `publishedDate` (the date of the last change to what they hold), Seguimiento and the reminders keep saying so —
 *   a move does not make an implementer that is late look up to date. `republishedAt` says when it was written.
 * Written as any publication (publish.ts writePublication): under its own id, made visible by the one
 * compare-and-set switch of the publisher's pointer, so a publication approved meanwhile wins and this one is not
 * served; the one it replaces stays in the history (pruned as any replaced one). A publication already derived as
 * this version derives it under this address is left as it is (`reasons` empty): a second run writes nothing.
 */
import { PRIVACY_FILTER_VERSION, publicView } from '../../../core/privacy/privacy-filter';
import { RECORD_FORMAT_VERSION } from '../../../core/merge';
import { INDEX_VERSION } from '../../../core/stats/publication-index';
import { QUALITY_VERSION } from '../../../core/stats/quality-stats';
import { isStoreError, type JsonObject, type Publication, type Publisher, type RedactionNote, type Store } from '../store/store';
import { derivation, linksBaseUrl, projectsOf, recordTextsOf, releasesByOcid, writePublication } from './publish';
import { foreignProcesses } from '../../../core/summary/foreign-processes';
import { publishedElsewhere } from './published-elsewhere';

/**
 * Why a current publication is written again: its links are under another address; it was derived by another privacy
 * filter or record format, or before that was recorded; its dashboard index or stats are of an earlier version (the
 * API builds them again on every read until then).
 */
export type RepublishReason = 'address' | 'privacy' | 'record-format' | 'unrecorded' | 'index' | 'stats';

/** What a publication's `derivedWith` says, or undefined when it says nothing readable (written before it was kept). */
function derivedParts(publication: Publication): { privacy?: unknown; record?: unknown } | undefined {
  if (!publication.derivedWith) return undefined;
  try {
    const parts = JSON.parse(publication.derivedWith) as unknown;
    return typeof parts === 'object' && parts !== null ? (parts as { privacy?: unknown; record?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** Why `current` would be written again under `baseUrl`; empty when it is as this version publishes it there. */
export async function republishReasons(store: Store, current: Publication, baseUrl: string): Promise<RepublishReason[]> {
  const reasons: RepublishReason[] = [];
  const parts = derivedParts(current);
  if (!parts) reasons.push('unrecorded');
  else {
    if (linksBaseUrl(current) !== baseUrl) reasons.push('address');
    if (parts.privacy !== PRIVACY_FILTER_VERSION) reasons.push('privacy');
    if (parts.record !== RECORD_FORMAT_VERSION) reasons.push('record-format');
  }
  // The index is written with the stats, summed from it by the same version (publish.ts derive): the stats say its
  // version, read in one small document instead of the index's chunks (megabytes for a large publisher, each read by
  // a dry run over a national deployment). Stats of another publication (a run that died before writing them): both.
  const stats = await store.getStats(current.publisherId);
  const data = (stats?.publicationId === current.id ? stats.data : undefined) as { indexVersion?: unknown; qualityVersion?: unknown } | undefined;
  if (typeof data?.indexVersion !== 'number' || data.indexVersion < INDEX_VERSION) reasons.push('index');
  if (typeof data?.qualityVersion !== 'number' || data.qualityVersion < QUALITY_VERSION) reasons.push('stats');
  return reasons;
}

/** Why a publication would be published again, as `republish` and the server's start say it (of the publication). */
export function republishReasonText(reason: RepublishReason, current: Publication): string {
  switch (reason) {
    case 'address': return `enlaza sus entregas bajo ${linksBaseUrl(current) ?? ''}`;
    case 'unrecorded': return 'la publicó una versión que no guardaba bajo qué dirección enlaza sus entregas';
    case 'privacy': return 'la construyó un filtro de datos personales anterior';
    case 'record-format': return 'sus registros tienen la forma de una versión anterior';
    case 'index': return 'su índice del tablero es de una versión anterior';
    case 'stats': return 'sus cifras del tablero son de una versión anterior';
  }
}

export interface RepublishInput {
  publisher: Publisher;
  /** The current publication, as read when its reasons were found (the switch expects it still to be current). */
  current: Publication;
  reasons: RepublishReason[];
  baseUrl: string;
  actor: string;
  /** When it is written, ISO 8601. */
  at: string;
  auditDetails?: JsonObject;
}

export type RepublishResult =
  | { status: 'republished'; publication: Publication }
  /**
   * A send of the publisher is approved and being published (or waits to be): nothing written. Its publication will
   * be derived as the server or the functions derive now; republishing meanwhile would make the approval's switch
   * fail, and the coordinator approve again.
   */
  | { status: 'publishing'; submissionId: string }
  /** Another publication became current while this one was written: that one is served, this one never is. */
  | { status: 'superseded'; publication: Publication };

export async function republish(store: Store, input: RepublishInput): Promise<RepublishResult> {
  const { current, baseUrl } = input;
  const result = await rewriteCurrent(store, {
    ...input,
    content: async () => {
      const published = await projectsOf(store, current.id);
      // Filtered as publish() filters what a workbook sends: under a newer filter, what it withholds now goes.
      return { history: await releasesByOcid(store, current.id), published, projects: [...published.values()].map((project) => publicView(project)) };
    },
    action: 'publication.republished',
    auditDetails: { republishedFrom: current.id, reasons: input.reasons, linksBefore: linksBaseUrl(current) ?? null, linksNow: baseUrl, ...input.auditDetails },
  });
  return result.status === 'written' ? { status: 'republished', publication: result.publication } : result;
}

/**
 * A rewrite of a publisher's current publication under a new id, the data as of its date (republish, redact.ts):
 * written by writePublication as a publication is, made visible by the one compare-and-set switch of the publisher's
 * pointer. `content`: the releases and projects to write (read only once no send of the publisher is being
 * published); `recompiled`: the processes whose records are compiled again, the others carried as stored when derived
 * the same way.
 */
export interface Rewrite {
  publisher: Publisher;
  current: Publication;
  baseUrl: string;
  actor: string;
  /** When it is written, ISO 8601. */
  at: string;
  content: () => Promise<{ history: Awaited<ReturnType<typeof releasesByOcid>>; projects: JsonObject[]; published: Map<string, JsonObject> }>;
  recompiled?: readonly string[];
  action: string;
  auditDetails: JsonObject;
  /** A redaction's note (redact.ts), which this and every later publication carry. */
  redaction?: RedactionNote;
}

export type RewriteResult = { status: 'written'; publication: Publication } | Exclude<RepublishResult, { status: 'republished' }>;

export async function rewriteCurrent(store: Store, w: Rewrite): Promise<RewriteResult> {
  const { publisher, current, baseUrl } = w;
  const publishing = (await store.listSubmissions({ publisherId: publisher.id, status: 'approved', limit: 1 })).items[0];
  if (publishing) return { status: 'publishing', submissionId: publishing.id };
  const derivedWith = derivation(baseUrl);
  const { history, projects, published } = await w.content();
  // Derived the same way (only the index or stats are older): the records are carried as stored.
  const carried = current.derivedWith === derivedWith ? await recordTextsOf(store, current.id) : new Map<string, string>();
  for (const ocid of w.recompiled ?? []) carried.delete(ocid);
  // Processes its projects list that other implementers publish: their summaries are derived from those implementers'
  // current data as publish() derives them, and their release links made under this address — kept as stored, they
  // would go on linking the old server's.
  const elsewhere = await publishedElsewhere(store, publisher, foreignProcesses(projects, publisher.ocidPrefix).map((f) => ({ ...f, quiet: true })), baseUrl);
  try {
    const result = await writePublication(store, {
      publisher, actor: w.actor, now: current.createdAt, baseUrl, current, history, changed: [], projects, published, carried,
      contentHash: current.contentHash, derivedWith, declared: current.declared ?? {}, ...(current.timeZone !== undefined ? { timeZone: current.timeZone } : {}),
      unchanged: false, phase: () => undefined, findings: [], action: w.action, elsewhere,
      republished: { from: current.id, at: w.at },
      auditDetails: w.auditDetails,
      ...(w.redaction ? { redaction: w.redaction } : {}),
    });
    if (result.status !== 'published') throw new Error(`${w.action}: ${result.status}`);
    return { status: 'written', publication: result.publication };
  } catch (e) {
    if (!isStoreError(e, 'conflict')) throw e;
    const now = await store.getCurrent(publisher.id);
    if (!now || now.id === current.id) throw e;
    return { status: 'superseded', publication: now };
  }
}
