import * as fs from 'fs';
import * as path from 'path';
import { STANDARDS_DIR, hasStandards } from '../../test/standards';
import { compileRelease, type Release } from '../merge';
import { amendmentChanges, contractingProcessStatus, deriveProjectSummaries, type ReleaseLink } from './index';
import { summaryFromRelease } from './summary-from-release';
import { syntheticReleases } from '../../scripts/bench/synthetic-releases';
import { syntheticDocuments } from '../../scripts/bench/synthetic-publisher';

const SAMPLE = path.join(STANDARDS_DIR, 'examples', 'ocds', 'sample-data', 'fictional-example-1.1', 'ocds-213czf-000-00001.json');
const OCID = 'ocds-213czf-000-00001';
const itStd = hasStandards ? it : it.skip;

const url = (id: string): string => `https://datos.example.mx/api/ocds/releases/${id}`;
const linksOf = (releases: Release[]): ReleaseLink[] => releases.map((r) => ({ id: String(r.id), date: String(r.date), tag: r.tag as string[], url: url(String(r.id)) }));

/** A later release of the sample process: the contract amended, then finished (ours, for the test). */
const termination: Release = {
  ocid: OCID, id: `${OCID}-07-termination`, date: '2011-07-15T00:00:00Z', tag: ['contractAmendment', 'contractTermination'],
  contracts: [{
    id: 'ocds-213czf-000-00001-contract-01', status: 'terminated',
    amendments: [{ id: '1', date: '2011-03-01T00:00:00Z', description: 'Ampliación de plazo', rationale: 'Lluvias', releaseID: `${OCID}-07-termination` }],
    implementation: { milestones: [{ id: 'm1', title: 'Entrega', type: 'delivery', status: 'met', dateMet: '2011-06-30T00:00:00Z', extra: 'x' }] },
  }],
};

function sample(): Release[] {
  return JSON.parse(fs.readFileSync(SAMPLE, 'utf8')).releases;
}

function project(): Record<string, unknown> {
  return {
    id: 'oc4ids-bu3kcz-0001',
    title: 'Ciclovía central',
    parties: [{ id: 'GB-LAC-E09000003', name: 'London Borough of Barnet', roles: ['publicAuthority'] }],
    contractingProcesses: [
      { id: OCID, summary: { nature: ['design', 'construction'], title: 'Título tecleado', documents: [{ id: 'd1', title: 'Informe' }],
        modifications: [{ id: 'typed-1', description: 'Registro manual', type: 'scope' }] } },
      { id: 'otro-proceso', summary: { title: 'Sin datos OCDS', suppliers: [{ id: 'MX-RFC-AAA010101AAA', name: 'Constructora' }] } },
    ],
  };
}

