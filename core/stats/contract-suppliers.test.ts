/** A contract's suppliers: its award's, else every award's, else (no award names any) the parties with the role «supplier». */
import { contractSupplierRefs } from './contract-suppliers';

const parties = [{ id: 'B', name: 'Comisión Nacional del Agua', roles: ['buyer'] }, { id: 'S', name: 'CH. INGENIERIA Y PROYECTOS', roles: ['supplier', 'payee'] }];

describe("a contract's suppliers", () => {
  it("are its award's, else those of every award, when the awards name them", () => {
    const awards = [{ id: 'a1', suppliers: [{ id: 'X', name: 'X' }] }, { id: 'a2', suppliers: [{ id: 'Y', name: 'Y' }] }];
    expect(contractSupplierRefs({ awards, parties }, { id: 'c', awardID: 'a2' })).toEqual([{ id: 'Y', name: 'Y' }]);
    expect(contractSupplierRefs({ awards, parties }, { id: 'c', awardID: 'otro' })).toEqual([{ id: 'X', name: 'X' }, { id: 'Y', name: 'Y' }]);
  });

  it("are the parties with the role «supplier» when no award names one (the award not published, or published without them)", () => {
    expect(contractSupplierRefs({ parties }, { id: 'c', awardID: '1501776' })).toEqual([parties[1]]);
    expect(contractSupplierRefs({ awards: [{ id: '1501776' }], parties }, { id: 'c', awardID: '1501776' })).toEqual([parties[1]]);
    expect(contractSupplierRefs({ parties: [parties[0]] }, { id: 'c' })).toEqual([]);
    expect(contractSupplierRefs({ parties: 'x', awards: 3 } as Record<string, unknown>, {})).toEqual([]);
  });
});
