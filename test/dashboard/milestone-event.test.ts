/** A milestone on the timelines, with what became of it (dashboard/src/data/milestone-event.ts). */
import { milestoneEvent } from '../../dashboard/src/data/milestone-event';

test('a milestone says whether it was met or is only due: a due date alone read as the work done that day', () => {
  // Mérida's contract milestone: due 12/09/2025, never met; the process's timeline said «Hito: Terminación de los trabajos».
  expect(milestoneEvent({ id: 'M3', title: 'Terminación de los trabajos', status: 'scheduled', dueDate: '2025-09-12T00:00:00-06:00' }))
    .toEqual({ date: '2025-09-12T00:00:00-06:00', what: 'Terminación de los trabajos (Programado)' });
  expect(milestoneEvent({ title: 'Inicio de los trabajos', status: 'met', dueDate: '2024-08-01', dateMet: '2024-08-18' }))
    .toEqual({ date: '2024-08-18', what: 'Inicio de los trabajos (Cumplido)' });
  expect(milestoneEvent({ title: 'Entrega', status: 'notMet', dueDate: '2025-01-31' }).what).toBe('Entrega (No cumplido)');
  // Without a status: a date met is a milestone met; a due date alone is the date planned (it said «(Sin dato)»).
  expect(milestoneEvent({ title: 'Entrega', dateMet: '2025-02-03' }).what).toBe('Entrega (Cumplido)');
  expect(milestoneEvent({ id: 'H9', dueDate: '2025-02-03' }).what).toBe('H9 (fecha prevista)');
});
