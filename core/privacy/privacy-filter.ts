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
 *
 * The releases of one process are filtered in order, each knowing what the earlier ones said of its parties
 * (`processFilter`): a release published elsewhere may name a party by its id alone, with only what changed — its
 * address and contact point, without the identifier that says it is a person or the roles — and the record merges it
 * with the earlier releases' identifier and roles by id (OCDS merge), so the compiled release showed a natural
 * person's home address and telephone. The deprecated address and contact point an OCDS 1.0-style organization
 * reference may carry (a transaction's payee, a guarantor) are withheld with their party's.
 */
import { cloneJson, isObject } from '../json/json-values';

/** Roles whose personal contact data is public. */
export const PUBLIC_ROLES: ReadonlySet<string> = new Set(['tenderer', 'supplier', 'issuingSupplier', 'official']);
/** What is withheld from the other natural persons. */
export const WITHHELD_FIELDS = ['address', 'contactPoint', 'additionalContactPoints', 'memberOf', 'position'] as const;
/** Bumped when the filter changes: publications hash it, so data published under an older filter is republished. */
export const PRIVACY_FILTER_VERSION = 'r26-3';

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

function hasPublicRole(roles: unknown): boolean {
  return Array.isArray(roles) && roles.some((role) => typeof role === 'string' && PUBLIC_ROLES.has(role));
}

/** R-26: a natural person (told by `party`'s identifier or id) whose `roles` are none of the public ones. */
function withholds(party: Json, roles: unknown): boolean {
  return isNaturalPerson(party) && !hasPublicRole(roles);
}

/**
 * The fields of `party` the filter withholds, standing alone (a release without earlier ones, a project): told to
 * the official before sending (core/checks/withheld-party-data.ts), as the public will not see them.
 */
export function withheldFieldsOf(party: Json): string[] {
  if (!withholds(party, party.roles)) return [];
  return WITHHELD_FIELDS.filter((field) => party[field] !== undefined);
}

/** What earlier releases of a process said of a party: its identifier (merged field by field) and its latest roles. */
interface KnownParty { identifier?: Json; roles?: unknown }
type KnownParties = Map<string, KnownParty>;

/** The party as the record reads it: its identifier over the earlier ones', its roles or else the earlier ones. */
function merged(party: Json, known: KnownParty | undefined): KnownParty {
  const own = isObject(party.identifier) ? party.identifier : undefined;
  return {
    identifier: known?.identifier && own ? { ...known.identifier, ...own } : own ?? known?.identifier,
    roles: Array.isArray(party.roles) ? party.roles : known?.roles,
  };
}

const NO_ID = '\u0000';

/** The ids of the parties whose data is withheld in `doc`, told with what the earlier releases said (`known`). */
function withheldIds(doc: Json, known: KnownParties | undefined): Set<string> {
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const party of Array.isArray(doc.parties) ? doc.parties : []) {
    if (!isObject(party)) continue;
    const id = typeof party.id === 'string' ? party.id : undefined;
    if (id !== undefined) seen.add(id);
    const { identifier, roles } = merged(party, id === undefined ? undefined : known?.get(id));
    // A party without an id (invalid, but written) counts by itself: NO_ID says there is one to withhold.
    if (withholds({ id: party.id, identifier }, roles)) ids.add(id ?? NO_ID);
  }
  // A party this release does not list, referred to by id (a transaction's payee): as the earlier releases said.
  if (known) for (const [id, party] of known) if (!seen.has(id) && withholds({ id, identifier: party.identifier }, party.roles)) ids.add(id);
  return ids;
}

/**
 * Deletes (or, without `remove`, only finds) the withheld fields of the parties named in `ids` and of the organization
 * references to them elsewhere in the document. True when there was something to withhold.
 */
function strip(doc: Json, ids: Set<string>, remove: boolean): boolean {
  let found = false;
  const clear = (object: Json): void => {
    for (const field of WITHHELD_FIELDS) {
      if (object[field] === undefined) continue;
      found = true;
      if (remove) delete object[field];
    }
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) { for (const item of value) walk(item); return; }
    if (!isObject(value)) return;
    if (typeof value.id === 'string' && ids.has(value.id)) clear(value);
    for (const key in value) if (typeof value[key] === 'object') walk(value[key]);
  };
  for (const party of Array.isArray(doc.parties) ? doc.parties : []) {
    if (!isObject(party)) continue;
    if (typeof party.id === 'string' ? ids.has(party.id) : withheldFieldsOf(party).length > 0) clear(party);
  }
  for (const key in doc) if (key !== 'parties' && typeof doc[key] === 'object') walk(doc[key]);
  return found;
}

function filtered<T extends Json>(doc: T, known: KnownParties | undefined): T {
  const ids = withheldIds(doc, known);
  if (ids.size === 0 || !strip(doc, ids, false)) return doc;
  const copy = cloneJson(doc) as Json;
  strip(copy, ids, true);
  return copy as T;
}

/**
 * The document (OCDS release or OC4IDS project) as the public may see it. Returns the same object when nothing is
 * withheld, a filtered copy otherwise (the input is never changed).
 */
export function publicView<T extends Json>(doc: T): T {
  return filtered(doc, undefined);
}

/**
 * The releases of one process as the public may see them, given in the order they are merged: each filtered with what
 * the earlier ones (or `earlier`, the compiled release of the releases before, as a stored record holds it — its
 * parties keep their identifiers and roles) said of its parties. Each call returns the release's public view, as
 * publicView does.
 */
export function processFilter(earlier?: Json): <T extends Json>(release: T) => T {
  const known: KnownParties = new Map();
  const remember = (doc: Json): void => {
    for (const party of Array.isArray(doc.parties) ? doc.parties : []) {
      if (!isObject(party) || typeof party.id !== 'string') continue;
      known.set(party.id, merged(party, known.get(party.id)));
    }
  };
  if (earlier) remember(earlier);
  return <T extends Json>(release: T): T => {
    const view = filtered(release, known.size > 0 ? known : undefined);
    remember(release);
    return view;
  };
}
