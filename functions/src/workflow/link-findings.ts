/**
 * What a send says about the workbook's links to other implementers (published-elsewhere.ts): a process of another
 * implementer's that it has not published leaves the project's summary as typed, and a process naming another
 * implementer's project that does not list it is left out of that project. One function for the send's intake
 * (submission-work.ts) and for the add-on's «Validar», which asks before sending (POST /api/link-check): both say
 * the same. Where a summary will come from is said at publication, as of then, not here.
 */
import type { CellRef, Finding } from '../../../core/findings/finding';
import type { ForeignProcess, ForeignProject } from '../../../core/summary/foreign-processes';
import { namedProjectsElsewhere, publishedElsewhere } from '../publication/published-elsewhere';
import type { Publisher, Store } from '../store/store';

export async function linkFindings(store: Store, publisher: Publisher, foreign: readonly (ForeignProcess & { cell?: CellRef })[], named: readonly (ForeignProject & { cell?: CellRef })[]): Promise<Finding[]> {
  return [
    ...(await publishedElsewhere(store, publisher, foreign)).findings.filter((f) => f.code === 'link.otherPublisherUnpublished'),
    ...(await namedProjectsElsewhere(store, publisher, named)),
  ];
}
