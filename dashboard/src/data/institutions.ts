/**
 * Public institutions: the `publicAuthority` of projects and the `buyer` of processes, one per party id (or name
 * when it has none). An institution's processes are those it bought plus those of its projects; its amounts are
 * what those processes contracted and paid. An amount none of them publishes is undefined («Sin dato»), not 0: a
 * buyer with no projects has no budget of its own, where $0 read as a project budgeted at nothing.
 */
import type { Party, ProcessRow, ProjectRow } from './rows';

export interface InstitutionTotal {
  key: string;
  id: string;
  name: string;
  /** Its identifier as published (the RFC), when given, and that identifier's scheme (MX-RFC, or another register's). */
  identifier?: string;
  scheme?: string;
  projects: ProjectRow[];
  processes: ProcessRow[];
  contracted?: number;
  paid?: number;
  budget?: number;
  publishers: string[];
}

export const institutionKey = (p: Party): string => p.id || `nombre:${p.name}`;

/** How many institutions institutionTotals() lists, without building their lists (Inicio's counter). */
export function institutionCount(projects: ProjectRow[], processes: ProcessRow[]): number {
  const all = new Set<string>();
  for (const p of projects) if (p.authority) all.add(institutionKey(p.authority));
  for (const r of processes) if (r.buyer) all.add(institutionKey(r.buyer));
  return all.size;
}

/** A sum that stays undefined until some term is published. */
const plus = (sum: number | undefined, v: number | undefined): number | undefined => (v === undefined ? sum : (sum ?? 0) + v);

export function institutionTotals(projects: ProjectRow[], processes: ProcessRow[]): InstitutionTotal[] {
  const map = new Map<string, InstitutionTotal & { ocids: Set<string>; pubs: Set<string> }>();
  const get = (p: Party): InstitutionTotal & { ocids: Set<string>; pubs: Set<string> } => {
    const key = institutionKey(p);
    let t = map.get(key);
    if (!t) map.set(key, (t = { key, id: p.id, name: p.name, projects: [], processes: [], publishers: [], ocids: new Set(), pubs: new Set() }));
    // Its identifier and that identifier's scheme, together (the first party that gives one).
    if (t.identifier === undefined && p.identifier !== undefined) { t.identifier = p.identifier; t.scheme = p.scheme; }
    return t;
  };
  const byOcid = new Map(processes.map((r) => [r.ocid, r]));
  const add = (t: InstitutionTotal & { ocids: Set<string> }, r: ProcessRow | undefined): void => {
    if (!r || t.ocids.has(r.ocid)) return;
    t.ocids.add(r.ocid);
    t.processes.push(r);
    t.contracted = plus(t.contracted, r.contracted);
    t.paid = plus(t.paid, r.paid);
  };
  for (const p of projects) {
    if (!p.authority) continue;
    const t = get(p.authority);
    t.projects.push(p);
    t.budget = plus(t.budget, p.budget);
    t.pubs.add(p.publisherName);
    for (const o of p.ocids) add(t, byOcid.get(o));
  }
  for (const r of processes) {
    if (!r.buyer) continue;
    const t = get(r.buyer);
    t.pubs.add(r.publisherName);
    add(t, r);
  }
  const round = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n * 100) / 100);
  return [...map.values()]
    .map(({ ocids, pubs, ...t }) => ({ ...t, contracted: round(t.contracted), paid: round(t.paid), budget: round(t.budget), publishers: [...pubs].sort() }))
    // Without a contracted amount, after those with one (even $0).
    .sort((a, b) => (b.contracted ?? -1) - (a.contracted ?? -1) || a.name.localeCompare(b.name, 'es-MX'));
}
