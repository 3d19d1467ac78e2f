/**
 * The program's privacy filter (rules.md R-26): personal data of natural persons (personas físicas) is not published
 * unless the person takes part in the procedure in a role whose contact data the law makes public — tenderer,
 * supplier, quote issuer (issuingSupplier) or public official. For everyone else the address, contact point,
 * additional contact points, memberOf and position are withheld; their name, identifier and roles stay (the public
 * still sees who took part).
 *
 * Applied once, when a publication is written (functions/src/publication/publish.ts), to every release (earlier
 * ones carried over too), so records, the API, the bulk files, the dashboard index and the stats all derive from
 * filtered data. Coordinators review the submitted snapshot, which is never filtered.
 *
 * A party is a natural person when its identifier says so (`legalPersonality: naturalPerson`, nameBreakdown
 * extension) or, without that, when its RFC has 13 characters (SAT issues 13 to people, 12 to companies); OC4IDS
 * parties have no `legalPersonality`, so the RFC decides there.
 */
import { cloneJson, isObject } from '../json/json-values';

/** Roles whose personal contact data is public. */
export const PUBLIC_ROLES: ReadonlySet<string> = new Set(['tenderer', 'supplier', 'issuingSupplier', 'official']);
/** What is withheld from the other natural persons. */
export const WITHHELD_FIELDS = ['address', 'contactPoint', 'additionalContactPoints', 'memberOf', 'position'] as const;
/** Bumped when the filter changes: publications hash it, so data published under an older filter is republished. */
export const PRIVACY_FILTER_VERSION = 'r26-1';

type Json = Record<string, unknown>;

/** An RFC from the identifier, or from an `MX-RFC-…` party id. */
function rfcOf(party: Json): string | undefined {
  const identifier = isObject(party.identifier) ? party.identifier : undefined;
  if (identifier && identifier.scheme === 'MX-RFC' && typeof identifier.id === 'string') return identifier.id.trim();
  if (typeof party.id === 'string' && party.id.startsWith('MX-RFC-')) return party.id.slice('MX-RFC-'.length).trim();
  return undefined;
}

export function isNaturalPerson(party: Json): boolean {
  const identifier = isObject(party.identifier) ? party.identifier : undefined;
  const declared = identifier?.legalPersonality;
  if (declared === 'naturalPerson') return true;
  if (declared === 'legalPerson') return false;
  return rfcOf(party)?.length === 13;
}

function mustWithhold(party: Json): boolean {
  if (!isNaturalPerson(party)) return false;
  const roles = Array.isArray(party.roles) ? party.roles : [];
  return !roles.some((role) => typeof role === 'string' && PUBLIC_ROLES.has(role));
}

/** True when the document has a party whose data the filter removes. */
function needsFilter(doc: Json): boolean {
  return Array.isArray(doc.parties) && doc.parties.some((p) => isObject(p) && mustWithhold(p) && WITHHELD_FIELDS.some((f) => p[f] !== undefined));
}

/**
 * The document (OCDS release or OC4IDS project) as the public may see it. Returns the same object when nothing is
 * withheld, a filtered copy otherwise (the input is never changed).
 */
export function publicView<T extends Json>(doc: T): T {
  if (!needsFilter(doc)) return doc;
  const copy = cloneJson(doc) as Json;
  for (const party of copy.parties as unknown[]) {
    if (!isObject(party) || !mustWithhold(party)) continue;
    for (const field of WITHHELD_FIELDS) delete party[field];
  }
  return copy as T;
}
