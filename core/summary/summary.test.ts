import * as fs from 'fs';
import * as path from 'path';
import { STANDARDS_DIR, hasStandards } from '../../test/standards';
import { compileRelease, type Release } from '../merge';
import { contractingProcessStatus, deriveProjectSummaries, type ReleaseLink } from './index';

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
