/**
 * Apps Script stops every execution at six minutes («Script runtime: 6 min / execution», quotas), and a
 * google.script.run call stopped so reaches the sidebar as Google's own English «Exceeded maximum execution time»,
 * with nothing of what was done. Reading and checking must be done; marking the cells (two reads and two writes of
 * each sheet's notes and fills) can be left out. So past MARKS_UNTIL_MS «Validar» and «Enviar» mark no more sheets,
 * and say so: the list, which says where each error is, still arrives.
 */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

/** After this, no further sheet is marked: what is left of the six minutes is for the rest (the list, the send). */
export const MARKS_UNTIL_MS = 4 * 60 * 1000;

export interface Deadline {
  /** Whether optional work (marks) should be left out now. */
  late(): boolean;
}

/** From the start of the execution (Date.now() when the entry point was called). */
export function deadlineFrom(startedAt: number, now: () => number = Date.now): Deadline {
  return { late: () => now() - startedAt > MARKS_UNTIL_MS };
}
