/** The slim index keeps what the dashboard reads, tolerates any missing field, and its figures are the API's. */
import { figuresOf } from './figures';
import { INDEX_VERSION, isCurrentIndex, processEntry, projectAuthority, projectEntry, publicationIndex } from './publication-index';
import { compactIndex, DETAIL_COLUMNS, expandIndex } from './compact-index';
import { deriveProjectSummaries } from '../summary';

const record = {
  ocid: 'ocds-abc123-1',
  compiledRelease: {
    ocid: 'ocds-abc123-1', date: '2025-07-01T10:00:00-06:00',
    tender: { id: 'LO-831050999-E1-2024', title: 'Pavimentación', procurementMethod: 'open', mainProcurementCategory: 'works', numberOfTenderers: 3, tenderers: [{ id: 'MX-RFC-AAA010101AAA', name: 'Constructora A' }, { name: 'Constructora B' }] },
    buyer: { id: 'MX-RFC-MUN010101AAA', name: 'Municipio' },
    parties: [{ id: 'MX-RFC-AAA010101AAA', name: 'Constructora A', address: { locality: 'Mérida' } }],
    awards: [{ id: 'a1', suppliers: [{ id: 'MX-RFC-AAA010101AAA', name: 'Constructora A' }] }, { id: 'a2', suppliers: [{ name: 'Constructora B' }] }],
    contracts: [
      { id: 'c1', awardID: 'a1', dateSigned: '2024-03-01T00:00:00Z', value: { amount: 100.1, currency: 'MXN' }, implementation: { status: 'ongoing', transactions: [{ value: { amount: 40 } }, { value: { amount: 5, currency: 'USD' } }] } },
      { id: 'c2', awardID: 'a2', value: { amount: 50.2 } },
    ],
  },
};
const project = {
  id: 'oc4ids-abc123-P1', title: 'Calle', status: 'implementation', type: 'construction', sector: ['transport.road'],
  budget: { amount: { amount: 300, currency: 'MXN' } }, completion: { finalValue: { amount: 9, currency: 'USD' } },
  period: { startDate: '2023-05-01', endDate: '2025-01-31' }, updated: '2024-06-01T00:00:00Z',
  publicAuthority: { id: 'MX-RFC-MUN010101AAA', name: 'Municipio' },
  locations: [{ description: 'sin punto' }, { address: { locality: 'Progreso' },  geometry: { type: 'LineString', coordinates: [[-89.6, 20.9], [-89.5, 21]] } }],
  metrics: [{ id: 'physicalProgress', observations: [{ period: { endDate: '2024-06-01' }, measure: '60' }, { period: { endDate: '2024-01-01' }, measure: 10 }] }],
  contractingProcesses: [{ id: 'ocds-abc123-1', summary: { contractValue: { amount: 150.3, currency: 'MXN' } } }],
};

