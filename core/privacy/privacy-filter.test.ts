import { isNaturalPerson, processFilter, publicView, WITHHELD_FIELDS } from './privacy-filter';

const personal = {
  address: { streetAddress: 'Calle 47 No. 512', postalCode: '97000' },
  contactPoint: { name: 'Lucía Pech', email: 'lucia@example.mx', telephone: '+52 999 000 0000' },
  additionalContactPoints: [{ name: 'Casa', telephone: '+52 999 111 1111' }],
  memberOf: [{ id: 'MX-RFC-ABC010101AB1', name: 'Colegio de Arquitectos' }],
  position: 'Perito',
};
const person = (roles: string[], identifier: Record<string, unknown> = { scheme: 'MX-RFC', id: 'PECL850312HB1' }) => ({ id: `MX-RFC-${String(identifier.id)}`, name: 'Lucía Pech Canul', roles, identifier, ...personal });

describe('privacy filter (R-26)', () => {
  it('withholds address, contact points, memberOf and position of natural persons outside the public roles', () => {
    const release = { ocid: 'ocds-x', parties: [person(['payee']), person(['interestedParty', 'guarantor'])] };
    const out = publicView(release);
    for (const party of out.parties) {
      for (const field of WITHHELD_FIELDS) expect(party).not.toHaveProperty(field);
      expect(party).toMatchObject({ name: 'Lucía Pech Canul', identifier: { id: 'PECL850312HB1' } });
    }
    // The input (the coordinators' snapshot) is untouched.
    expect(release.parties[0].address).toEqual(personal.address);
  });

  it('keeps them for tenderers, suppliers, quote issuers and officials, and for companies', () => {
    for (const role of ['tenderer', 'supplier', 'issuingSupplier', 'official']) {
      const release = { parties: [person(['payee', role])] };
      expect(publicView(release)).toBe(release);
    }
    const company = { parties: [{ ...person(['payee'], { scheme: 'MX-RFC', id: 'CPX090217U62' }) }] };
    expect(publicView(company)).toBe(company);
  });

  it('tells people by the declared personality first, then by the 13-character RFC (OC4IDS has no personality)', () => {
    expect(isNaturalPerson({ identifier: { legalPersonality: 'naturalPerson', scheme: 'OTHER', id: 'x' } })).toBe(true);
    expect(isNaturalPerson({ identifier: { legalPersonality: 'legalPerson', scheme: 'MX-RFC', id: 'PECL850312HB1' } })).toBe(false);
    expect(isNaturalPerson({ id: 'MX-RFC-PECL850312HB1', identifier: { scheme: 'MX-RFC', legalName: 'Lucía Pech Canul' } })).toBe(true);
    expect(isNaturalPerson({ id: 'MX-RFC-CPX090217U62' })).toBe(false);
    const project = { id: 'oc4ids-x-1', parties: [{ id: 'MX-RFC-PECL850312HB1', name: 'Lucía Pech Canul', roles: ['funder'], ...personal }] };
    expect(publicView(project).parties[0]).toEqual({ id: 'MX-RFC-PECL850312HB1', name: 'Lucía Pech Canul', roles: ['funder'] });
  });

  // `history` publishes the releases of earlier systems as they were written, through this filter: a person whose
  // capture tool named things its own way kept the address and telephone the program withholds.
  it("knows the earlier systems' spellings that history publishes as they were: the INAI's juridicalPersonhood, Nuevo León's RFC scheme and RFC-… ids", () => {
    const inai = { id: 'MX-RFC-Sin_Dato_004', name: 'Lucía Pech Canul', roles: ['payee'], identifier: { scheme: 'MX-RFC', id: 'Sin_Dato_004', juridicalPersonhood: 'naturalPerson' }, ...personal };
    const nuevoLeon = { id: 'RFC-PECL850312HB1', name: 'Lucía Pech Canul', roles: ['payee'], identifier: { scheme: 'RFC', id: 'PECL850312HB1', legalName: 'REGISTRO FEDERAL DE CONTRIBUYENTES' }, ...personal };
    const byIdOnly = { id: 'RFC-PECL850312HB1', name: 'Lucía Pech Canul', roles: ['payee'], ...personal };
    for (const party of [inai, nuevoLeon, byIdOnly]) {
      expect(isNaturalPerson(party)).toBe(true);
      expect(publicView({ parties: [party] }).parties[0]).toEqual({ id: party.id, name: party.name, roles: ['payee'], ...('identifier' in party ? { identifier: party.identifier } : {}) });
    }
    // Their companies (12 characters) and their tenderers keep everything.
    const company = { ...nuevoLeon, id: 'RFC-MTE110517KS6', identifier: { scheme: 'RFC', id: 'MTE110517KS6' } };
    expect(publicView({ parties: [company] }).parties[0]).toBe(company);
    const tenderer = { ...nuevoLeon, roles: ['tenderer'] };
    expect(publicView({ parties: [tenderer] }).parties[0]).toBe(tenderer);
    expect(isNaturalPerson({ identifier: { scheme: 'MX-RFC', id: 'PECL850312HB1', juridicalPersonhood: 'legalPerson' } })).toBe(false);
  });

  // Releases published elsewhere (`history`) are often partial: a later release names the party by its id alone with
  // what changed. The record merges it with the earlier identifier and roles, so its compiled release showed a person
  // (payee) with a home address and telephone. And an OCDS 1.0-style reference carries its own address.
  it('filters a partial release with what the earlier releases said of its parties, and references to a withheld party', () => {
    const first = { id: 'r1', parties: [{ id: 'P1', name: 'Lucía Pech Canul', roles: ['payee'], identifier: { scheme: 'MX-RFC', id: 'PECL850312HB1', legalPersonality: 'naturalPerson' } }] };
    const second = {
      id: 'r2',
      parties: [{ id: 'P1', address: personal.address, contactPoint: personal.contactPoint }],
      contracts: [{ id: 'c1', implementation: { transactions: [{ id: 't1', payee: { id: 'P1', name: 'Lucía Pech Canul', address: personal.address, contactPoint: personal.contactPoint } }] } }],
    };
    const filter = processFilter();
    expect(filter(first)).toBe(first);
    const view = filter(second);
    expect(view.parties[0]).toEqual({ id: 'P1' });
    expect(view.contracts[0].implementation.transactions[0].payee).toEqual({ id: 'P1', name: 'Lucía Pech Canul' });
    // From a stored record's compiled release, as a publication extends it; a later supplier role makes it public.
    expect(processFilter(first)(second).parties[0]).toEqual({ id: 'P1' });
    const supplier = { id: 'r3', parties: [{ id: 'P1', roles: ['supplier'], address: personal.address }] };
    expect(processFilter(first)(supplier)).toBe(supplier);
    // A reference alone, to a person an earlier release listed.
    const payment = { id: 'r4', contracts: second.contracts };
    expect(JSON.stringify(processFilter(first)(payment))).not.toContain('Calle 47');
  });
});
