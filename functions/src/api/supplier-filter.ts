/**
 * `?supplier=` (an RFC or a party id) and `?supplierName=` (words of its name) on the OCDS listings: the processes
 * whose awards name that supplier (OCDS `awards/suppliers`, described in `parties`). A journalist following one
 * company's contracts across every implementer had to download everything and search it.
 *
 * Read from each publication's index (core/stats/publication-index.ts: its processes' suppliers with their RFC),
 * never by reading the documents: a publication's suppliers are gathered once into a small lookup kept in memory
 * (a publication never changes under its id, DESIGN §6), and a page reads only the records or releases of the
 * processes that matched, by key — no query the stores lack, and no page costs a scan of the listing.
 */
import type { Request } from 'express';
import { normalRfc, partyRfc } from '../../../core/identifiers/party-rfc';
import { isGenericRfc } from '../../../core/checks/rfc';
import { normalizeLabel } from '../../../core/unflatten/normalize-label';
import type { PublicationIndex } from '../../../core/stats/publication-index';
import type { Page } from '../store/store';
import { sortKey } from '../store/collections';
import { badRequest } from './http-error';
import { invalidCursor } from './cursor';
import { queryString, readEach, type PublishedSet } from './current-publications';
import { Memo } from './publication-indexes';

/** What a request asks for: an RFC (normalised), else an id as published; and the words of a name. */
export interface SupplierFilter { rfc?: string; id?: string; words?: string[] }

/** The two parameters, for the listings' lists of what they read. */
export const SUPPLIER_PARAMETERS = ['supplier', 'supplierName'] as const;

/** A name as searched: case, accents, dots and spaces aside («S.A. de C.V.» is found by «sa de cv»). */
const searchable = (text: string): string => normalizeLabel(text).replace(/\./g, '');

/** `?supplier=` and `?supplierName=`, checked; undefined when neither is given. */
export function supplierFilter(req: Request): SupplierFilter | undefined {
  const supplier = queryString(req, 'supplier')?.trim();
  const name = queryString(req, 'supplierName');
  if (supplier === undefined && name === undefined) return undefined;
  const filter: SupplierFilter = {};
  if (supplier !== undefined) {
    // «MX-RFC-CCN050314H72» is how the template and many publishers key a party by its RFC: the RFC it names.
    const rfc = normalRfc(supplier.replace(/^MX-RFC-/i, ''));
    if (rfc !== undefined && isGenericRfc(rfc)) {
      throw badRequest('invalid-supplier', `«${supplier}» es un RFC genérico del SAT (público en general o residentes en el extranjero): lo comparten muchos proveedores sin relación entre sí. Busque por el nombre con «supplierName».`);
    }
    if (rfc !== undefined) filter.rfc = rfc;
    if (supplier !== '') filter.id = supplier;
    else throw badRequest('invalid-supplier', 'El parámetro «supplier» va con el RFC del proveedor (por ejemplo CCN050314H72) o el «id» con que lo nombra el proceso.');
  }
  if (name !== undefined) {
    const words = searchable(name).split(/[\s,;]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (!words.length) throw badRequest('invalid-suppliername', 'El parámetro «supplierName» va con palabras del nombre del proveedor (por ejemplo «constructora cumbres»).');
    filter.words = words;
  }
  return filter;
}

/** One supplier of a publication, each once, with the processes (ocids, in the store's order) it was awarded. */
interface SupplierEntry { rfc?: string; id: string; identifier?: string; name: string; ocids: string[] }

/** A publication's suppliers as the filter reads them. */
export type SupplierLookup = readonly SupplierEntry[];

/** The store's order of documents keyed by ocid (store/document-store.ts: sort key compared as UTF-8 bytes). */
const storeOrder = (ocids: Iterable<string>): string[] => {
  const keyed = [...ocids].map((ocid) => ({ ocid, key: Buffer.from(sortKey(ocid)) }));
  return keyed.sort((a, b) => Buffer.compare(a.key, b.key)).map((k) => k.ocid);
};

/** The suppliers of a publication's processes, from its index. */
export function supplierLookup(index: PublicationIndex): SupplierLookup {
  const byParty = new Map<string, { entry: SupplierEntry; ocids: Set<string> }>();
  for (const p of index.processes) {
    for (const s of p.suppliers) {
      const key = `${s.id}\u0000${s.name}\u0000${s.identifier ?? ''}\u0000${s.scheme ?? ''}`;
      let found = byParty.get(key);
      if (!found) {
        const rfc = partyRfc(s);
        found = { entry: { ...(rfc ? { rfc } : {}), id: s.id, ...(s.identifier ? { identifier: s.identifier } : {}), name: searchable(s.name), ocids: [] }, ocids: new Set() };
        byParty.set(key, found);
      }
      found.ocids.add(p.ocid);
    }
  }
  return [...byParty.values()].map(({ entry, ocids }) => ({ ...entry, ocids: storeOrder(ocids) }));
}

/**
 * Whether a supplier is the one asked for: by RFC (however each publisher keys the party), or by its id or
 * identifier exactly as published (another register's clave, a publisher's own key); and every word in its name.
 */
function matches(s: SupplierEntry, f: SupplierFilter): boolean {
  if (f.id !== undefined && !(f.rfc !== undefined && s.rfc === f.rfc) && s.id !== f.id && s.identifier !== f.id) return false;
  return !f.words || f.words.every((w) => s.name.includes(w));
}

/** The ocids of a publication's processes awarded to the supplier asked for, in the store's order. */
export function matchingOcids(lookup: SupplierLookup, f: SupplierFilter): string[] {
  const found = new Set<string>();
  for (const s of lookup) if (matches(s, f)) for (const ocid of s.ocids) found.add(ocid);
  return storeOrder(found);
}

/**
 * Each publication's lookup, kept by publication id. Bounded by publications, not bytes: a lookup holds a
 * publication's distinct suppliers and the ocids they were awarded, a small part of its index.
 */
export function supplierLookups(index: (publicationId: string) => Promise<PublicationIndex>, max = 1024): (publicationId: string) => Promise<SupplierLookup> {
  const memo = new Memo<SupplierLookup>(max);
  return (publicationId) => memo.get(publicationId, async () => supplierLookup(await index(publicationId)));
}

/** The sets with a process of the supplier asked for, each with those ocids (sets with none are left out). */
export async function supplierMatches(sets: PublishedSet[], f: SupplierFilter, lookups: (publicationId: string) => Promise<SupplierLookup>): Promise<Map<string, string[]>> {
  const found = await readEach(sets, async (s) => matchingOcids(await lookups(s.publication.id), f));
  return new Map(sets.flatMap((s, i) => (found[i].length ? [[s.publication.id, found[i]] as const] : [])));
}

/**
 * Inside one publication, where a page of the filtered listing resumes: the process (`o`, the first one not
 * finished) and, for releases, the store's cursor among that process's releases (`c`). Opaque to readers like the
 * rest of the cursor (cursor.ts); a cursor of the unfiltered listing is not one of these, and is refused.
 */
interface MatchCursor { o: string; c?: string }

function decodeMatchCursor(raw: string | undefined): MatchCursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    const o = v as MatchCursor;
    if (v && typeof v === 'object' && typeof o.o === 'string' && (o.c === undefined || typeof o.c === 'string')) return o.c === undefined ? { o: o.o } : { o: o.o, c: o.c };
  } catch { /* refused below */ }
  throw invalidCursor();
}