describe('publication index', () => {
  it('keeps the fields the dashboard reads', () => {
    const { projects, processes, parties } = publicationIndex([record], [project]);
    expect(parties).toEqual([{ id: 'MX-RFC-MUN010101AAA', name: 'Municipio' }, { id: 'MX-RFC-AAA010101AAA', name: 'Constructora A' }, { id: '', name: 'Constructora B' }]);
    expect(projects[0]).toEqual({
      id: 'oc4ids-abc123-P1', title: 'Calle', status: 'implementation', type: 'construction', sector: ['transport.road'], budget: 300, contracted: 150.3,
      paid: 40, physicalProgress: 60, start: '2023-05-01', end: '2025-01-31', updated: '2024-06-01T00:00:00Z', ocids: ['ocds-abc123-1'], location: [-89.6, 20.9], otherCurrency: 1,
      authority: 0, municipality: 'Progreso',
    });
    expect(processes[0]).toEqual({
      ocid: 'ocds-abc123-1', title: 'Pavimentación', method: 'open', category: 'works', tenderers: 3,
      suppliers: [{ id: 'MX-RFC-AAA010101AAA', name: 'Constructora A', locality: 'Mérida' }, { id: '', name: 'Constructora B' }],
      contracts: [{ value: 100.1, paid: 40, suppliers: [0] }, { value: 50.2, suppliers: [1] }], awards: [{ suppliers: [0] }, { suppliers: [1] }], contracted: 150.3, paid: 40, date: '2024-03-01T00:00:00Z',
      projectIds: ['oc4ids-abc123-P1'], otherCurrency: 1, stage: 'implementation', buyer: 0, bidders: [1, 2],
      numbers: ['LO-831050999-E1-2024', 'c1', 'c2'],
    });
  });

  it('keeps what each award in force gave its suppliers in MXN (none for a cancelled one, none and no other-currency count for dollars), and each contract\'s amendments', () => {
    const awarded = { ocid: 'ocds-abc123-4', compiledRelease: { awards: [
      { id: 'a1', status: 'active', value: { amount: 120, currency: 'MXN' }, suppliers: [{ id: 'MX-RFC-AAA010101AAA', name: 'Constructora A' }] },
      { id: 'a2', status: 'pending', value: { amount: 9, currency: 'USD' }, suppliers: [{ id: 'MX-RFC-AAA010101AAA', name: 'Constructora A' }, { name: 'Constructora B' }] },
      { id: 'a3', status: 'cancelled', value: { amount: 500 }, suppliers: [{ name: 'Constructora C' }] },
    ], contracts: [{ id: 'c1', awardID: 'a1', value: { amount: 120 }, amendments: [{ id: '1' }, { id: '2' }] }, { id: 'c2', awardID: 'a2' }] } };
    const e = processEntry(awarded);
    expect(e.suppliers.map((x) => x.name)).toEqual(['Constructora A', 'Constructora B', 'Constructora C']);
    expect(e.awards).toEqual([{ value: 120, suppliers: [0] }, { suppliers: [0, 1] }]);
    expect(e.otherCurrency).toBeUndefined();
    // And how many amendments each contract lists (none said when it lists none).
    expect(e.contracts).toEqual([{ value: 120, suppliers: [0], amendments: 2 }, { suppliers: [0, 1] }]);
    // Through the compact form the dashboard loads, unchanged.
    const answer = { publishers: [{ publisherId: 'p', name: 'P', state: 'Yucatán', publicationId: 'x', publishedAt: '2025-01-01', projects: [], processes: [e] }] };
    expect(expandIndex(compactIndex(answer)).publishers[0].processes[0]).toEqual(e);
  });

  it("names a contract published without its award by the parties with the role «supplier» (the federal CompraNet records), and only then", () => {
    // As ocds-07smqs-1386 publishes it: a contract, no award, its company only in `parties`.
    const compiledRelease = {
      parties: [{ id: '16B00', name: 'Comisión Nacional del Agua', roles: ['buyer'] }, { id: 'CIP981109IZ5', name: 'CH. INGENIERIA Y PROYECTOS  S.A. DE C.V.', roles: ['supplier'], identifier: { scheme: 'MX-RFC', id: 'CIP981109IZ5' } }],
      contracts: [{ id: '201716004425', awardID: '1501776', value: { amount: 885888.61, currency: 'MXN' } }],
    };
    const e = processEntry({ ocid: 'ocds-07smqs-1386', compiledRelease });
    expect(e.suppliers).toEqual([{ id: 'CIP981109IZ5', name: 'CH. INGENIERIA Y PROYECTOS  S.A. DE C.V.', identifier: 'CIP981109IZ5', scheme: 'MX-RFC' }]);
    expect(e.contracts).toEqual([{ value: 885888.61, suppliers: [0] }]);
    // An award that names its suppliers is what the contract's are, whatever else `parties` lists with that role.
    const awarded = processEntry({ ocid: 'o', compiledRelease: { ...compiledRelease, awards: [{ id: '1501776', suppliers: [{ id: 'X', name: 'Constructora X' }] }] } });
    expect(awarded.suppliers.map((s) => s.name)).toEqual(['Constructora X']);
    expect(awarded.contracts[0].suppliers).toEqual([0]);
  });

  it('lists the numbers of a process once each (an integer id as written, none that repeats the ocid), and says its version', () => {
    const numbered = { ocid: 'ocds-abc123-3', compiledRelease: { tender: { id: 'ocds-abc123-3' }, contracts: [{ id: 1807002 }, { id: 'A-014/2016' }, { id: 'A-014/2016' }, {}] } };
    const index = publicationIndex([numbered, { ocid: 'ocds-abc123-4', compiledRelease: {} }], []);
    expect(index.processes.map((p) => p.numbers)).toEqual([['1807002', 'A-014/2016'], undefined]);
    expect(index.version).toBe(INDEX_VERSION);
    expect(isCurrentIndex(index)).toBe(true);
    expect(isCurrentIndex({ projects: [], processes: [] })).toBe(false);
  });

  it("gives each party its identifier as published (real ids are hashes) and finds the buyer by its role when `buyer` is absent", () => {
    const hashed = { ocid: 'ocds-abc123-2', compiledRelease: {
      ocid: 'ocds-abc123-2',
      tender: { tenderers: [{ id: '940ac598', name: 'TIENDAS' }] },
      parties: [
        { id: '940ac598', name: 'TIENDAS', roles: ['tenderer', 'supplier'], identifier: { scheme: 'MX-RFC', id: 'TCM951030A17' } },
        { id: '16B00', name: 'Comisión Nacional del Agua', roles: ['buyer'], identifier: { scheme: 'MX-RFC', id: 'CNA890116SG3' } },
      ],
      awards: [{ id: 'a1', suppliers: [{ id: '940ac598', name: 'TIENDAS' }] }],
    } };
    const { processes, parties } = publicationIndex([hashed], [{ ...project, publicAuthority: { id: 'pa1', name: 'Municipio' }, parties: [{ id: 'pa1', name: 'Municipio', roles: ['publicAuthority'], identifier: { id: 'MUN010101AAA' } }] }]);
    expect(processes[0].suppliers).toEqual([{ id: '940ac598', name: 'TIENDAS', identifier: 'TCM951030A17', scheme: 'MX-RFC' }]);
    expect(parties?.[processes[0].buyer as number]).toEqual({ id: '16B00', name: 'Comisión Nacional del Agua', identifier: 'CNA890116SG3', scheme: 'MX-RFC' });
    expect(parties?.[(processes[0].bidders ?? [])[0]]).toMatchObject({ identifier: 'TCM951030A17' });
    expect(parties).toContainEqual({ id: 'pa1', name: 'Municipio', identifier: 'MUN010101AAA' });
  });

  it("counts a project's contracted amount as its processes do when they are all here: an award not yet signed is not contracted", () => {
    // The summary says 19.7 (OC4IDS maps contractValue from the awards); the process has an award and no contract.
    const awardOnly = { ocid: 'ocds-abc123-2', compiledRelease: { ocid: 'ocds-abc123-2', awards: [{ id: 'a1', value: { amount: 19.7, currency: 'MXN' } }] } };
    const linked = (ocid: string, amount: number) => ({ ...project, id: `oc4ids-abc123-${ocid}`, contractingProcesses: [{ id: ocid, summary: { contractValue: { amount, currency: 'MXN' } } }] });
    const { projects, processes } = publicationIndex([record, awardOnly], [linked('ocds-abc123-2', 19.7), linked('ocds-abc123-1', 150.3), linked('ocds-abc123-9', 42)]);
    expect(processes.map((p) => p.contracted)).toEqual([150.3, undefined]);
    expect(projects.map((p) => p.contracted)).toEqual([undefined, 150.3, 42]);
  });

  it("leaves a cancelled contract's value out, as the project's OC4IDS summary does, and still counts what was paid under it", () => {
    const compiledRelease = { ocid: 'ocds-abc123-5', awards: [{ id: 'a1', suppliers: [{ name: 'Constructora A' }] }], contracts: [
      { id: 'k1', awardID: 'a1', status: 'active', value: { amount: 100, currency: 'MXN' } },
      { id: 'k2', awardID: 'a1', status: 'cancelled', value: { amount: 1000, currency: 'MXN' }, implementation: { transactions: [{ value: { amount: 7, currency: 'MXN' } }] } },
    ] };
    const linked = { id: 'oc4ids-abc123-P5', contractingProcesses: [{ id: 'ocds-abc123-5' }] };
    const summarised = deriveProjectSummaries(linked, new Map([['ocds-abc123-5', compiledRelease]]));
    const index = publicationIndex([{ ocid: 'ocds-abc123-5', compiledRelease }], [summarised]);
    expect(index.processes[0]).toMatchObject({ contracted: 100, paid: 7, contracts: [{ value: 100 }, { paid: 7 }] });
    expect(index.processes[0].contracts[1].value).toBeUndefined();
    // The project's «Contratado» and its package's summary say the same.
    expect(index.projects[0].contracted).toBe(100);
    expect(projectEntry(summarised).contracted).toBe(100);
  });

  it('counts a contract published with only its amount with VAT (valueWithTax, as the SHCP publishes) by that amount, and says which part of the process is so', () => {
    const compiledRelease = { ocid: 'ocds-abc123-7', contracts: [
      { id: 'k1', status: 'active', valueWithTax: { amount: 885888.61, currency: 'MXN' } },
      // `value` is the amount the template asks for: with both, `valueWithTax` is not counted again.
      { id: 'k2', status: 'active', value: { amount: 100, currency: 'MXN' }, valueWithTax: { amount: 116, currency: 'MXN' } },
      { id: 'k3', status: 'cancelled', valueWithTax: { amount: 5000, currency: 'MXN' } },
      { id: 'k4', status: 'active', valueWithTax: { amount: 10, currency: 'USD' } },
    ] };
    const index = publicationIndex([{ ocid: 'ocds-abc123-7', compiledRelease }], []);
    expect(index.processes[0]).toMatchObject({ contracted: 885988.61, contractedWithTax: 885888.61, otherCurrency: 1 });
    expect(index.processes[0].contracts.map((k) => k.value)).toEqual([885888.61, 100, undefined, undefined]);
    // Through the columns the dashboard loads, and into the sums it shows.
    const answer = { publishers: [{ publisherId: 'p', name: 'P', state: 'S', publicationId: 'x', publishedAt: '2024-01-01T00:00:00Z', ...index }] };
    expect(expandIndex(compactIndex(answer)).publishers[0].processes[0].contractedWithTax).toBe(885888.61);
    const plain = processEntry({ ocid: 'o', compiledRelease: { contracts: [{ id: 'k', value: { amount: 3, currency: 'MXN' } }] } });
    expect(plain.contractedWithTax).toBeUndefined();
    expect(compactIndex({ publishers: [{ ...answer.publishers[0], processes: [plain] }] }).publishers[0].processes.contractedWithTax).toBeUndefined();
    expect(figuresOf([...index.processes, plain], [])).toMatchObject({ contractedMxn: 885991.61, contractedWithTaxMxn: 885888.61, processesWithTax: 1 });
    // What its contracts in force come to with VAT (k2 by its 116), for a project's financial progress, through the
    // core half Inicio is drawn from; absent where it is `contracted`.
    expect(index.processes[0].contractedInclTax).toBe(886004.61);
    expect(expandIndex(compactIndex(answer)).publishers[0].processes[0].contractedInclTax).toBe(886004.61);
    expect(DETAIL_COLUMNS.processes).not.toContain('contractedInclTax');
    expect(plain.contractedInclTax).toBeUndefined();
  });

  it('classifies each process by its most advanced stage', () => {
    const stage = (c: Record<string, unknown>): string | undefined => processEntry({ ocid: 'o', compiledRelease: c }).stage;
    expect(stage({})).toBe('planning');
    expect(stage({ tender: { status: 'active' } })).toBe('tender');
    expect(stage({ tender: { status: 'cancelled' } })).toBe('cancelled');
    // A tender only planned has not started.
    expect(stage({ tender: { status: 'planned' } })).toBe('planning');
    expect(stage({ tender: { status: 'planning' } })).toBe('planning');
    expect(stage({ tender: { status: 'complete' }, awards: [{ status: 'pending' }] })).toBe('award');
    // Declared void (desierto) is its own outcome, not a cancellation by the buyer.
    expect(stage({ awards: [{ status: 'unsuccessful' }] })).toBe('unsuccessful');
    expect(stage({ tender: { status: 'unsuccessful' } })).toBe('unsuccessful');
    expect(stage({ awards: [{ status: 'unsuccessful' }, { status: 'cancelled' }] })).toBe('cancelled');
    expect(stage({ tender: { status: 'withdrawn' } })).toBe('cancelled');
    expect(stage({ awards: [{ status: 'active' }], contracts: [{ status: 'active' }] })).toBe('contract');
    expect(stage({ contracts: [{ status: 'terminated' }] })).toBe('completed');
    // Published without statuses (the federal administration's 2017 contracts): signed or decided, not in planning.
    expect(stage({ tender: { id: '1386' }, contracts: [{ id: '201716004425', dateSigned: '2017-07-26T00:00:00Z' }] })).toBe('contract');
    expect(stage({ tender: { id: 'T1' }, awards: [{ id: 'A1', date: '2017-07-01T00:00:00Z' }] })).toBe('award');
    expect(stage({ contracts: [{ status: 'active', implementation: { status: 'ongoing' } }] })).toBe('implementation');
    expect(stage({ contracts: [{ status: 'terminated', implementation: { status: 'concluded' } }] })).toBe('completed');
    // Award and contract cancelled, the implementation status left «En ejecución»: cancelled, not being carried out.
    expect(stage({ awards: [{ status: 'cancelled' }], contracts: [{ status: 'cancelled', implementation: { status: 'ongoing' } }] })).toBe('cancelled');
    // One contract cancelled while carried out, another signed and not started: the process is at contract.
    expect(stage({ contracts: [{ status: 'cancelled', implementation: { status: 'ongoing' } }, { status: 'active' }] })).toBe('contract');
    // Rescinded (terminated) with «En ejecución» left in its implementation: over, not being carried out.
    expect(stage({ contracts: [{ status: 'terminated', implementation: { status: 'ongoing' } }] })).toBe('completed');
    expect(stage({ contracts: [{ status: 'terminated', implementation: { status: 'ongoing' } }, { status: 'active', implementation: { status: 'ongoing' } }] })).toBe('implementation');
  });

  it('never throws on missing or malformed data, and leaves absent amounts absent', () => {
    for (const bad of [null, 'x', [], {}, { compiledRelease: 'x' }, { contractingProcesses: [null, 3], locations: 'x', metrics: [{ id: 'physicalProgress' }] }]) {
      expect(() => publicationIndex([bad], [bad])).not.toThrow();
    }
    expect(projectEntry({ id: 'p' })).toEqual({ id: 'p', title: 'p', status: 'sin-dato', sector: [], ocids: [] });
    expect(processEntry({ ocid: 'o', compiledRelease: {} })).toEqual({ ocid: 'o', title: 'o', method: 'sin-dato', suppliers: [], contracts: [], projectIds: [], stage: 'planning' });
  });

  it('aggregates to the same figures as the documents', () => {
    const index = publicationIndex([record, { ocid: 'ocds-abc123-2', compiledRelease: { tender: { tenderers: [{}, {}, {}, {}, {}, {}] } } }], [project, {}]);
    const figures = figuresOf(index.processes, index.projects);
    expect(figures).toMatchObject({
      projects: 2, processes: 2, budgetMxn: 300, contractedMxn: 150.3, paidMxn: 40, finalValueMxn: 0, otherCurrencyAmounts: 2,
      byProjectStatus: { implementation: 1, 'sin-dato': 1 }, byProcurementMethod: { open: { count: 1, amountMxn: 150.3 }, 'sin-dato': { count: 1, amountMxn: 0 } },
      competition: { '1': 0, '2-5': 1, '6+': 1, unknown: 0 }, years: [2023, 2024], lastUpdate: '2024-06-01T00:00:00Z',
    });
  });
});

