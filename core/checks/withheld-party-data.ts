/**
 * The official is told what the privacy filter (core/privacy, R-26) will withhold: a natural person outside the
 * roles whose contact data is public keeps its name, identifier and roles, but its address, contact points, memberOf
 * and position are not published. Typed in the sheet and sent, they vanished from the publication with nobody told —
 * the official thought them published, the coordinator did not know them withheld. `privacy.withheldPartyData`
 * (info), once per party, on the first withheld field's cell.
 */
import { withheldFieldsOf } from '../privacy/privacy-filter';
import { forEachParty } from './json';
import type { Check } from './types';

export const withheldPartyData: Check = ({ releases, projects, report }) => {
  forEachParty([...releases, ...projects], (party, at) => {
    const fields = withheldFieldsOf(party);
    if (fields.length === 0) return;
    const name = typeof party.name === 'string' ? party.name : typeof party.id === 'string' ? party.id : '';
    report('privacy.withheldPartyData', 'info', at(fields[0]), { value: name });
  });
};
