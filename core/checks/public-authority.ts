/**
 * An OC4IDS project has one public authority (OC4IDS 0.9 `publicAuthority` is a single OrganizationReference;
 * the capture tool refused a second party with that role, rules.md R-21). Every party after the first holding
 * the role gets `project.publicAuthorityMultiple` (error) on its roles.
 */
import { itemsAt, stringAt } from './json';
import type { Check } from './types';

export const publicAuthority: Check = ({ projects, report }) => {
  for (const { data, pointer } of projects) {
    let first: string | undefined;
    for (const { item: party, pointer: p } of itemsAt(data, 'parties', pointer)) {
      if (!Array.isArray(party.roles) || !party.roles.includes('publicAuthority')) continue;
      const name = stringAt(party, 'name') ?? stringAt(party, 'id') ?? '';
      if (first === undefined) first = name;
      else report('project.publicAuthorityMultiple', 'error', `${p}/roles`, { value: name, first });
    }
  }
};
