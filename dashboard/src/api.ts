/**
 * Reads the public API of the same origin. The list pages share one load: the publishers and the slim index in
 * columns (`/api/index/compact`, a few hundred bytes per project and process, decoded by data/compact-rows.ts), of
 * all the data or, at national scale, of one state or implementer (data/scope.ts). What only one page shows is
 * fetched by that page: the data-quality aggregates of `/api/stats` (about 4 KB per publisher, its fields named once: core/stats/stats-answer.ts) by *Calidad*, the
 * submissions of `/api/tracking` by *Seguimiento*, the full OC4IDS project by *Proyecto*.
 */
import type { CompactIndex, CompactPart } from '../../core/stats/compact-index';
import { unpackStats, type PackedStats } from '../../core/stats/stats-answer';
import { addDetails, compactRows } from './data/compact-rows';
import type { Dataset, Json, PublisherInfo, StatsEntry, TrackingEntry } from './data/types';
import { NO_ANSWER, readFailed } from './review/server-failed';
import { watchedRead } from './watched-read';

/**
 * A read of the API that failed, said in Spanish for the reader (the page «No se pudieron cargar los datos» shows its
 * message): `status` 0 when nothing answered, else the answer's; `code`, the API's error code when it named one
 * (`index-too-large`…). The browser's own words («Failed to fetch», «Unexpected end of JSON input») and the address
 * asked were shown there before, in English.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly url: string, readonly code?: string, message = failureText(status)) {
    super(message);
  }
}

function failureText(status: number): string {
  if (status === 0) return NO_ANSWER;
  if (status >= 400) return readFailed(status);
  // An answer cut short or not JSON (a proxy's page, a connection closed mid-answer).
  return 'La respuesta del servidor llegó incompleta. Intente de nuevo en unos minutos.';
}

/**
 * The API's answer to a GET; no answer at all, or none before a silence of STALL_MS (watched-read.ts), is an ApiError
 * with status 0. Its body is watched the same way: one that falls silent fails to read, as an answer cut short does
 * (readJson).
 */
async function ask(url: string, cache?: RequestCache): Promise<Response> {
  try {
    return await watchedRead(url, { headers: { accept: 'application/json' }, ...(cache ? { cache } : {}) });
  } catch {
    throw new ApiError(0, url);
  }
}

/** An answer outside 2xx as an ApiError, with the API's own Spanish message and code when it gave them. */
async function refused(res: Response, url: string): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
  const said = typeof body?.error?.message === 'string' && body.error.message ? body.error.message : undefined;
  return new ApiError(res.status, url, code, said);
}

async function readJson<T>(res: Response, url: string): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, url);
  }
}

export async function getJson<T>(url: string, cache?: RequestCache): Promise<T> {
  const res = await ask(url, cache);
  if (!res.ok) throw await refused(res, url);
  return readJson<T>(res, url);
}

/**
 * The API refused an answer spanning more than it serves together (core/stats/serving-limits.ts): the counts the
 * scope was chosen from (data/scope.ts) are older than the data — a publication came out since this tab read them.
 */
export const refusedAsTooLarge = (e: unknown): boolean => e instanceof ApiError && (e.code === 'index-too-large' || e.code === 'stats-too-large');

async function optional<T>(url: string, cache?: RequestCache): Promise<T | null> {
  try { return await getJson<T>(url, cache); } catch { return null; }
}

/** One load per session; a failed load is not kept, so the next page view tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    if (!cached) {
      cached = load();
      cached.catch(() => { cached = undefined; });
    }
    return cached;
  };
}

const readPublishers = (cache?: RequestCache) => async (): Promise<PublisherInfo[]> => (await getJson<{ publishers: PublisherInfo[] }>('/api/publishers', cache)).publishers;
let publishers = once(readPublishers());
/** The publishers, with the counts the dashboard decides what to load from (data/scope.ts): once per session. */
export const loadPublishers = (): Promise<PublisherInfo[]> => publishers();

interface ScopedLoads {
  /** *Inicio*'s data: the publishers and the `core` half of the index (core/stats/compact-index.ts). */
  core: () => Promise<{ ds: Dataset; core: CompactPart }>;
  /** Every field the list and detail pages read: the core's rows, filled in place with the details. */
  full: () => Promise<Dataset>;
  /** Set once the details are in. */
  complete?: Dataset;
}

/** Core datasets whose details are still coming, and when they will be in (Inicio's map then names its markers). */
const pending = new WeakMap<Dataset, Promise<Dataset>>();

/**
 * The loads of the scope last asked for, by its API query (data/scope.ts scopeQuery: empty for all the data,
 * `?state=…`, `?publisher=…`). Another scope replaces them: at national scale a reader moving between states
 * keeps one state's rows in memory, not every state visited.
 */
let current: { q: string; loads: ScopedLoads } | undefined;