describe('the date of a process', () => {
  it('is that of its furthest stage, never the publication time', () => {
    const entry = (compiledRelease: Record<string, unknown>): string | undefined => processEntry({ ocid: 'x', compiledRelease: { ocid: 'x', date: '2025-07-01T10:00:00-06:00', ...compiledRelease } }).date;
    const tender = { tenderPeriod: { startDate: '2024-01-10T09:00:00-06:00' } };
    const awards = [{ id: 'a1', date: '2024-02-01T12:00:00-06:00' }, { id: 'a2', date: '2024-02-15T12:00:00-06:00' }];
    const contracts = [{ id: 'c1', dateSigned: '2024-03-01T00:00:00-06:00' }, { id: 'c2' }];
    expect(entry({ tender, awards, contracts })).toBe('2024-03-01T00:00:00-06:00');
    expect(entry({ tender, awards })).toBe('2024-02-15T12:00:00-06:00');
    expect(entry({ tender })).toBe('2024-01-10T09:00:00-06:00');
    expect(entry({ tender: { ...tender, datePublished: '2024-01-05T00:00:00-06:00' } })).toBe('2024-01-05T00:00:00-06:00');
    expect(entry({})).toBeUndefined();
  });

  it('of a process still at planning, is its planning\'s: the programme it is in, else its budget\'s period (the years filter finds it)', () => {
    const entry = (compiledRelease: Record<string, unknown>): string | undefined => processEntry({ ocid: 'x', compiledRelease: { ocid: 'x', date: '2026-07-01T10:00:00-06:00', ...compiledRelease } }).date;
    const budget = { budgetBreakdown: [{ id: 'b1', period: { startDate: '2026-01-01T00:00:00-06:00', endDate: '2026-12-31T00:00:00-06:00' } }] };
    const documents = [{ id: 'pao-2026', documentType: 'projectPlan', datePublished: '2026-01-15T00:00:00-06:00' }];
    // Before: no date, so no year.
    expect(entry({ planning: { budget, documents } })).toBe('2026-01-15T00:00:00-06:00');
    expect(entry({ planning: { budget } })).toBe('2026-01-01T00:00:00-06:00');
    // A tender's date wins once there is one.
    expect(entry({ planning: { budget, documents }, tender: { tenderPeriod: { startDate: '2026-04-06T00:00:00-06:00' } } })).toBe('2026-04-06T00:00:00-06:00');
  });
});

