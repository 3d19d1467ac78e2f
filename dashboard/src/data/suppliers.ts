/**
 * Contractors (OCDS award suppliers, also those whose contract is not published yet) with what they were
 * contracted and paid: a contract counts in full for each of its award's suppliers (joint bids are not split, because OCDS does not say how the value is shared).
 */
import type { Party, ProcessRow } from './rows';
import { cents } from '../../../core/stats/publication-index';
import { hasGenericRfc, partyRfc } from '../../../core/identifiers/party-rfc';
import { fold } from './filters';

export interface SupplierTotal {
  key: string;
  id: string;
  name: string;
  /** Its identifier as published (the RFC), when the process's `parties` gives one, and that identifier's scheme. */
  identifier?: string;
  scheme?: string;
  /** Every name it is published under, the most used first (`name`): one company's «S.A. de C.V.» and «SA DE CV». */
  names: string[];
  locality?: string;
  contracts: number;
  /** How many of its contracts list an amendment (convenio modificatorio). */
  amended: number;
  /** How many of its contracts add nothing to `amount`: cancelled, in another currency, or without a value published. */
  unsummed: number;
  processes: number;
  /** Sum of the values of the awards in force it is a supplier of (MXN); undefined when none says one. */
  awarded?: number;
  /** Sum of their contracts' values; undefined when none says one (an award not yet contracted): «Sin dato», not 0. */
  amount?: number;
  /** Sum of what their contracts paid; undefined when no payment is published. */
  paid?: number;
  publishers: string[];
}

/** `total + value`, in cents, keeping «no figure» apart from zero. */
export const addPresent = (total: number | undefined, value: number | undefined): number | undefined =>
  value === undefined ? total : cents((total ?? 0) + value);

/**
 * A stable key: «MX-RFC-» and its RFC when the party has one (core/identifiers/party-rfc.ts), so the same company is
 * one contractor whatever id each implementer gives it; else the party id as published; else the name. For the
 * examples' and the template's parties (id «MX-RFC-{RFC}») it is their id, as links always wrote it.
 */
export function supplierKey(s: { id: string; name: string; identifier?: string; scheme?: string }): string {
  let key = keys.get(s);
  if (key === undefined) {
    const rfc = partyRfc(s);
    // Under a generic RFC (foreign residents, «público en general») the name tells suppliers apart: the id built from
    // it, «MX-RFC-XEXX010101000», joined unrelated foreign companies of several implementers into one contractor.
    key = rfc ? `MX-RFC-${rfc}` : hasGenericRfc(s) ? `${s.id || 'RFC genérico'}|nombre:${s.name}` : s.id || `nombre:${s.name}`;
    keys.set(s, key);
  }
  return key;
}
// Parties are shared by the rows that name them and read once per row and view: their key is worked out once.
const keys = new WeakMap<object, string>();

/** A name as two spellings of the same name compare: accents, case, punctuation and spaces aside. */
export const nameKey = (name: string): string => fold(name).replace(/[^\p{L}\p{N}]/gu, '');

/** The suppliers of one contract or award of a process (the index refers to them by position in `process.suppliers`). */
export const contractSuppliers = (p: ProcessRow, k: { suppliers: number[] }): Party[] => k.suppliers.map((i) => p.suppliers[i]).filter((s): s is Party => !!s);

/** Sum of the values of a process's awards in force that `key` is a supplier of (each award once), in MXN. */
export function awardedTo(p: ProcessRow, key: string): number | undefined {
  let total: number | undefined;
  for (const a of p.awards ?? []) if (contractSuppliers(p, a).some((s) => supplierKey(s) === key)) total = addPresent(total, a.value);
  return total;
}

