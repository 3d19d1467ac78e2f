/**
 * CoST IDS disclosure as OC4IDS 0.9.5 maps it: a whole point (not part of it), every contracting process, and only
 * the points due at the project's stage.
 */
import { COST_IDS_ELEMENTS, anyFilled, assessCostIds, discloses, hasMissingCostIds } from './cost-ids';
import { assessProjects } from './pending';
import { computeQuality } from './quality-stats';

const element = (id: string) => COST_IDS_ELEMENTS.find((e) => e.id === id)!;
const stateOf = (project: unknown, id: string) => assessCostIds(project).find((a) => a.element.id === id)!;

describe('CoST IDS coverage', () => {
  it('fans out over arrays and ignores blanks', () => {
    const project = { contractingProcesses: [{ summary: {} }, { summary: { suppliers: [{ name: ' ' }, { name: 'Constructora' }] } }] };
    expect(anyFilled(project, 'contractingProcesses/summary/suppliers/name'.split('/'))).toBe(true);
    expect(anyFilled({ contractingProcesses: [{ summary: { suppliers: [{ name: '' }] } }] }, 'contractingProcesses/summary/suppliers/name'.split('/'))).toBe(false);
  });
  it('a process still planned (pre-award, nothing of a tender) is not asked for what its tender will say; a tendered one is', () => {
    const awarded = { summary: { status: 'active', title: 'Pavimentación', description: 'Calle 60', nature: ['construction'], tender: { procurementMethod: 'open', costEstimate: { amount: 10, currency: 'MXN' }, procuringEntity: { name: 'Obras' } } } };
    // A work of the annual programme, published before its tender (an OCDS planning release), linked to the project.
    const planned = { summary: { status: 'pre-award', nature: ['construction'] } };
    const project = { status: 'implementation', contractingProcesses: [awarded, planned] };
    // Before: method, cost estimate, title, scope and procuring entity «missing» for the planned process.
    for (const id of ['method', 'costEstimate', 'contractTitle', 'contractScope', 'procuringEntity']) expect([id, stateOf(project, id).state]).toEqual([id, 'disclosed']);
    const tendered = { summary: { status: 'pre-award', externalReference: 'LP-001-2026', nature: ['construction'] } };
    expect(stateOf({ ...project, contractingProcesses: [awarded, tendered] }, 'method')).toMatchObject({ state: 'missing', items: [1] });
    // Only planned processes: nothing of the tender to judge yet.
    expect(stateOf({ ...project, contractingProcesses: [planned] }, 'method').state).toBe('notApplicable');
  });

  it('has unique ids and the mapping\'s points that have a place in the template', () => {
    expect(new Set(COST_IDS_ELEMENTS.map((e) => e.id)).size).toBe(COST_IDS_ELEMENTS.length);
    // Subsector (additionalClassifications), the procuring entity's contact, the contract's scope of work
    // (summary.description) and the reasons for variations (modifications.rationale) are CoST IDS points too.
    for (const id of ['subsector', 'procuringContact', 'contractScope', 'variationReasons']) expect(COST_IDS_ELEMENTS.map((e) => e.id)).toContain(id);
  });

  it('asks for the whole point: a typed document with its link, an amount with its currency, a period with its end, the owner\'s own contact', () => {
    expect(discloses({ documents: [{ documentType: 'environmentalImpact', url: 'https://x.mx/mia.pdf' }] }, element('environment'))).toBe(true);
    expect(discloses({ documents: [{ documentType: 'environmentalImpact' }] }, element('environment'))).toBe(false);
    expect(discloses({ documents: [{ documentType: 'feasibilityStudy', url: 'https://x.mx/f.pdf' }] }, element('environment'))).toBe(false);
    expect(discloses({ budget: { amount: { amount: 5 } } }, element('budget'))).toBe(false);
    expect(discloses({ budget: { amount: { amount: 5, currency: 'MXN' } } }, element('budget'))).toBe(true);
    expect(discloses({ budget: { approvalDate: '2024-01-01' } }, element('budget'))).toBe(false);
    const period = (contractPeriod: unknown) => ({ contractingProcesses: [{ summary: { status: 'active', contractPeriod } }] });
    expect(discloses(period({ startDate: '2024-01-01' }), element('contractPeriod'))).toBe(false);
    expect(discloses(period({ startDate: '2024-01-01', endDate: '2024-06-30' }), element('contractPeriod'))).toBe(true);
    const supplier = { id: 'S', roles: ['supplier'], address: { streetAddress: 'Calle 1' }, contactPoint: { email: 'a@b.mx' } };
    expect(discloses({ parties: [supplier] }, element('contact'))).toBe(false);
    const owner = { id: 'O', roles: ['publicAuthority'], contactPoint: { email: 'obras@x.gob.mx' } };
    expect(discloses({ parties: [owner] }, element('contact'))).toBe(false);
    expect(discloses({ parties: [{ ...owner, address: { locality: 'Toluca' } }] }, element('contact'))).toBe(true);
    // The owner named by publicAuthority, its roles left blank; a funder party is a funding source.
    expect(discloses({ publicAuthority: { id: 'O' }, parties: [{ id: 'O', name: 'SOP', address: { locality: 'Toluca' }, contactPoint: { telephone: '55' } }] }, element('contact'))).toBe(true);
    expect(discloses({ parties: [{ id: 'F', name: 'BANOBRAS', roles: ['funder'] }] }, element('funding'))).toBe(true);
  });

  it('asks every contracting process, and only awarded ones for what an award brings', () => {
    const project = { status: 'implementation', contractingProcesses: [
      { summary: { status: 'active', suppliers: [{ name: 'Constructora' }] } },
      { summary: { status: 'active' } },
      { summary: { status: 'pre-award' } },
    ] };
    expect(stateOf(project, 'firms')).toMatchObject({ state: 'missing', items: [1] });
    expect(stateOf({ ...project, contractingProcesses: project.contractingProcesses.slice(2) }, 'firms').state).toBe('notApplicable');
    // In implementation without any process: the processes themselves are missing.
    expect(stateOf({ status: 'implementation' }, 'contractTitle')).toMatchObject({ state: 'missing', items: [] });
    // Nothing modified, nothing to disclose of modifications; a modification without its reason lacks it.
    expect(stateOf(project, 'variations').state).toBe('notApplicable');
    expect(stateOf({ status: 'implementation', contractingProcesses: [{ summary: { modifications: [{ type: 'value', date: '2024-05-01', description: 'Ampliación' }] } }] }, 'variationReasons').state).toBe('missing');
  });

  it('tells apart what only processes another implementer publishes lack: theirs to publish, still not disclosed', () => {
    const project = { status: 'implementation', contractingProcesses: [
      { id: 'ocds-yuc-1', summary: { status: 'active', suppliers: [{ name: 'Constructora' }], modifications: [{ type: 'value', date: '2024-05-01', description: 'Ampliación' }] } },
      { id: 'ocds-mer-7', summary: { status: 'active', modifications: [{ type: 'value', date: '2024-06-01', description: 'Prórroga' }] } },
      { id: 'ocds-mer-8', summary: { status: 'active' } },
    ] };
    const byMerida = (ocid: string): string | undefined => (ocid.startsWith('ocds-mer-') ? 'Municipio de Mérida' : undefined);
    const assessed = (id: string) => assessCostIds(project, byMerida).find((a) => a.element.id === id)!;
    // Only Mérida's two lack the firms: not the state's to type, and not disclosed either (CoST judges the project's data).
    expect(assessed('firms')).toMatchObject({ state: 'elsewhere', items: [], elsewhere: [{ publisher: 'Municipio de Mérida', items: [1, 2] }] });
    // A modification is its process's: Mérida's one apart from the state's own.
    expect(assessed('variationReasons')).toMatchObject({ state: 'missing', items: [0], elsewhere: [{ publisher: 'Municipio de Mérida', items: [1] }] });
    // Without `publishedBy` (Calidad's coverage) the same points are missing: the count of what is disclosed is the same.
    expect(stateOf(project, 'firms')).toMatchObject({ state: 'missing', items: [1, 2] });
    // Not due at the project's stage: not due, whoever publishes it.
    expect(assessCostIds({ ...project, status: 'preparation' }, byMerida).find((a) => a.element.id === 'firms')?.state).toBe('notDue');
  });

  it('judges only the points due at the project\'s stage, counting early disclosure', () => {
    const identified = { status: 'identification', title: 'Puente', budget: { amount: { amount: 1, currency: 'MXN' } } };
    expect(stateOf(identified, 'environment').state).toBe('notDue');
    expect(stateOf(identified, 'firms').state).toBe('notDue');
    expect(stateOf(identified, 'purpose').state).toBe('missing');
    expect(stateOf(identified, 'budget').state).toBe('disclosed');
    const inPreparation = { status: 'preparation' };
    expect(stateOf(inPreparation, 'environment').state).toBe('missing');
    expect(stateOf(inPreparation, 'contractTitle').state).toBe('notDue');
    expect(stateOf({ status: 'implementation' }, 'finalCost').state).toBe('notDue');
    expect(stateOf({ status: 'completion' }, 'finalCost').state).toBe('missing');
    // A project that does not say its stage is assessed on every stage.
    expect(stateOf({}, 'finalCost').state).toBe('missing');
    const quality = computeQuality([], [identified, inPreparation, { status: 'completion' }]);
    const figure = (id: string) => quality.costIds.find((c) => c.id === id);
    expect(figure('environment')).toEqual({ id: 'environment', disclosed: 0, total: 2 });
    expect(figure('budget')).toEqual({ id: 'budget', disclosed: 1, total: 3 });
    expect(figure('finalCost')).toEqual({ id: 'finalCost', disclosed: 0, total: 1 });
  });

  it('a project lacks a point when assessCostIds finds one missing, told without judging them all (hasMissingCostIds)', () => {
    const byMerida = (ocid: string): string | undefined => (ocid.startsWith('ocds-mer-') ? 'Municipio de Mérida' : undefined);
    const complete = { title: 'Puente', sector: 'transport', purpose: 'Cruce', description: 'Puente vehicular', publicAuthority: { name: 'Obras' }, additionalClassifications: [{ id: '1', description: 'Vialidad' }], locations: [{ description: 'Centro' }] };
    const cases: unknown[] = [
      {}, null, 'texto', { status: 'identification' }, { ...complete, status: 'identification' }, { ...complete, status: 'cancelled' },
      { ...complete, status: 'preparation' }, { status: 'implementation', contractingProcesses: [] },
      // Only another implementer's process lacks the firms: `elsewhere`, not missing, with publishedBy.
      { ...complete, status: 'identification', contractingProcesses: [{ id: 'ocds-mer-1', summary: { status: 'active' } }] },
      { ...complete, status: 'implementation', contractingProcesses: [{ id: 'ocds-mer-1', summary: { status: 'active' } }] },
    ];
    // Everything due in implementation disclosed but the firms of the process another implementer publishes.
    const address = { streetAddress: 'Calle 60', locality: 'Mérida', postalCode: '97000' };
    const contact = { email: 'obras@merida.gob.mx' };
    const summary = (suppliers: unknown[]) => ({
      status: 'active', title: 'Pavimentación', description: 'Calle 60', nature: ['construction'], suppliers,
      tender: { procurementMethod: 'open', costEstimate: { amount: 10, currency: 'MXN' }, procuringEntity: { name: 'Obras' }, numberOfTenderers: 3 },
      contractValue: { amount: 9, currency: 'MXN' }, contractPeriod: { startDate: '2024-01-01', endDate: '2024-06-30' },
    });
    const onlyElsewhere = {
      ...complete, status: 'implementation',
      budget: { amount: { amount: 10, currency: 'MXN' }, approvalDate: '2024-01-01', budgetBreakdowns: [{ budgetBreakdown: [{ sourceParty: { name: 'Federación' } }] }] },
      documents: ['projectScope', 'environmentalImpact', 'landAndSettlementImpact'].map((documentType) => ({ documentType, url: `https://x.mx/${documentType}.pdf` })),
      parties: [{ id: 'P1', name: 'Obras', roles: ['publicAuthority', 'procuringEntity'], address, contactPoint: contact }],
      contractingProcesses: [{ id: 'ocds-yuc-1', summary: summary([{ name: 'Constructora' }]) }, { id: 'ocds-mer-1', summary: summary([]) }],
    };
    expect(assessCostIds(onlyElsewhere).filter((a) => a.state === 'missing').map((a) => a.element.id)).toEqual(['firms']);
    cases.push(onlyElsewhere);
    expect(hasMissingCostIds(onlyElsewhere, byMerida)).toBe(false);
    for (const project of cases) {
      for (const publishedBy of [undefined, byMerida]) {
        expect([project, !!publishedBy, hasMissingCostIds(project, publishedBy)]).toEqual([project, !!publishedBy, assessCostIds(project, publishedBy).some((a) => a.state === 'missing')]);
      }
    }
    expect(hasMissingCostIds({ ...complete, status: 'identification' })).toBe(false);
    expect(hasMissingCostIds({ status: 'identification' })).toBe(true);
  });

  it('counts a point only processes published elsewhere lack as one missing: judged once for Calidad and Pendientes alike', () => {
    const projects = [
      { status: 'implementation', contractingProcesses: [{ id: 'ocds-yuc-1', summary: { status: 'active', suppliers: [{ name: 'Constructora' }] } }, { id: 'ocds-mer-7', summary: { status: 'active' } }] },
      { status: 'implementation', contractingProcesses: [{ id: 'ocds-mer-8', summary: { status: 'active' } }] },
      { status: 'preparation', contractingProcesses: [{ id: 'ocds-mer-9', summary: { status: 'active' } }] },
    ];
    const elsewhere = ['ocds-mer-7', 'ocds-mer-8', 'ocds-mer-9'].map((ocid) => ({ ocid, publisher: 'Municipio de Mérida', publishedAt: null }));
    const assessed = assessProjects(projects, elsewhere);
    expect(assessed[1].find((a) => a.element.id === 'firms')?.state).toBe('elsewhere');
    expect(computeQuality([], projects, undefined, assessed)).toEqual(computeQuality([], projects));
  });
});
