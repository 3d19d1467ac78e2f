/**
 * The RFC a party is known by, written one way, so that the same company is one contractor however each implementer
 * keys it. A party's `id` is only its document's own key: the examples and the capture template write «MX-RFC-{RFC}»,
 * real publications a hash per implementer (or per process), so two implementers paying the same company name it
 * with two ids — and a journalist following the company saw two contractors, each with part of its contracts. Its
 * `identifier` under the RFC scheme (MX-RFC, or «RFC» as Nuevo León writes it) is what identifies it across them.
 */
import { isGenericRfc, isRfcSchemeSpelling } from '../checks/rfc';

/** Spaces, hyphens and dots typed inside an RFC («CCN-050314-H72», «CCN 050314 H72»): not part of it. */
const SEPARATORS = /[\s.\-_]/g;
/** The shape of an RFC with or without homoclave: 3 letters (company) or 4 (person), the date, then up to 3 characters. */
const RFC_SHAPE = /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{0,3}$/;

/** `text` as an RFC is compared: capitals, no separators; undefined when it is not shaped like one. */
export function normalRfc(text: string): string | undefined {
  const rfc = text.normalize('NFC').toUpperCase().replace(SEPARATORS, '');
  return RFC_SHAPE.test(rfc) ? rfc : undefined;
}

export interface PartyIdentity { id: string; identifier?: string; scheme?: string }

/**
 * The party's RFC, normalised: its `identifier` when published under the RFC scheme (or with no scheme and shaped like
 * an RFC), else what follows «MX-RFC-» in its id. Undefined for another register's clave, for no RFC, and for SAT's
 * generic RFCs (XAXX010101000, «público en general», and XEXX010101000, foreign residents): many unrelated
 * suppliers share those, so they identify nobody.
 */
export function partyRfc(party: PartyIdentity): string | undefined {
  let rfc: string | undefined;
  if (party.identifier !== undefined && (!party.scheme || party.scheme.toUpperCase() === 'MX-RFC' || isRfcSchemeSpelling(party.scheme))) rfc = normalRfc(party.identifier);
  else if (party.identifier === undefined && /^MX-RFC-/i.test(party.id)) rfc = normalRfc(party.id.slice('MX-RFC-'.length));
  return rfc === undefined || isGenericRfc(rfc) ? undefined : rfc;
}

/**
 * Whether the party is identified only by one of SAT's generic RFCs (in its identifier or its «MX-RFC-» id): many
 * unrelated suppliers share it, so neither the RFC nor an id built from it tells them apart.
 */
export function hasGenericRfc(party: PartyIdentity): boolean {
  const spelled = party.identifier ?? (/^MX-RFC-/i.test(party.id) ? party.id.slice('MX-RFC-'.length) : undefined);
  const rfc = spelled === undefined ? undefined : normalRfc(spelled);
  return isGenericRfc(rfc);
}