/** The position of the first of `ocids` (in store order) not before `ocid`. */
function resumeAt(ocids: readonly string[], ocid: string): number {
  const key = Buffer.from(sortKey(ocid));
  const at = ocids.findIndex((o) => Buffer.compare(Buffer.from(sortKey(o)), key) >= 0);
  return at < 0 ? ocids.length : at;
}

/** A page of the records of `ocids` (the matches of one publication), read each by its key. */
export async function matchedRecords<T>(ocids: readonly string[], after: string | undefined, limit: number, read: (ocid: string) => Promise<T | undefined>): Promise<Page<T>> {
  const cursor = decodeMatchCursor(after);
  const from = cursor ? resumeAt(ocids, cursor.o) : 0;
  const taken = ocids.slice(from, from + limit);
  const items = (await readEach(taken, read)).filter((r): r is T => r !== undefined);
  const rest = ocids[from + taken.length];
  return rest === undefined ? { items } : { items, next: JSON.stringify({ o: rest }) };
}

/** A page of the releases of `ocids`: each process's releases in the store's order, through the store's own pages. */
export async function matchedReleases<T>(ocids: readonly string[], after: string | undefined, limit: number, list: (ocid: string, after: string | undefined, limit: number) => Promise<Page<T>>): Promise<Page<T>> {
  const cursor = decodeMatchCursor(after);
  const items: T[] = [];
  let at = cursor ? resumeAt(ocids, cursor.o) : 0;
  // The store's cursor holds only where the process stopped: it applies to the process it was written for.
  let inner = cursor && ocids[at] === cursor.o ? cursor.c : undefined;
  while (at < ocids.length && items.length < limit) {
    const page = await list(ocids[at], inner, limit - items.length);
    items.push(...page.items);
    if (page.next) { inner = page.next; if (items.length >= limit) return { items, next: JSON.stringify({ o: ocids[at], c: inner }) }; continue; }
    at++;
    inner = undefined;
  }
  return at < ocids.length ? { items, next: JSON.stringify({ o: ocids[at] }) } : { items };
}