describe('deriveProjectSummaries', () => {
  itStd('derives the summary of a linked process from its compiled release, over what was typed', () => {
    const releases = sample();
    const input = project();
    const before = JSON.stringify(input);
    const out = deriveProjectSummaries(input, new Map([[OCID, compileRelease(releases)]]), new Map([[OCID, linksOf(releases)]]),
      { now: '2010-09-01T00:00:00Z' }) as any;
    expect(JSON.stringify(input)).toBe(before);

    const [linked, other] = out.contractingProcesses;
    expect(linked.summary).toStrictEqual({
      nature: ['design', 'construction'],
      title: 'Contract to build new cycle lanes in the centre of town.',
      documents: [{ id: 'd1', title: 'Informe' }],
      modifications: [{ id: 'typed-1', description: 'Registro manual', type: 'scope' }],
      ocid: OCID,
      externalReference: 'ocds-213czf-000-00001-01-tender',
      description: expect.stringMatching(/^A contract has been signed between the Council and AnyCorp/),
      status: 'active',
      tender: {
        procurementMethod: 'open',
        procurementMethodDetails: expect.stringMatching(/^In open procedures/),
        // The tender period opened on 1 March, before the tender release of 15 March: the call was out by then.
        datePublished: '2010-03-01T09:00:00Z',
        costEstimate: { amount: 1100000, currency: 'GBP' },
        numberOfTenderers: 2,
        tenderers: [{ id: 'GB-COH-11111111', name: 'AnyCorp Cycle Provision' }, { id: 'GB-COH-22222222', name: 'Beta Corp Construction' }],
        procuringEntity: { id: 'GB-LAC-E09000003', name: 'London Borough of Barnet' },
      },
      suppliers: [{ id: 'GB-COH-11111111', name: 'AnyCorp Cycle Provision' }],
      contractValue: { amount: 11000000, currency: 'GBP' },
      contractPeriod: { startDate: '2010-07-01T00:00:00Z', endDate: '2011-06-30T23:59:00Z' },
      transactions: [
        expect.objectContaining({ id: 'ocds-213czf-000-00001-1', date: '2010-08-01T00:00:00Z', value: { amount: 50000, currency: 'GBP' },
          payer: { id: 'GB-LAC-E09000003', name: 'London Borough of Barnet' }, payee: { id: 'GB-COH-11111111', name: 'AnyCorp Cycle Provision' },
          source: 'https://openspending.org/uk-barnet-spending/' }),
        expect.objectContaining({ id: 'ocds-213czf-000-00001-2', value: { amount: 10000, currency: 'GBP' } }),
      ],
    });
    expect(linked.releases.map((r: any) => r.id)).toStrictEqual(releases.map((r) => r.id));
    expect(linked.releases[0]).toStrictEqual({ id: `${OCID}-01-planning`, tag: ['planning'], date: '2009-03-15T14:45:00Z', url: url(`${OCID}-01-planning`) });
    expect(other).toStrictEqual((project() as any).contractingProcesses[1]);

    // Every reference resolves to a party with the right role; existing parties keep their fields.
    const roles = Object.fromEntries(out.parties.map((p: any) => [p.id, p.roles]));
    expect(roles).toStrictEqual({
      'GB-LAC-E09000003': ['publicAuthority', 'procuringEntity', 'payer'],
      'GB-COH-11111111': ['tenderer', 'supplier', 'payee'],
      'GB-COH-22222222': ['tenderer'],
      'MX-RFC-AAA010101AAA': ['supplier'],
    });
    const copied = out.parties.find((p: any) => p.id === 'GB-COH-11111111');
    expect(copied.address).toBeDefined(); // copied from the OCDS party…
    expect(out.parties.find((p: any) => p.id === 'MX-RFC-AAA010101AAA')).toStrictEqual({ id: 'MX-RFC-AAA010101AAA', name: 'Constructora', roles: ['supplier'] });
  });

  itStd('closes a finished process: final value from its transactions, modifications and milestones from the contract', () => {
    const releases = [...sample(), termination];
    const out = deriveProjectSummaries(project(), { [OCID]: compileRelease(releases) }, { [OCID]: linksOf(releases) },
      { now: '2012-01-01T00:00:00Z' }) as any;
    const summary = out.contractingProcesses[0].summary;
    expect(summary.status).toBe('closed');
    expect(summary.finalValue).toStrictEqual({ amount: 60000, currency: 'GBP' });
    expect(summary.modifications).toStrictEqual([
      { id: 'typed-1', description: 'Registro manual', type: 'scope' },
      { id: '1', date: '2011-03-01T00:00:00Z', description: 'Ampliación de plazo', rationale: 'Lluvias', releaseID: `${OCID}-07-termination` },
    ]);
    expect(summary.milestones).toStrictEqual([{ id: 'm1', title: 'Entrega', type: 'delivery', status: 'met', dateMet: '2011-06-30T00:00:00Z' }]);
  });

  it('matches by summary.ocid, derives nature only when none was typed, and leaves projects without processes alone', () => {
    const compiled = { ocid: 'ocds-x-1', tender: { id: 'T-1', mainProcurementCategory: 'works', status: 'active' } };
    const out = deriveProjectSummaries({ id: 'p', contractingProcesses: [{ id: 'proceso-1', summary: { ocid: 'ocds-x-1' } }] }, { 'ocds-x-1': compiled }, {}, { now: '2024-01-01T00:00:00Z' }) as any;
    expect(out.contractingProcesses[0]).toStrictEqual({ id: 'proceso-1', summary: { ocid: 'ocds-x-1', externalReference: 'T-1', nature: ['construction'], status: 'pre-award' } });
    expect(deriveProjectSummaries({ id: 'q' }, {})).toStrictEqual({ id: 'q' });
  });
});

