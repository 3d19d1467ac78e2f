/** Parties of the examples: ids from the RFC (EDCA-MX rule R-04: `MX-RFC-{RFC}`) and the roles each one plays. */
import { makeRfc } from './rfc';
import type { Json, Org, PersonName } from './types';

export const RFC_SCHEME = 'MX-RFC';

export function partyId(org: Org): string {
  return `${RFC_SCHEME}-${org.rfc}`;
}

/** OrganizationReference: what buyer, suppliers, payer… carry; the full entry lives in `parties`. */
export function orgRef(org: Org): { id: string; name: string } {
  return { id: partyId(org), name: org.name };
}

/** Collects every organisation a document mentions, with the union of its roles, in first-mention order. */
export class PartyRoles {
  private readonly entries = new Map<string, { org: Org; roles: string[] }>();

  add(org: Org, ...roles: string[]): { id: string; name: string } {
    const entry = this.entries.get(org.rfc) ?? { org, roles: [] };
    for (const role of roles) if (!entry.roles.includes(role)) entry.roles.push(role);
    this.entries.set(org.rfc, entry);
    return orgRef(org);
  }

  /** EDCA-MX parties: personas físicas carry their name parts (nameBreakdown extension, R-22). */
  toOcds(): Json[] {
    return [...this.entries.values()].map(({ org, roles }) => ({
      id: partyId(org),
      name: org.name,
      identifier: org.person
        ? { scheme: RFC_SCHEME, id: org.rfc, legalPersonality: 'naturalPerson', ...org.person }
        : { scheme: RFC_SCHEME, id: org.rfc, legalName: org.name, legalPersonality: 'legalPerson' },
      address: { ...org.address, countryName: 'México' },
      contactPoint: { ...org.contact },
      roles: [...roles],
    }));
  }

  /** OC4IDS parties: the Identifier has no name parts, so the legal name is the full name. */
  toOc4ids(): Json[] {
    return [...this.entries.values()].map(({ org, roles }) => ({
      id: partyId(org),
      name: org.name,
      identifier: { scheme: RFC_SCHEME, id: org.rfc, legalName: org.name },
      address: { ...org.address, countryName: 'México' },
      contactPoint: { ...org.contact },
      roles: [...roles],
    }));
  }
}

/** A persona moral: 3 letters from its name, incorporation date (YYMMDD), two homoclave characters. */
export function company(letters: string, yymmdd: string, homoclave: string, name: string, address: Org['address'], contact: Org['contact']): Org {
  return { rfc: makeRfc(letters, yymmdd, homoclave), name, address, contact };
}

/** A persona física: 4 letters from the names, birth date (YYMMDD), two homoclave characters. */
export function person(letters: string, yymmdd: string, homoclave: string, names: PersonName, address: Org['address'], contact: Org['contact']): Org {
  const name = `${names.givenName} ${names.patronymicName} ${names.matronymicName}`;
  return { rfc: makeRfc(letters, yymmdd, homoclave), name, person: names, address, contact };
}
