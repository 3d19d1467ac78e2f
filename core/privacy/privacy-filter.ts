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
 * parties have no `legalPersonality`, so the RFC decides there. Releases published before in other systems
 * (`infra-abierta history`) are filtered as they were written, so the spellings of those systems count too: the
 * INAI's capture tool declares `juridicalPersonhood`, Nuevo León's identifies by the scheme `RFC` and ids `RFC-…`
 * (`import` upgrades the first; a filter that knew only EDCA-MX's names published those people's addresses).
 */
import { cloneJson, isObject } from '../json/json-values';

/** Roles whose personal contact data is public. */
export const PUBLIC_ROLES: ReadonlySet<string> = new Set(['tenderer', 'supplier', 'issuingSupplier', 'official']);
/** What is withheld from the other natural persons. */
export const WITHHELD_FIELDS = ['address', 'contactPoint', 'additionalContactPoints', 'memberOf', 'position'] as const;
/** Bumped when the filter changes: publications hash it, so data published under an older filter is republished. */
export const PRIVACY_FILTER_VERSION = 'r26-2';

type Json = Record<string, unknown>;

/** Schemes that name the RFC: EDCA-MX's, and the `RFC` of Nuevo León's capture tool. */
const RFC_SCHEMES: ReadonlySet<string> = new Set(['MX-RFC', 'RFC']);
/** A party id made of the RFC: `MX-RFC-…`, or `RFC-…` (Nuevo León). */
const RFC_PARTY_ID = /^(?:MX-)?RFC-/i;

/** An RFC from the identifier, or from the party id. */
function rfcOf(party: Json): string | undefined {
  const identifier = isObject(party.identifier) ? party.identifier : undefined;
  if (identifier && typeof identifier.scheme === 'string' && RFC_SCHEMES.has(identifier.scheme.trim().toUpperCase()) && typeof identifier.id === 'string') return identifier.id.trim();
  if (typeof party.id === 'string' && RFC_PARTY_ID.test(party.id)) return party.id.replace(RFC_PARTY_ID, '').trim();
  return undefined;
}

export function isNaturalPerson(party: Json): boolean {
  const identifier = isObject(party.identifier) ? party.identifier : undefined;
  // `juridicalPersonhood`: the INAI capture tool's name for it, in the releases `history` publishes as they were.
  const declared = identifier?.legalPersonality ?? identifier?.juridicalPersonhood;
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