describe('contractingProcessStatus (OC4IDS codelist business logic)', () => {
  const now = '2024-06-01T00:00:00Z';
  it.each([
    ['tender cancelled', { tender: { status: 'cancelled' }, contracts: [{ status: 'active' }] }, 'closed'],
    ['all awards unsuccessful', { awards: [{ status: 'unsuccessful' }] }, 'closed'],
    ['all contracts terminated', { contracts: [{ status: 'terminated' }, { status: 'cancelled' }] }, 'closed'],
    ['a contract active', { contracts: [{ status: 'active' }, { status: 'terminated' }] }, 'active'],
    ['nothing awarded yet', { tender: { status: 'active' } }, 'pre-award'],
    ['all pending', { awards: [{ status: 'pending' }], contracts: [{ status: 'pending' }] }, 'pre-award'],
    ['period includes now', { awards: [{ status: 'active', contractPeriod: { startDate: '2024-01-01T00:00:00Z', endDate: '2024-12-31T00:00:00Z' } }] }, 'active'],
    ['all periods ended', { awards: [{ status: 'active', contractPeriod: { endDate: '2023-12-31T00:00:00Z' } }] }, 'closed'],
    ['award dated in the future', { awards: [{ date: '2025-01-01T00:00:00Z' }] }, 'pre-award'],
    ['nothing decisive', { awards: [{ status: 'active' }] }, undefined],
  ])('%s', (_name, release, expected) => {
    expect(contractingProcessStatus(release as Record<string, unknown>, now)).toBe(expected);
  });
});

describe('modifications from contract amendments (convenios modificatorios), told from the releases', () => {
  const P = 'ocds-mid001-LP-2024-007';
  const now = '2024-12-01T00:00:00Z';
  /** A release of the process with one contract as the workbook states it at that revision. */
  const revision = (n: number, date: string, contract: Record<string, unknown>): Release => ({
    ocid: P, id: `${P}-r${n}`, date, tag: n === 1 ? ['contract'] : ['contractAmendment'],
    contracts: [{ id: 'C-1', status: 'active', value: { amount: 10_000_000, currency: 'MXN' }, period: { startDate: '2024-01-15T00:00:00-06:00', endDate: '2024-06-30T00:00:00-06:00' }, ...contract }],
  });
  const raised = { amount: 12_500_000, currency: 'MXN' };
  const extended = { startDate: '2024-01-15T00:00:00-06:00', endDate: '2024-09-30T00:00:00-06:00' };
  const first = { id: 'CM-01', date: '2024-03-10T00:00:00-06:00', description: 'Ampliación del monto por obra adicional', rationale: 'Volúmenes de excavación mayores a los estimados' };
  const second = { id: 'CM-02', date: '2024-06-20T00:00:00-06:00', description: 'Ampliación del plazo', rationale: 'Temporada de lluvias' };

  function derive(releases: Release[], typed: Record<string, unknown> = {}): Record<string, unknown>[] | undefined {
    const project = { id: 'oc4ids-mid001-0007', contractingProcesses: [{ id: P, summary: typed }] };
    const out = deriveProjectSummaries(project, { [P]: compileRelease(releases) }, { [P]: linksOf(releases) },
      { now, amendmentsByOcid: { [P]: amendmentChanges(releases) } }) as any;
    return out.contractingProcesses[0].summary.modifications;
  }

  it('amended twice (value raised, then period extended): a value and a duration modification, each with its release and old/new', () => {
    const releases = [
      revision(1, '2024-01-10T10:00:00-06:00', {}),
      revision(2, '2024-03-12T10:00:00-06:00', { value: raised, amendments: [first] }),
      revision(3, '2024-06-25T10:00:00-06:00', { value: raised, period: extended, amendments: [first, second] }),
    ];
    expect(derive(releases)).toStrictEqual([
      { ...first, releaseID: `${P}-r2`, type: 'value', oldContractValue: { amount: 10_000_000, currency: 'MXN' }, newContractValue: raised },
      { ...second, releaseID: `${P}-r3`, type: 'duration',
        oldContractPeriod: { startDate: '2024-01-15T00:00:00-06:00', endDate: '2024-06-30T00:00:00-06:00' }, newContractPeriod: extended },
    ]);
  });

  it('one amendment that raised the value and extended the period: one variation of each, ids {id}-value and {id}-duration', () => {
    const releases = [revision(1, '2024-01-10T10:00:00-06:00', {}), revision(2, '2024-03-12T10:00:00-06:00', { value: raised, period: extended, amendments: [first] })];
    expect(derive(releases)?.map((m) => [m.id, m.type, m.releaseID])).toStrictEqual([['CM-01-value', 'value', `${P}-r2`], ['CM-01-duration', 'duration', `${P}-r2`]]);
  });

  it('scope: the contract description changed with the amendment', () => {
    const releases = [revision(1, '2024-01-10T10:00:00-06:00', { description: 'Pavimentación de 2 km' }),
      revision(2, '2024-03-12T10:00:00-06:00', { description: 'Pavimentación de 3 km', amendments: [first] })];
    expect(derive(releases)).toStrictEqual([{ ...first, releaseID: `${P}-r2`, type: 'scope' }]);
  });

  it('what cannot be told is not guessed: two amendments first published together, or one already in the first release, get no type', () => {
    const together = [revision(1, '2024-01-10T10:00:00-06:00', {}), revision(2, '2024-07-01T10:00:00-06:00', { value: raised, period: extended, amendments: [first, second] })];
    expect(derive(together)).toStrictEqual([{ ...first, releaseID: `${P}-r2` }, { ...second, releaseID: `${P}-r2` }]);
    const fromTheStart = [revision(1, '2024-07-01T10:00:00-06:00', { value: raised, amendments: [first] })];
    expect(derive(fromTheStart)).toStrictEqual([{ ...first, releaseID: `${P}-r1` }]);
  });

  it("a publisher's own releaseID and amendsReleaseID say which releases to compare", () => {
    const releases = [
      revision(1, '2024-01-10T10:00:00-06:00', {}),
      revision(2, '2024-02-10T10:00:00-06:00', { value: { amount: 11_000_000, currency: 'MXN' } }),
      revision(3, '2024-03-12T10:00:00-06:00', { value: raised, amendments: [{ ...first, releaseID: `${P}-r3`, amendsReleaseID: `${P}-r1` }] }),
    ];
    expect(derive(releases)).toStrictEqual([{ ...first, releaseID: `${P}-r3`, type: 'value', oldContractValue: { amount: 10_000_000, currency: 'MXN' }, newContractValue: raised }]);
  });

  it('a modification the official typed with the same id keeps its type, values and release; the amendment adds its date and release', () => {
    const releases = [revision(1, '2024-01-10T10:00:00-06:00', {}), revision(2, '2024-03-12T10:00:00-06:00', { value: raised, amendments: [first] })];
    const typed = { id: 'CM-01', type: 'scope', oldContractValue: { amount: 9_800_000, currency: 'MXN' } };
    expect(derive(releases, { modifications: [typed] })).toStrictEqual([{ ...typed, date: first.date, description: first.description, rationale: first.rationale, releaseID: `${P}-r2` }]);
    // The release the official named stays too.
    expect(derive(releases, { modifications: [{ ...typed, releaseID: `${P}-r1` }] })?.[0].releaseID).toBe(`${P}-r1`);
  });
});

