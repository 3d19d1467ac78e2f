/** Tags of a re-published process (rules.md R-03): what changed, by stage; a typed tag is kept. */
import { updateTags } from './update-tags';

const base = {
  ocid: 'ocds-mer001-LO-1', tag: ['planning', 'tender', 'award', 'contract'],
  planning: { budget: { id: 'B1' } },
  tender: { id: 'LO-1', title: 'Calle 60', status: 'complete' },
  awards: [{ id: 'A1', status: 'active' }],
  contracts: [{ id: 'C1', awardID: 'A1', status: 'active' }],
};
const clone = (): Record<string, any> => JSON.parse(JSON.stringify(base));

describe('updateTags', () => {
  it('tags only the stages that changed, with update, amendment, cancellation or termination', () => {
    const title = clone(); title.tender.title = 'Calle 60 (corregido)';
    expect(updateTags(title, base)).toEqual(['tenderUpdate']);
    const amended = clone(); amended.contracts[0].amendments = [{ id: 'M1', date: '2024-08-01T00:00:00-06:00' }];
    expect(updateTags(amended, base)).toEqual(['contractAmendment']);
    const ended = clone(); ended.contracts[0].status = 'terminated'; ended.awards[0].status = 'cancelled';
    expect(updateTags(ended, base)).toEqual(['awardCancellation', 'contractTermination']);
    const cancelled = clone(); cancelled.tender.status = 'cancelled';
    expect(updateTags(cancelled, base)).toEqual(['tenderCancellation']);
    const planning = clone(); planning.planning.budget.id = 'B2';
    expect(updateTags(planning, base)).toEqual(['planningUpdate']);
  });

  it('keeps the stage tag of a stage new to the process, and the implementation apart from its contract', () => {
    const started = clone(); started.tag = [...base.tag, 'implementation']; started.contracts[0].implementation = { status: 'ongoing' };
    expect(updateTags(started, base)).toEqual(['implementation']);
    const paid = clone(); paid.tag = started.tag; paid.contracts[0].implementation = { status: 'concluded' };
    expect(updateTags(paid, started)).toEqual(['implementationUpdate']);
    const early = { ocid: base.ocid, tag: ['planning', 'tender'], planning: base.planning, tender: base.tender };
    expect(updateTags(base as Record<string, unknown>, early)).toEqual(['award', 'contract']);
  });

  it('tags the last stage as updated when only the parties changed, and keeps a typed tag', () => {
    const parties = clone(); parties.parties = [{ id: 'MX-RFC-X', name: 'Otro' }];
    expect(updateTags(parties, base)).toEqual(['contractUpdate']);
    const typed = clone(); typed.tag = ['contractAmendment']; typed.tender.title = 'Otro';
    expect(updateTags(typed, base)).toEqual(['contractAmendment']);
  });
});