function scoped(q: string): ScopedLoads {
  if (current && current.q === q) return current.loads;
  let resolveComplete: (ds: Dataset) => void = () => undefined;
  let rejectComplete: (e: unknown) => void = () => undefined;
  const completed = new Promise<Dataset>((resolve, reject) => { resolveComplete = resolve; rejectComplete = reject; });
  // Nobody may be waiting for it (a page other than Inicio): a failure is no unhandled rejection.
  completed.catch(() => undefined);
  const loads: ScopedLoads = {
    core: once(async () => {
      const [publishers, core] = await Promise.all([loadPublishers(), getJson<CompactPart>(`/api/index/compact/core${q}`)]);
      const ds = { publishers, ...compactRows(core) };
      pending.set(ds, completed);
      return { ds, core };
    }),
    full: once(async () => {
      // Both halves at once: a page other than Inicio waits for both anyway. A failure is said to Inicio's map, which
      // waits for the details (detailsPending) and kept its markers named by id with nothing said (it asks again).
      const [{ ds, core }, details] = await Promise.all([loads.core(), getJson<CompactPart>(`/api/index/compact/details${q}`)]).catch((e: unknown) => { rejectComplete(e); throw e; });
      // A publication came out between the two requests: the whole index (of the scope), in one answer.
      const complete = addDetails(ds, core, details) ? ds : { publishers: ds.publishers, ...compactRows(await getJson<CompactIndex>(`/api/index/compact${q}`)) };
      loads.complete = complete;
      pending.delete(ds);
      resolveComplete(complete);
      return complete;
    }),
  };
  current = { q, loads };
  return loads;
}

/** What *Inicio* draws from: the complete rows when they are in, else the core half (`q`: the scope's query). */
export async function loadHomeDataset(q = ''): Promise<Dataset> {
  const loads = scoped(q);
  return loads.complete ?? (await loads.core()).ds;
}

/** Every field the list and detail pages read, of all the data or of one scope (`q`). */
export const loadDataset = (q = ''): Promise<Dataset> => scoped(q).full();

/**
 * For a dataset of core rows only: resolves when its details are in (without asking for them), rejects when their
 * first load fails (ask again with loadDataset); else undefined.
 */
export const detailsPending = (ds: Dataset): Promise<Dataset> | undefined => pending.get(ds);

/** The statistics of every publisher, or of one scope's (`q`: data/scope.ts scopeQuery); the last answer is kept. */
let stats: { q: string; load: () => Promise<StatsEntry[]> } | undefined;
export function loadStats(q = ''): Promise<StatsEntry[]> {
  if (!stats || stats.q !== q) stats = { q, load: once(async () => unpackStats(await getJson<PackedStats<StatsEntry>>(`/api/stats${q}`))) };
  return stats.load();
}

/** After refusedAsTooLarge: the publishers read again (past the HTTP cache), and nothing loaded from the old counts kept. */
export function publishersChanged(): void {
  publishers = once(readPublishers('reload'));
  current = undefined;
  stats = undefined;
}

/** null when the server has no /api/tracking. */
let tracking = once(async (): Promise<TrackingEntry[] | null> => (await optional<{ publishers: TrackingEntry[] }>('/api/tracking'))?.publishers ?? null);
export const loadTracking = (): Promise<TrackingEntry[] | null> => tracking();
/** After a coordinator records stages: the next *Seguimiento* reads the server again, past this tab's and the HTTP cache. */
export function trackingChanged(): void {
  tracking = once(async () => (await optional<{ publishers: TrackingEntry[] }>('/api/tracking', 'reload'))?.publishers ?? null);
}

/** The full OC4IDS project, or undefined when the API does not know it. */
export async function loadProject(id: string): Promise<{ project: Json | undefined; redactions: Json[] }> {
  const url = `/api/oc4ids/projects/${encodeURIComponent(id)}`;
  const res = await ask(url);
  if (res.status === 404) return { project: undefined, redactions: [] };
  if (!res.ok) throw await refused(res, url);
  const body = await readJson<{ projects?: Json[]; redactions?: unknown }>(res, url);
  return { project: body.projects?.[0], redactions: jsonObjects(body.redactions) };
}

/** The objects of a package's `redactions` (functions/src/api/redaction-notes.ts); anything else is ignored. */
const jsonObjects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((r): r is Json => typeof r === 'object' && r !== null && !Array.isArray(r)) : []);

/** The OCDS record of a process (its compiled release is what *Contratación* shows), or undefined when the API does not know it. */
export async function loadRecord(ocid: string): Promise<{ record: Json | undefined; redactions: Json[] }> {
  const url = `/api/ocds/records/${encodeURIComponent(ocid)}`;
  const res = await ask(url);
  if (res.status === 404) return { record: undefined, redactions: [] };
  if (!res.ok) throw await refused(res, url);
  const body = await readJson<{ records?: Json[]; redactions?: unknown }>(res, url);
  // Which of its releases the platform changed after publishing them, to remove personal data
  // (functions/src/api/redaction-notes.ts): «Historial de publicaciones» says so beside each.
  return { record: body.records?.[0], redactions: jsonObjects(body.redactions) };
}
