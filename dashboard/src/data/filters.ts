/**
 * The global filters of the header (year, state, implementer, sector, type, status, municipality and a keyword),
 * kept in the URL so a filtered view can be linked, and followed by every list, map, counter and chart. Processes
 * follow their projects; a process linked to no project is kept only while no project-level filter is set (year,
 * sector, type, status, municipality), so totals never silently drop data. The keyword also finds a process by its
 * own title, ocid, buyer, contractors (name or RFC), or the number of its procedure or of one of its contracts.
 */
import type { Dataset } from './types';
import type { ProcessRow, ProjectRow } from './rows';
import { matchesMunicipality } from './municipality';
import { normalRfc } from '../../../core/identifiers/party-rfc';

export interface Filters {
  year?: number;
  state?: string;
  publisher?: string;
  sector?: string;
  type?: string;
  status?: string;
  municipality?: string;
  q?: string;
}

export const FILTER_KEYS = ['year', 'state', 'publisher', 'sector', 'type', 'status', 'municipality', 'q'] as const;

export function parseFilters(q: URLSearchParams): Filters {
  const f: Filters = {};
  const year = Number(q.get('year'));
  if (Number.isInteger(year) && year > 0) f.year = year;
  for (const k of ['state', 'publisher', 'sector', 'type', 'status', 'municipality'] as const) { const v = q.get(k); if (v) f[k] = v; }
  const text = fold(q.get('q') ?? '').replace(QUOTES, ' ').trim();
  if (WORDLIKE.test(text)) f.q = text;
  return f;
}

/**
 * Quotation marks a reader puts around a name, as a web search engine takes them («"escuela secundaria"», «“Copoya”»):
 * searched as part of the words, they found nothing. The words inside are searched as any others are.
 */
const QUOTES = /["“”„«»]/g;
/**
 * A word of the search has a letter or a digit: a sign typed between words («agua & potable», «calle 60 - centro»)
 * is no word the rows must have (it emptied the page), and a search of signs alone is no search.
 */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Only the filter keys of a query, in a stable order (links carry them from page to page). */
export function filterQuery(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of FILTER_KEYS) { const v = q.get(k); if (v) out.set(k, v); }
  return out;
}

export const activeFilters = (f: Filters): number => Object.values(f).filter((v) => v !== undefined).length;

/** The header's filters by their labels, as its selects name them (shell/filter-bar.ts) and the pages repeat them. */
export const FILTER_LABELS: Record<Exclude<(typeof FILTER_KEYS)[number], 'q'>, string> = {
  year: 'Año', state: 'Estado', publisher: 'Implementador', sector: 'Sector', type: 'Tipo de proyecto', status: 'Etapa del proyecto', municipality: 'Municipio',
};

/**
 * The filters the pages of figures per implementer follow (Calidad de datos, Seguimiento, Descargas): Estado and
 * Implementador only. Their figures are each implementer's whole publication — the share of fields it fills, computed
 * when it publishes (core/stats/quality-stats.ts), its commitment of projects and periodicity, its package files —
 * and none of them exists for one municipality, sector, year, type or stage: applying those would mean inventing
 * figures. A journalist who arrives with «Municipio: Juárez» from the map must not read them as Juárez's, so these
 * pages say which filters they leave aside (pages/common.ts unfollowedFiltersNote) and the header does not count them
 * as active there (shell/filter-bar.ts countFollowed).
 */
export const PUBLISHER_FILTER_KEYS: readonly string[] = ['state', 'publisher'];

/** The filters set in `f` that a page following only `keys` leaves aside, by their labels, in the header's order. */
export function unfollowedFilters(f: Filters, keys: readonly string[]): string[] {
  return (Object.keys(FILTER_LABELS) as (keyof typeof FILTER_LABELS)[]).filter((k) => f[k] !== undefined && !keys.includes(k)).map((k) => FILTER_LABELS[k]);
}

/** Accents and case ignored: "escuela" finds "Escuela", "mérida" finds "Merida". */
export const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Text as the search compares it: folded, and without dots, in the text and in the words searched alike. A company's
 * name copied from another register («Constructora Cumbres del Norte SA de CV») did not find the processes that
 * write it «S.A. de C.V.»: every word must be found, and «sa» is not in «s.a.».
 */
export const searchable = (s: string): string => fold(s).replace(DOTS, '');
const DOTS = /\./g;

// The searchable text of a row, folded once and kept (a search types several keys over 15,000 rows; unicode
// normalisation is the costly part).
const folded = new WeakMap<object, string>();
const cachedText = <T extends object>(r: T, text: (r: T) => string): string => {
  let t = folded.get(r);
  if (t === undefined) folded.set(r, (t = searchable(text(r))));
  return t;
};
const projectText = (r: ProjectRow): string => cachedText(r, (x) => `${x.title} ${x.id} ${x.publisherName} ${x.state} ${x.municipality ?? ''} ${x.authority?.name ?? ''} ${x.authority?.id ?? ''}`);
// A process is also found by its procedure's and contracts' numbers (a contract number from a news story) and by its
// contractors' and buyer's RFC (`identifier`: real publications key parties by hashes, so `id` alone missed it).
const processText = (r: ProcessRow): string => cachedText(r, (x) => `${x.title} ${x.ocid} ${x.publisherName} ${x.buyer?.name ?? ''} ${x.buyer?.identifier ?? ''} ${x.suppliers.map((s) => `${s.name} ${s.id} ${s.identifier ?? ''}`).join(' ')} ${x.numbers?.join(' ') ?? ''}`);

