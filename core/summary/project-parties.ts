/**
 * OC4IDS organization references must resolve to the project's `parties` (with the matching role). For each
 * reference in the summaries, the party with that id gains the role if it lacks it; a missing party is added,
 * copied from the linked OCDS release's party of the same id (mapping: "copy each object to the parties array")
 * pruned to the fields OC4IDS defines, or else from the reference itself. References without an id cannot
 * resolve and are left alone.
 */
import { PROFILES } from '../profile/profiles';
import { cloneJson, isObject, type JsonObject } from '../json/json-values';
import { obj, objects, str } from './json-access';

/** Where the references live in a summary, and the role each one implies (OC4IDS partyRole codelist). */
const REFERENCE_ROLES: readonly { refs: (s: JsonObject) => unknown[]; role: string }[] = [
  { refs: (s) => [obj(s.tender)?.procuringEntity], role: 'procuringEntity' },
  { refs: (s) => [obj(s.tender)?.administrativeEntity], role: 'administrativeEntity' },
  { refs: (s) => objects(obj(s.tender)?.tenderers), role: 'tenderer' },
  { refs: (s) => objects(s.suppliers), role: 'supplier' },
  { refs: (s) => objects(s.transactions).map((t) => t.payer), role: 'payer' },
  { refs: (s) => objects(s.transactions).map((t) => t.payee), role: 'payee' },
];

/**
 * Keeps only the fields the OC4IDS profile defines under `path`. An object left with nothing is dropped: a supplier's
 * contact point given only as EDCA-MX's split names (givenName, patronymicName…, which OC4IDS lacks) became
 * `contactPoint: {}`, which OC4IDS 0.9.5 refuses (ContactPoint has minProperties 1): the project package was invalid.
 */
function prune(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v) => prune(v, path));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = `${path}/${k}`;
    if (!PROFILES.oc4ids.fields[sub]) continue;
    const kept = prune(v, sub);
    if (isObject(kept) && !Object.keys(kept).length) continue;
    out[k] = kept;
  }
  return out;
}

export interface SummarySource {
  summary: JsonObject;
  /** The compiled OCDS release the summary came from, when there is one (for full party details). */
  release?: JsonObject;
}

export function resolveParties(parties: readonly JsonObject[], sources: readonly SummarySource[]): JsonObject[] {
  const out = parties.map(cloneJson);
  const byId = new Map<string, JsonObject>();
  for (const p of out) { const id = str(p.id); if (id && !byId.has(id)) byId.set(id, p); }
  for (const { summary, release } of sources) {
    for (const { refs, role } of REFERENCE_ROLES) {
      for (const ref of refs(summary).map(obj)) {
        const id = str(ref?.id);
        if (!ref || !id) continue;
        let party = byId.get(id);
        if (!party) {
          const ocds = objects(release?.parties).find((p) => str(p.id) === id || p.id === Number(id));
          party = ocds ? (prune(cloneJson(ocds), 'parties') as JsonObject) : { ...ref };
          party.id = id;
          if (!str(party.name) && str(ref.name)) party.name = ref.name;
          party.roles = [];
          out.push(party);
          byId.set(id, party);
        }
        const roles = Array.isArray(party.roles) ? (party.roles as unknown[]) : (party.roles = []);
        if (!roles.includes(role)) roles.push(role);
      }
    }
  }
  return out;
}
