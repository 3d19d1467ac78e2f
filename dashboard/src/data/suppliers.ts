/**
 * Contractors (OCDS award suppliers, also those whose contract is not published yet) with what they were
 * contracted and paid: a contract counts in full for each of its award's suppliers (joint bids are not split, because OCDS does not say how the value is shared).
 */
import type { Party, ProcessRow } from './rows';
import { cents } from '../../../core/stats/publication-index';

export interface SupplierTotal {
  key: string;
  id: string;
  name: string;
  /** Its identifier as published (the RFC), when the process's `parties` gives one, and that identifier's scheme. */
  identifier?: string;
  scheme?: string;
  locality?: string;
  contracts: number;
  processes: number;
  /** Sum of their contracts' values; undefined when none says one (an award not yet contracted): «Sin dato», not 0. */
  amount?: number;
  /** Sum of what their contracts paid; undefined when no payment is published. */
  paid?: number;
  publishers: string[];
}

/** `total + value`, in cents, keeping «no figure» apart from zero. */
export const addPresent = (total: number | undefined, value: number | undefined): number | undefined =>
  value === undefined ? total : cents((total ?? 0) + value);

/** A stable key: the party id (`MX-RFC-…`) when published, else the name. */
export const supplierKey = (s: { id: string; name: string }): string => s.id || `nombre:${s.name}`;

/** The suppliers of one contract of a process (the index refers to them by position in `process.suppliers`). */
export const contractSuppliers = (p: ProcessRow, k: ProcessRow['contracts'][number]): Party[] => k.suppliers.map((i) => p.suppliers[i]).filter((s): s is Party => !!s);

export function supplierTotals(processes: ProcessRow[]): SupplierTotal[] {
  const map = new Map<string, SupplierTotal & { ocids: Set<string>; pubs: Set<string> }>();
  for (const p of processes) {
    for (const k of p.contracts) {
      for (const s of contractSuppliers(p, k)) {
        const key = supplierKey(s);
        const t = map.get(key) ?? { key, id: s.id, name: s.name, contracts: 0, processes: 0, publishers: [], ocids: new Set(), pubs: new Set() };
        if (t.identifier === undefined && s.identifier !== undefined) { t.identifier = s.identifier; t.scheme = s.scheme; }
        t.contracts++;
        t.amount = addPresent(t.amount, k.value);
        t.paid = addPresent(t.paid, k.paid);
        if (!t.locality && s.locality) t.locality = s.locality;
        t.ocids.add(p.ocid);
        t.pubs.add(p.publisherName);
        map.set(key, t);
      }
    }
    // Awarded but without a published contract yet: listed, with no contracted amount.
    for (const s of p.suppliers) {
      const key = supplierKey(s);
      if (map.get(key)?.ocids.has(p.ocid)) continue;
      const t = map.get(key) ?? { key, id: s.id, name: s.name, locality: s.locality, contracts: 0, processes: 0, publishers: [], ocids: new Set<string>(), pubs: new Set<string>() };
      if (t.identifier === undefined && s.identifier !== undefined) { t.identifier = s.identifier; t.scheme = s.scheme; }
      t.ocids.add(p.ocid);
      t.pubs.add(p.publisherName);
      map.set(key, t);
    }
  }
  return [...map.values()]
    .map(({ ocids, pubs, ...t }) => ({ ...t, processes: ocids.size, publishers: [...pubs].sort() }))
    .sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.name.localeCompare(b.name, 'es-MX'));
}

/** How many contractors supplierTotals() lists, without adding up their amounts (Inicio's counter): every one is an award supplier of some process. */
export function supplierCount(processes: ProcessRow[]): number {
  const all = new Set<string>();
  for (const p of processes) for (const s of p.suppliers) all.add(supplierKey(s));
  return all.size;
}

/** Distinct bidders of the processes (their party ids, names when they have none). */
export function bidderCount(processes: ProcessRow[]): number {
  const all = new Set<string>();
  for (const p of processes) for (const b of p.bidders ?? []) all.add(b);
  return all.size;
}