type Building = SupplierTotal & { ocids: Set<string>; pubs: Set<string>; spelled: Map<string, number> };
// Grouped by its RFC, it shows the RFC as compared (in capitals, without the hyphens one implementer typed).
const started = (key: string, s: Party): Building => {
  const rfc = partyRfc(s);
  return { key, id: s.id, name: s.name, names: [], ...(rfc ? { identifier: rfc, scheme: 'MX-RFC' } : {}), contracts: 0, amended: 0, unsummed: 0, processes: 0, publishers: [], ocids: new Set(), pubs: new Set(), spelled: new Map() };
};

export function supplierTotals(processes: ProcessRow[]): SupplierTotal[] {
  const map = new Map<string, Building>();
  const spelled = (t: Building, s: Party): void => { t.spelled.set(s.name, (t.spelled.get(s.name) ?? 0) + 1); };
  /**
   * Each supplier a contract or award names, once: two of its entries may be the same company (its RFC under two ids
   * or spellings). By index, not through contractSuppliers: two arrays per contract were most of this loop's cost
   * over 15,000 rows.
   */
  const eachOnce = (p: ProcessRow, suppliers: number[], add: (t: Building, s: Party) => void): void => {
    const seen = suppliers.length > 1 ? new Set<string>() : undefined;
    for (const i of suppliers) {
      const s = p.suppliers[i];
      if (!s) continue;
      const key = supplierKey(s);
      if (seen?.has(key)) continue;
      seen?.add(key);
      const t = map.get(key) ?? started(key, s);
      if (!t.locality && s.locality) t.locality = s.locality;
      add(t, s);
      map.set(key, t);
    }
  };
  for (const p of processes) {
    for (const k of p.contracts) {
      eachOnce(p, k.suppliers, (t, s) => {
        spelled(t, s);
        if (t.identifier === undefined && s.identifier !== undefined) { t.identifier = s.identifier; t.scheme = s.scheme; }
        t.contracts++;
        if (k.amendments) t.amended++;
        if (k.value === undefined) t.unsummed++;
        t.amount = addPresent(t.amount, k.value);
        t.paid = addPresent(t.paid, k.paid);
        t.ocids.add(p.ocid);
        t.pubs.add(p.publisherName);
      });
    }
    // What each supplier was awarded (each award once per supplier, however many of its entries name it).
    for (const a of p.awards ?? []) eachOnce(p, a.suppliers, (t) => { t.awarded = addPresent(t.awarded, a.value); });
    // Awarded but without a published contract yet: listed, with no contracted amount.
    for (const s of p.suppliers) {
      const key = supplierKey(s);
      if (map.get(key)?.ocids.has(p.ocid)) continue;
      const t = map.get(key) ?? started(key, s);
      if (!t.locality && s.locality) t.locality = s.locality;
      spelled(t, s);
      if (t.identifier === undefined && s.identifier !== undefined) { t.identifier = s.identifier; t.scheme = s.scheme; }
      t.ocids.add(p.ocid);
      t.pubs.add(p.publisherName);
      map.set(key, t);
    }
  }
  // Named as most of its contracts name it (the first seen among equals); the other spellings are listed on its page.
  const named = (m: Map<string, number>): string[] => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
  return [...map.values()]
    .map(({ ocids, pubs, spelled: m, ...t }) => { const names = named(m); return { ...t, name: names[0] ?? t.name, names, processes: ocids.size, publishers: [...pubs].sort() }; })
    .sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.name.localeCompare(b.name, 'es-MX'));
}

/** How many contractors supplierTotals() lists, without adding up their amounts (Inicio's counter): every one is an award supplier of some process. */
export function supplierCount(processes: ProcessRow[]): number {
  const all = new Set<string>();
  for (const p of processes) for (const s of p.suppliers) all.add(supplierKey(s));
  return all.size;
}

/** Distinct bidders of the processes, keyed as contractors are (supplierKey: their RFC, else their id, else their name). */
export function bidderCount(processes: ProcessRow[]): number {
  const all = new Set<string>();
  for (const p of processes) for (const b of p.bidders ?? []) all.add(b);
  return all.size;
}
