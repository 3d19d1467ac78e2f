/**
 * Reads the public API of the same origin. The list pages share one load: the publishers and the slim index
 * in columns (`/api/index/compact`, a few hundred bytes per project and process, decoded by data/compact-rows.ts). What only one page shows is fetched by that page:
 * the data-quality aggregates of `/api/stats` (tens of KB per publisher) by *Calidad*, the submissions of
 * `/api/tracking` by *Seguimiento*, the full OC4IDS project by *Proyecto*.
 */
import type { CompactIndex, CompactPart } from '../../core/stats/compact-index';
import { addDetails, compactRows } from './data/compact-rows';
import type { Dataset, Json, PublisherInfo, StatsEntry, TrackingEntry } from './data/types';

export async function getJson<T>(url: string, cache?: RequestCache): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, ...(cache ? { cache } : {}) });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return (await res.json()) as T;
}

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

/**
 * What *Inicio* draws from: the publishers and the `core` half of the index (core/stats/compact-index.ts). Its
 * rows are the very objects of the full dataset; the other half fills them in place (loadDataset).
 */
const loadCore = once(async (): Promise<{ ds: Dataset; core: CompactPart }> => {
  const [{ publishers }, core] = await Promise.all([
    getJson<{ publishers: PublisherInfo[] }>('/api/publishers'),
    getJson<CompactPart>('/api/index/compact/core'),
  ]);
  return { ds: { publishers, ...compactRows(core) }, core };
});
export const loadHomeDataset = async (): Promise<Dataset> => (await loadCore()).ds;

/** Whether the details are in: Inicio then draws from the complete rows too (the same objects, filled). */
let complete: Dataset | undefined;
export const completeDataset = (): Dataset | undefined => complete;
let resolveComplete: (ds: Dataset) => void = () => undefined;
/** Resolves when the details are in, without asking for them (Inicio's map then names its markers by title). */
export const datasetCompleted = new Promise<Dataset>((resolve) => { resolveComplete = resolve; });

/** Every field the list and detail pages read: the core, then its details. */
export const loadDataset = once(async (): Promise<Dataset> => {
  // Both halves at once: a page other than Inicio waits for both anyway.
  const [{ ds, core }, details] = await Promise.all([loadCore(), getJson<CompactPart>('/api/index/compact/details')]);
  // A publication came out between the two requests: the whole index, in one answer.
  complete = addDetails(ds, core, details) ? ds : { publishers: ds.publishers, ...compactRows(await getJson<CompactIndex>('/api/index/compact')) };
  resolveComplete(complete);
  return complete;
});

export const loadStats = once(async (): Promise<StatsEntry[]> => (await getJson<{ publishers: StatsEntry[] }>('/api/stats')).publishers);

/** null when the server has no /api/tracking. */
let tracking = once(async (): Promise<TrackingEntry[] | null> => (await optional<{ publishers: TrackingEntry[] }>('/api/tracking'))?.publishers ?? null);
export const loadTracking = (): Promise<TrackingEntry[] | null> => tracking();
/** After a coordinator records stages: the next *Seguimiento* reads the server again, past this tab's and the HTTP cache. */
export function trackingChanged(): void {
  tracking = once(async () => (await optional<{ publishers: TrackingEntry[] }>('/api/tracking', 'reload'))?.publishers ?? null);
}

/** The full OC4IDS project, or undefined when the API does not know it. */
export async function loadProject(id: string): Promise<Json | undefined> {
  const res = await fetch(`/api/oc4ids/projects/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${res.status} /api/oc4ids/projects/${id}`);
  return ((await res.json()) as { projects?: Json[] }).projects?.[0];
}

/** The OCDS record of a process (its compiled release is what *Contratación* shows), or undefined when the API does not know it. */
export async function loadRecord(ocid: string): Promise<Json | undefined> {
  const url = `/api/ocds/records/${encodeURIComponent(ocid)}`;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return ((await res.json()) as { records?: Json[] }).records?.[0];
}