/**
 * Whether a row's folded text has every word of the (folded) search, wherever each is: «galeana nuevo leon» finds
 * «… en el municipio de Galeana, Nuevo León», which the words as one piece missed (the comma between them), and
 * «drenaje higueras» the works named «… drenaje sanitario … en el municipio de Higueras». The words of the last
 * search are kept: every row of a view is tested against the same one.
 */
let lastWords: { q: string; words: string[]; rfcs: (string | undefined)[] } = { q: '', words: [], rfcs: [] };
/** The words of a (folded) search, as hasWords reads them. */
export const searchWords = (q: string): string[] => q.split(/[\s,;]+/).filter((w) => WORDLIKE.test(w)).map((w) => w.replace(DOTS, ''));
/**
 * A word that is an RFC written with hyphens or dots («ccn-050314-h72», as invoices and news stories write it) is
 * also searched as published, without them; the word as typed still counts (a contract number «lp-op-001-2025»).
 */
const rfcSpelling = (w: string): string | undefined => (/[.\-_]/.test(w) ? normalRfc(w)?.toLowerCase() : undefined);
export function hasWords(text: string, q: string): boolean {
  if (lastWords.q !== q) { const words = searchWords(q); lastWords = { q, words, rfcs: words.map(rfcSpelling) }; }
  const { words, rfcs } = lastWords;
  return words.every((w, i) => text.includes(w) || (rfcs[i] !== undefined && text.includes(rfcs[i] as string)));
}

/**
 * On the pages of figures per implementer (PUBLISHER_FILTER_KEYS), whether an implementer has every word of the
 * header's search in its name, its key (`id`) or its state: their rows are implementers, so that is what a reader
 * searching there means («Mérida», «Nuevo León»). The search was ignored there, silently; the page says what it
 * searched (pages/common.ts publisherSearchNote) and the box says so before anything is typed (shell/filter-bar.ts).
 * The key is how the administration knows each of 2,500 (`publishers add ID`, `users list`, the Bitácora, the CSV's
 * «clave»): «nl-infra» found nobody, when names repeat from state to state («Ayuntamiento de…», «Secretaría de…»).
 */
export function matchesPublisherSearch(f: Filters, p: { name: string; state: string }, id: string): boolean {
  return !f.q || hasWords(searchable(`${p.name} ${p.state} ${id}`), f.q);
}

/** Whether an implementer (its state and id) is within the header's Estado and Implementador filters. */
export function matchesPublisher(f: Filters, p: { state: string; publisherId: string }): boolean {
  return (!f.state || p.state === f.state) && (!f.publisher || p.publisherId === f.publisher);
}

/** `searchHit`: a project is also found by what its processes say (a contractor, an ocid): see filterDataset. */
export function matchesProject(row: ProjectRow, f: Filters, searchHit: (row: ProjectRow) => boolean = () => false): boolean {
  if (!matchesPublisher(f, row)) return false;
  if (f.sector && !row.sector.includes(f.sector)) return false;
  if (f.type && row.type !== f.type) return false;
  if (f.status && row.status !== f.status) return false;
  if (f.municipality && !matchesMunicipality(row, f.municipality)) return false;
  if (f.year !== undefined) {
    const from = row.startYear ?? row.endYear;
    const to = row.endYear ?? row.startYear;
    if (from === undefined || to === undefined || f.year < from || f.year > to) return false;
  }
  if (f.q && !hasWords(projectText(row), f.q) && !searchHit(row)) return false;
  return true;
}

function publishersOf(projects: ProjectRow[], processes: ProcessRow[]): Set<string> {
  const ids = new Set<string>();
  for (const r of projects) ids.add(r.publisherId);
  for (const r of processes) ids.add(r.publisherId);
  return ids;
}

export interface Selection { projects: ProjectRow[]; processes: ProcessRow[]; publisherIds: Set<string> }

/** The rows behind a filtered view, ready for figuresOf(). */
export function filterDataset(ds: Dataset, f: Filters): Selection {
  if (!activeFilters(f)) return { projects: ds.projects, processes: ds.processes, publisherIds: publishersOf(ds.projects, ds.processes) };
  // The search finds a project by its own text or by that of one of its processes (their contractors, ocids,
  // buyers), as the search box promises: «Cumbres» finds the works its contractor built, on every page.
  const q = f.q;
  const hits = q ? new Set(ds.processes.filter((r) => hasWords(processText(r), q)).map((r) => r.ocid)) : undefined;
  const projects = ds.projects.filter((r) => matchesProject(r, f, (p) => !!hits && p.ocids.some((o) => hits.has(o))));
  const linked = new Set(projects.flatMap((r) => r.ocids));
  // A project found by its own words (or chosen without a search) brings its processes along; one found through a
  // process (its contractor's RFC, its ocid) brings that process only: searching a contractor listed its processes
  // and, beside them, the other contractors' processes of the same works.
  const along = q ? new Set(projects.filter((r) => hasWords(projectText(r), q)).flatMap((r) => r.ocids)) : linked;
  const projectLevel = f.year !== undefined || !!f.sector || !!f.type || !!f.status || !!f.municipality;
  const processes = ds.processes.filter((r) => {
    if (!matchesPublisher(f, r)) return false;
    if (along.has(r.ocid)) return true;
    if (hits) return hits.has(r.ocid) && (linked.has(r.ocid) || !projectLevel);
    // Without a filter on projects, every process of the chosen implementers: one linked only to another
    // implementer's project (a municipality's process of the state's project, rows.ts linkAcrossPublishers) is
    // brought along by no project of theirs, and the municipality's view lost it.
    return !projectLevel;
  });
  return { projects, processes, publisherIds: publishersOf(projects, processes) };
}