describe('awards and contracts a later release cancelled', () => {
  const P = 'ocds-mid001-AD-SRO-007-2024';
  const supplier = (id: string, name: string): Record<string, unknown> => ({ id, name });
  const typed = { ocid: P, suppliers: [supplier('MX-RFC-PECL850312HB3', 'Lucía Pech Canul')], contractValue: { amount: 2_964_000, currency: 'MXN' },
    contractPeriod: { startDate: '2024-08-16T00:00:00-06:00', endDate: '2025-09-15T00:00:00-06:00' } };
  const summaryOf = (compiled: Record<string, unknown>): any =>
    (deriveProjectSummaries({ id: 'p', contractingProcesses: [{ id: P, summary: typed }] }, { [P]: { ocid: P, ...compiled } }, {}, { now: '2025-01-01T00:00:00Z' }) as any).contractingProcesses[0].summary;

  it('award and contract cancelled: no supplier, value or period is left from them (typed, or by the party\'s old role)', () => {
    const summary = summaryOf({
      parties: [{ id: 'MX-RFC-PECL850312HB3', name: 'Lucía Pech Canul', roles: ['supplier', 'payee'] }],
      awards: [{ id: 'F1', status: 'cancelled', value: { amount: 2_964_000, currency: 'MXN' }, suppliers: [supplier('MX-RFC-PECL850312HB3', 'Lucía Pech Canul')] }],
      contracts: [{ id: 'C1', awardID: 'F1', status: 'cancelled', value: { amount: 2_964_000, currency: 'MXN' }, period: typed.contractPeriod }],
    });
    expect(summary.status).toBe('closed');
    expect(summary).not.toHaveProperty('suppliers');
    expect(summary).not.toHaveProperty('contractValue');
    expect(summary).not.toHaveProperty('contractPeriod');
  });

  it('award cancelled and the process awarded again: only the new supplier, and the new value', () => {
    const summary = summaryOf({
      parties: [{ id: 'MX-RFC-PECL850312HB3', roles: ['supplier'] }, { id: 'MX-RFC-CCM010101AB1', roles: ['supplier'] }],
      awards: [{ id: 'F1', status: 'cancelled', suppliers: [supplier('MX-RFC-PECL850312HB3', 'Lucía Pech Canul')] },
        { id: 'F2', status: 'active', value: { amount: 3_100_000, currency: 'MXN' }, suppliers: [supplier('MX-RFC-CCM010101AB1', 'Consultores del Centro')] }],
    });
    expect(summary.suppliers).toStrictEqual([supplier('MX-RFC-CCM010101AB1', 'Consultores del Centro')]);
    expect(summary.contractValue).toStrictEqual({ amount: 3_100_000, currency: 'MXN' });
  });

  it("a supplier copied from the release keeps no contact point the OC4IDS fields leave empty (split names only: ContactPoint minProperties 1)", () => {
    const party = (contactPoint: Record<string, unknown>): Record<string, unknown> => ({ id: 'MX-RFC-GOMJ800101AB1', name: 'José Gómez Muñoz', roles: ['supplier'],
      identifier: { scheme: 'MX-RFC', id: 'GOMJ800101AB1', legalPersonality: 'naturalPerson', givenName: 'José', patronymicName: 'Gómez' }, contactPoint });
    const partiesOf = (p: Record<string, unknown>): any[] => (deriveProjectSummaries({ id: 'p', contractingProcesses: [{ id: P, summary: { ocid: P } }] },
      { [P]: { ocid: P, parties: [p], awards: [{ id: 'F1', status: 'active', suppliers: [supplier('MX-RFC-GOMJ800101AB1', 'José Gómez Muñoz')] }] } }, {},
      { now: '2025-01-01T00:00:00Z' }) as any).parties;
    expect(partiesOf(party({ givenName: 'José', patronymicName: 'Gómez', matronymicName: 'Muñoz' }))).toStrictEqual([
      { id: 'MX-RFC-GOMJ800101AB1', name: 'José Gómez Muñoz', roles: ['supplier'], identifier: { scheme: 'MX-RFC', id: 'GOMJ800101AB1' } }]);
    expect(partiesOf(party({ givenName: 'José', email: 'jgm@correo.example' }))[0].contactPoint).toStrictEqual({ email: 'jgm@correo.example' });
  });

  it("a cancelled contract's value is not replaced by its award's", () => {
    const summary = summaryOf({ awards: [{ id: 'F1', status: 'active', value: { amount: 2_964_000, currency: 'MXN' } }], contracts: [{ id: 'C1', status: 'cancelled', value: { amount: 2_964_000, currency: 'MXN' } }] });
    expect(summary).not.toHaveProperty('contractValue');
  });
});

