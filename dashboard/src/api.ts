/**
 * Reads the public API of the same origin. Packages are followed through `links.next`, made relative so the
 * dashboard works behind any host name (the API writes absolute links with its configured base URL).
 */
import type { Dataset, Json, PublisherInfo, StatsEntry, TrackingEntry } from './data/types';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return (await res.json()) as T;
}

function relative(url: string): string {
  const u = new URL(url, location.href);
  return u.pathname + u.search;
}

async function allPages<T>(first: string, key: string): Promise<T[]> {
  const out: T[] = [];
  let url: string | undefined = first;
  while (url) {
    const page: Json = await getJson<Json>(url);
    out.push(...((page[key] as T[]) ?? []));
    const next = (page.links as { next?: string } | undefined)?.next;
    url = next ? relative(next) : undefined;
  }
  return out;
}

async function optional<T>(url: string): Promise<T | null> {
  try { return await getJson<T>(url); } catch { return null; }
}

let cached: Promise<Dataset> | undefined;

export function loadDataset(): Promise<Dataset> {
  cached ??= (async () => {
    const [{ publishers }, { publishers: stats }, tracking] = await Promise.all([
      getJson<{ publishers: PublisherInfo[] }>('/api/publishers'),
      getJson<{ publishers: StatsEntry[] }>('/api/stats'),
      optional<{ publishers: TrackingEntry[] }>('/api/tracking'),
    ]);
    const published = publishers.filter((p) => p.currentPublication);
    const per = await Promise.all(published.map(async (p) => {
      const q = `publisher=${encodeURIComponent(p.id)}&limit=1000`;
      const [projects, records] = await Promise.all([allPages<Json>(`/api/oc4ids/projects?${q}`, 'projects'), allPages<Json>(`/api/ocds/records?${q}`, 'records')]);
      return { id: p.id, projects, records };
    }));
    return {
      publishers, stats, tracking: tracking?.publishers ?? null,
      projects: per.flatMap((p) => p.projects.map((project) => ({ publisherId: p.id, project }))),
      records: per.flatMap((p) => p.records.map((record) => ({ publisherId: p.id, record }))),
    };
  })();
  return cached;
}
