/** CoST IDS coverage reads a point as disclosed when any listed path is filled (arrays fan out) or a document of its type exists. */
import { COST_IDS_ELEMENTS, anyFilled, discloses } from './cost-ids';

const element = (id: string) => COST_IDS_ELEMENTS.find((e) => e.id === id)!;

describe('CoST IDS coverage', () => {
  it('fans out over arrays and ignores blanks', () => {
    const project = { contractingProcesses: [{ summary: {} }, { summary: { suppliers: [{ name: ' ' }, { name: 'Constructora' }] } }] };
    expect(anyFilled(project, 'contractingProcesses/summary/suppliers/name'.split('/'))).toBe(true);
    expect(anyFilled({ contractingProcesses: [{ summary: { suppliers: [{ name: '' }] } }] }, 'contractingProcesses/summary/suppliers/name'.split('/'))).toBe(false);
  });
  it('counts documents by type', () => {
    expect(discloses({ documents: [{ documentType: 'environmentalImpact' }] }, element('environment'))).toBe(true);
    expect(discloses({ documents: [{ documentType: 'feasibilityStudy' }] }, element('environment'))).toBe(false);
    expect(discloses(null, element('budget'))).toBe(false);
  });
  it('has unique ids', () => {
    expect(new Set(COST_IDS_ELEMENTS.map((e) => e.id)).size).toBe(COST_IDS_ELEMENTS.length);
  });
});
