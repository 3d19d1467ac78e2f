/**
 * How EDCA-MX identifies a party (rules.md R-22; OCDS party identifier + the nameBreakdown extension): the scheme
 * is the RFC (`MX-RFC`); a legal person (persona moral) gives its registered name (`identifier.legalName`), a
 * natural person (persona física) gives name and first surname (`identifier.givenName`, `patronymicName`).
 * Which one a party is comes from `identifier.legalPersonality`, or else from the RFC's length (13 characters for
 * people, 12 for companies). Other schemes are warned, not refused: real state publications use their own supplier
 * registries, which OCDS allows. `party.schemeNotRfc` (warning; `party.schemeRfcSpelling` for the RFC's scheme written
 * otherwise, «RFC»), `party.legalNameMissing`,
 * `party.personNameMissing` (errors), `party.personalityMismatch` (warning).
 */
import { forEachParty, objectAt, stringAt } from './json';
import { isGenericRfc, isRfcSchemeSpelling } from './rfc';
import type { Check } from './types';

type Personality = 'naturalPerson' | 'legalPerson';

function personalityOfRfc(rfc: string | undefined): Personality | undefined {
  // A foreign company given XEXX010101000 (as party.schemeNotRfc advises) is not a person because of its 13 characters.
  if (isGenericRfc(rfc)) return undefined;
  const length = rfc?.trim().length;
  return length === 13 ? 'naturalPerson' : length === 12 ? 'legalPerson' : undefined;
}

export const partyIdentity: Check = ({ releases, report }) => {
  forEachParty(releases, (party, at) => {
    const identifier = objectAt(party, 'identifier');
    if (!identifier) return;
    const scheme = stringAt(identifier, 'scheme');
    const id = stringAt(identifier, 'id');
    // The RFC under another spelling of its scheme (Nuevo León publishes «RFC»): told plainly what to write, rather
    // than that parties are identified by their RFC — which this one is.
    if (scheme !== undefined && scheme !== 'MX-RFC') report(isRfcSchemeSpelling(scheme) ? 'party.schemeRfcSpelling' : 'party.schemeNotRfc', 'warning', at('identifier/scheme'), { value: scheme });
    const declared = stringAt(identifier, 'legalPersonality');
    const byRfc = scheme === 'MX-RFC' ? personalityOfRfc(id) : undefined;
    if ((declared === 'naturalPerson' || declared === 'legalPerson') && byRfc && declared !== byRfc) {
      report('party.personalityMismatch', 'warning', at('identifier/legalPersonality'), { value: declared, rfc: id ?? '' });
    }
    const personality = declared === 'naturalPerson' || declared === 'legalPerson' ? declared : byRfc;
    if (personality === 'legalPerson' && stringAt(identifier, 'legalName') === undefined) {
      report('party.legalNameMissing', 'error', at('identifier/legalName'), { value: stringAt(party, 'name') ?? id ?? '' });
    } else if (personality === 'naturalPerson') {
      const missing = stringAt(identifier, 'givenName') === undefined ? 'givenName' : stringAt(identifier, 'patronymicName') === undefined ? 'patronymicName' : undefined;
      if (missing) report('party.personNameMissing', 'error', at(`identifier/${missing}`), { value: stringAt(party, 'name') ?? id ?? '' });
    }
  });
};
