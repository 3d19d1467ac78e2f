/**
 * The official is told what the privacy filter (core/privacy, R-26) will withhold: a natural person outside the
 * roles whose contact data is public keeps its name, identifier and roles, but its address, contact points, memberOf
 * and position are not published. Typed in the sheet and sent, they vanished from the publication with nobody told —
 * the official thought them published, the coordinator did not know them withheld. `privacy.withheldPartyData`
 * (info), once per party, on the first withheld field's cell.
 */
import { withheldFieldsOf } from '../privacy/privacy-filter';
import { isArray, isObject } from '../json/json-values';
import type { Check } from './types';

export const withheldPartyData: Check = ({ releases, projects, report }) => {
  for (const { data, pointer } of [...releases, ...projects]) {
    const parties = data.parties;
    if (!isArray(parties)) continue;
    for (let i = 0; i < parties.length; i++) {
      const party = parties[i];
      if (!isObject(party)) continue;
      const fields = withheldFieldsOf(party);
      if (fields.length === 0) continue;
      const name = typeof party.name === 'string' ? party.name : typeof party.id === 'string' ? party.id : '';
      report('privacy.withheldPartyData', 'info', `${pointer}/parties/${i}/${fields[0]}`, { value: name });
    }
  }
};
