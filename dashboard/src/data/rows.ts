/**
 * Flat rows for tables, filters and downloads: the entries of `/api/index` (core/stats/publication-index.ts)
 * with their publisher's name and state, and their institutions and bidders read from the index's `parties`. A
 * project links its processes through `contractingProcesses[].id` (= the OCDS ocid, OC4IDS 0.9.5); the index
 * already carries both directions of that link.
 */
import type { IndexAnswer, Party, ProcessEntry, ProjectEntry } from '../../../core/stats/publication-index';
import { competitionBand, type CompetitionBand } from '../../../core/stats/figures';
import { yearOf } from './read';
import { supplierKey } from './suppliers';

export type { Party } from '../../../core/stats/publication-index';

interface Owner { publisherId: string; publisherName: string; state: string }

export type ProjectRow = Omit<ProjectEntry, 'authority'> & Owner & { authority?: Party; startYear?: number; endYear?: number };


export type ProcessRow = Omit<ProcessEntry, 'buyer' | 'bidders'> & Owner & { buyer?: Party; bidders?: string[]; band: CompetitionBand; year?: number };

/** The bands of core/stats/figures.ts (the same function): a process still at planning has its own. */
export { competitionBand };

export function indexRows(index: IndexAnswer): { projects: ProjectRow[]; processes: ProcessRow[] } {
  const projects: ProjectRow[] = [];
  const processes: ProcessRow[] = [];
  for (const p of index.publishers) {
    const owner: Owner = { publisherId: p.publisherId, publisherName: p.name, state: p.state };
    const parties = p.parties ?? [];
    const party = (i: number | undefined): Party | undefined => (i === undefined ? undefined : parties[i]);
    for (const e of p.projects) projects.push({ ...e, ...owner, authority: party(e.authority), startYear: yearOf(e.start), endYear: yearOf(e.end) });
    for (const e of p.processes) {
      // Keyed as contractors are (their RFC when they have one): a contractor's page finds the processes it bid in.
      const bidders = e.bidders?.map((i) => { const b = parties[i]; return b ? supplierKey(b) : ''; }).filter(Boolean);
      processes.push({ ...e, ...owner, buyer: party(e.buyer), bidders, band: competitionBand(e.tenderers, e.stage), year: yearOf(e.date) });
    }
  }
  return { projects, processes };
}