test('a summary without its lists (the CoST IDS check) is the whole summary less modifications, transactions and milestones', () => {
  // Amended and paid processes (complete density), the termination above among them: every list the option leaves out.
  const releases = [...syntheticReleases(12, 'complete'), ...syntheticDocuments(6, 2, 1, true).releases, termination as Record<string, unknown>];
  for (const release of releases) {
    const whole = summaryFromRelease(release, [], '2025-07-01T00:00:00Z');
    const { modifications, transactions, milestones, ...rest } = whole;
    expect(summaryFromRelease(release, [], '2025-07-01T00:00:00Z', { withoutLists: true })).toEqual(rest);
    // …with its keys in the same order (the check overlays it on what was typed, in order).
    expect(Object.keys(summaryFromRelease(release, [], '2025-07-01T00:00:00Z', { withoutLists: true }))).toEqual(Object.keys(rest));
    void modifications; void transactions; void milestones;
  }
  // The fixtures do hold the lists the option leaves out.
  const lists = releases.map((r) => summaryFromRelease(r, [], '2025-07-01T00:00:00Z'));
  expect(lists.some((s) => Array.isArray(s.modifications)) && lists.some((s) => Array.isArray(s.transactions)) && lists.some((s) => Array.isArray(s.milestones))).toBe(true);
});
