/** How late a project is against its plan, in calendar days, as its page says it (dashboard/src/data/schedule-slip.ts). */
import { contractSlip, contractSlipText, contractTermFact, scheduleSlip, scheduleSlipText } from '../../dashboard/src/data/schedule-slip';

// A fixed «today» given to the function, never the clock's.
const TODAY = '2026-12-07';

describe('a project against its planned end', () => {
  it('ended: the days between its planned end and its end, each read as the day written in it', () => {
    // Mérida's concluded park, had it ended three months late; dates with their offsets, one at 23:00 (still 30/11 there).
    const late = scheduleSlip('completion', '2023-08-31T00:00:00-06:00', '2023-11-30T23:00:00-06:00', TODAY);
    expect(late).toEqual({ kind: 'ended', days: 91 });
    expect(scheduleSlipText(late!)).toBe('Terminó 91 días después de lo previsto');
    expect(scheduleSlipText(scheduleSlip('completion', '2023-11-30T00:00:00-06:00', '2023-11-30T00:00:00-06:00', TODAY)!)).toBe('Terminó en la fecha prevista');
    expect(scheduleSlipText(scheduleSlip('completion', '2023-12-01', '2023-11-30', TODAY)!)).toBe('Terminó 1 día antes de lo previsto');
    // Across a leap day and a change of year: 2024-02-28 → 2025-03-01 is 367 days.
    expect(scheduleSlip('completion', '2024-02-28', '2025-03-01', TODAY)).toEqual({ kind: 'ended', days: 367 });
  });

  it('still under way past its planned end: overdue by the days since, with thousands grouped', () => {
    const overdue = scheduleSlip('implementation', '2025-09-30T00:00:00-06:00', undefined, TODAY);
    expect(overdue).toEqual({ kind: 'overdue', days: 433 });
    expect(scheduleSlipText(overdue!)).toBe('Sin terminar: su término previsto pasó hace 433 días (no se ha publicado su fecha de terminación)');
    expect(scheduleSlipText(scheduleSlip('preparation', '2021-12-07', undefined, TODAY)!)).toMatch(/hace 1,826 días/);
  });

  it('says nothing it cannot know: no planned end, an end still to come, a cancelled work, one concluded without its date', () => {
    expect(scheduleSlip('implementation', undefined, undefined, TODAY)).toBeUndefined();
    expect(scheduleSlip('implementation', '2026-12-07', undefined, TODAY)).toBeUndefined();
    expect(scheduleSlip('implementation', '2027-01-31', undefined, TODAY)).toBeUndefined();
    expect(scheduleSlip('cancelled', '2025-12-31', undefined, TODAY)).toBeUndefined();
    expect(scheduleSlip('completion', '2025-12-31', undefined, TODAY)).toBeUndefined();
    expect(scheduleSlip(undefined, 'no es fecha', '2025-12-31', TODAY)).toBeUndefined();
  });
});

describe('a contract against the end of its term', () => {
  it('still carried out past its term (as amended): overdue by the days since, in words with its end date', () => {
    // Mérida's calle 60 contract, its term extended by a convenio to 15/12/2025, still «En ejecución».
    const slip = contractSlip({ status: 'active', endDate: '2025-12-15T00:00:00-06:00', implementationStatus: 'ongoing' }, TODAY);
    expect(slip).toEqual({ kind: 'overdue', days: 357 });
    expect(contractSlipText(slip!, '2025-12-15T00:00:00-06:00')).toBe('Su vigencia terminó el 15/12/2025, hace 357 días, y no se ha publicado su conclusión');
    // Without statuses published it is read as in force.
    expect(contractSlip({ endDate: '2026-12-06' }, TODAY)).toEqual({ kind: 'overdue', days: 1 });
    // As Ejecución says it, after the implementation status; without one, it says that status is what is missing.
    expect(contractTermFact({ status: 'active', endDate: '2025-12-15', implementationStatus: 'ongoing' }, 'En ejecución', TODAY))
      .toBe('En ejecución. Su vigencia terminó el 15/12/2025, hace 357 días, y no se ha publicado su conclusión.');
    expect(contractTermFact({ status: 'active', endDate: '2025-12-15' }, 'Sin dato', TODAY))
      .toBe('Sin estado de ejecución publicado. Su vigencia terminó el 15/12/2025, hace 357 días, y no se ha publicado su conclusión.');
    expect(contractTermFact({ status: 'active', endDate: '2027-01-31', implementationStatus: 'ongoing' }, 'En ejecución', TODAY)).toBe('En ejecución');
  });

  it('nothing for a contract not in force, concluded, without a term, or whose term is still running', () => {
    for (const status of ['pending', 'cancelled', 'terminated']) expect(contractSlip({ status, endDate: '2025-01-31' }, TODAY)).toBeUndefined();
    expect(contractSlip({ status: 'active', endDate: '2025-01-31', implementationStatus: 'concluded' }, TODAY)).toBeUndefined();
    expect(contractSlip({ status: 'active' }, TODAY)).toBeUndefined();
    expect(contractSlip({ status: 'active', endDate: '2026-12-07' }, TODAY)).toBeUndefined();
  });
});
