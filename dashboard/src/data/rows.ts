/**
 * Flat rows for tables, filters and downloads: the entries of `/api/index` (core/stats/publication-index.ts)
 * with their publisher's name and state, and their institutions and bidders read from the index's `parties`. A
 * project links its processes through `contractingProcesses[].id` (= the OCDS ocid, OC4IDS 0.9.5); each
 * publication's index carries both directions of that link for its own, linkAcrossPublishers those between publishers.
 */
import { sumPresent, type IndexAnswer, type Party, type ProcessEntry, type ProjectEntry } from '../../../core/stats/publication-index';
import { competitionBand, type CompetitionBand } from '../../../core/stats/figures';
import { yearOf } from './read';
import { supplierKey } from './suppliers';

export type { Party } from '../../../core/stats/publication-index';

interface Owner { publisherId: string; publisherName: string; state: string }

/**
 * `contractedWithTax`: the part of `contracted` its processes published only with VAT (their own `contractedWithTax`,
 * core/stats/contract-with-tax.ts), when `contracted` is their sum; absent when none is, or when `contracted` is the
 * project's summaries' (not every process published here), which say nothing of VAT. Made by linkAcrossPublishers.
 */
export type ProjectRow = Omit<ProjectEntry, 'authority'> & Owner & { authority?: Party; startYear?: number; endYear?: number; contractedWithTax?: number };


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
  linkAcrossPublishers({ projects, processes });
  return { projects, processes };
}

/**
 * The links between a project and the processes of other implementers it lists, which no publication's index holds
 * (each index links its own projects and processes): a state's project contracted by a municipality under a «convenio
 * de coordinación» lists the municipality's ocids (OC4IDS 0.9.5, «Linking to OCDS data»). Made here, from the rows
 * of the publishers loaded, as each publisher's current data stands: the process names the project that lists it,
 * and the project's «Contratado» and «Pagado» count its processes as they are published now — as publicationIndex
 * counts a project's own processes — not as its summaries said when the project was published. In place (the pages
 * hold the rows); run again after addDetails, which writes the index's figures back. Sets every project's
 * `contractedWithTax` too.
 */
export function linkAcrossPublishers(rows: { projects: ProjectRow[]; processes: ProcessRow[] }): void {
  const byOcid = new Map<string, ProcessRow>();
  for (const r of rows.processes) if (!byOcid.has(r.ocid)) byOcid.set(r.ocid, r);
  for (const p of rows.projects) {
    let across = false;
    for (const ocid of p.ocids) {
      const r = byOcid.get(ocid);
      if (!r || r.publisherId === p.publisherId) continue;
      across = true;
      if (!r.projectIds.includes(p.id)) r.projectIds = [...r.projectIds, p.id];
    }
    const linked = [...new Set(p.ocids)].map((o) => byOcid.get(o));
    const all = linked.length > 0 && linked.every((r) => r !== undefined);
    if (across) {
      const paid = sumPresent(linked.map((r) => r?.paid));
      if (paid !== undefined) p.paid = paid;
      if (all) {
        const contracted = sumPresent(linked.map((r) => r?.contracted));
        if (contracted === undefined) delete p.contracted;
        else p.contracted = contracted;
      }
    }
    // Whenever «Contratado» is its processes' sum (all of them here, as publicationIndex and the lines above count
    // it), the VAT-inclusive part they hold: the project's page said their amounts without «con IVA».
    p.contractedWithTax = all ? sumPresent(linked.map((r) => r?.contractedWithTax)) : undefined;
  }
}