describe("a party's identifier scheme", () => {
  // The INAI's record package names its buyer, the DGVCCEF, by the INAI's own clave 610, not by an RFC.
  const inai = { ocid: 'ocds-g4facg-OA-C033-18', compiledRelease: {
    ocid: 'ocds-g4facg-OA-C033-18', buyer: { id: 'MX-INAI-610', name: 'DGVCCEF' },
    parties: [{ id: 'MX-INAI-610', name: 'DGVCCEF', roles: ['buyer'], identifier: { scheme: 'MX-INAI', id: '610' } }],
  } };

  it('is kept beside the identifier, in the index and through its compact form', () => {
    const index = publicationIndex([inai], []);
    const buyer = { id: 'MX-INAI-610', name: 'DGVCCEF', identifier: '610', scheme: 'MX-INAI' };
    expect(index.parties?.[index.processes[0].buyer as number]).toEqual(buyer);
    const answer = { publishers: [{ publisherId: 'inai', name: 'INAI', state: 'Ciudad de México', publicationId: 'p1', publishedAt: '2025-01-01T00:00:00Z', ...index }] };
    const back = expandIndex(compactIndex(answer)).publishers[0];
    expect(back.parties?.[back.processes[0].buyer as number]).toEqual(buyer);
  });
});

describe('the institution responsible for a project', () => {
  const party = (id: string, name: string, roles: string[]) => ({ id, name, roles, identifier: { scheme: 'SIASI', legalName: 'SISTEMA INTEGRAL' } });
  const carmen = party('SIASI-000099', 'Mpio. El Carmen', ['buyer']);

  it('is its publicAuthority when it names one', () => {
    expect(projectAuthority({ publicAuthority: { id: 'pa1', name: 'Municipio' }, parties: [carmen] })).toEqual({ party: { id: 'pa1', name: 'Municipio' }, from: 'publicAuthority' });
  });

  it("else its one buyer, as OC4IDS's mapping takes it (Nuevo León publishes no publicAuthority); several buyers, or none, name none", () => {
    // Nuevo León's project 000005 lists its buyer twice, beside the procuring entity and the payer.
    const parties = [party('SIASI-000011', 'Secretaría de Infraestructura', ['procuringEntity']), party('CAGMNL-1', 'Secretaría de Finanzas', ['payer']), carmen, carmen];
    expect(projectAuthority({ parties })).toEqual({ party: { id: 'SIASI-000099', name: 'Mpio. El Carmen' }, from: 'buyer' });
    expect(projectEntry({ id: 'oc4ids-gx3fo2-000005', parties }).authority).toBe(0);
    expect(projectAuthority({ parties: [carmen, party('SIASI-000011', 'Secretaría de Infraestructura', ['buyer'])] })).toBeUndefined();
    expect(projectAuthority({ parties: parties.slice(0, 2) })).toBeUndefined();
    const table = publicationIndex([], [{ id: 'oc4ids-gx3fo2-000005', parties }]);
    expect(table.parties?.[table.projects[0].authority as number]).toEqual({ id: 'SIASI-000099', name: 'Mpio. El Carmen' });
  });
});
