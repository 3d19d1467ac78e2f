/**
 * The dashboard's rows straight from the columnar `/api/index/compact` (core/stats/compact-index.ts): the same
 * rows as indexRows() makes from the object form (a test compares them on the seeded data), built in one pass,
 * each row an object literal of one fixed shape. Copying 15,000 parsed objects with spreads (indexRows) cost
 * about as much as downloading them; here every party is read once and shared by the rows that name it.
 *
 * From the `core` half alone (Inicio's first render) the detail fields are placeholders — a project or process is
 * titled by its id or ocid, a process has no contracts listed — until addDetails() fills the same row objects in
 * place.
 */
import { decodeParty, expandStages, type CompactIndex, type CompactPart } from '../../../core/stats/compact-index';
import { competitionBand, linkAcrossPublishers, type Party, type ProcessRow, type ProjectRow } from './rows';
import { yearOf } from './read';
import { supplierKey } from './suppliers';

export interface Rows { projects: ProjectRow[]; processes: ProcessRow[] }

const val = (v: number | null | undefined): number | undefined => (v === null ? undefined : v);
const awardsOf = (a: [number | null, number[]][] | null | undefined): ProcessRow['awards'] => (a ? a.map(([value, suppliers]) => ({ value: val(value), suppliers })) : undefined);

export function compactRows(c: CompactIndex | CompactPart): Rows {
  const S = c.strings;
  const str = (r: number | null | undefined): string | undefined => (r === null || r === undefined ? undefined : S[r]);
  const parties: Party[] = c.parties.map((p) => decodeParty(S, p));
  const party = (i: number | null): Party | undefined => (i === null ? undefined : parties[i]);
  const bidderKeys = parties.map((b) => supplierKey(b));
  const projects: ProjectRow[] = [];
  const processes: ProcessRow[] = [];
  for (const p of c.publishers) {
    // Columns a core half leaves out read as absent.
    const P = p.projects as Partial<CompactIndex['publishers'][number]['projects']> & CompactIndex['publishers'][number]['projects'];
    const R = p.processes as Partial<CompactIndex['publishers'][number]['processes']> & CompactIndex['publishers'][number]['processes'];
    for (let i = 0; i < P.id.length; i++) {
      const start = str(P.start[i]);
      const end = str(P.end[i]);
      const lng = P.lng[i];
      const lat = P.lat[i];
      projects.push({
        id: P.id[i], title: P.title ? P.title[i] : P.id[i], status: S[P.status[i]], type: str(P.type[i]), sector: P.sector[i].map((x) => S[x]),
        budget: val(P.budget[i]), contracted: val(P.contracted?.[i]), contractedWithTax: undefined, paid: val(P.paid?.[i]), finalValue: val(P.finalValue[i]),
        physicalProgress: val(P.physicalProgress?.[i]), financialProgress: val(P.financialProgress?.[i]),
        start, end, stages: expandStages(P.stages?.[i], str), ended: str(P.ended?.[i]), updated: str(P.updated[i]),
        ocids: P.ocids[i].map((o) => (typeof o === 'number' ? R.ocid[o] : o)),
        location: lng !== null && lat !== null ? [lng, lat] : undefined,
        otherCurrency: val(P.otherCurrency[i]), authority: party(P.authority[i]), municipality: str(P.municipality[i]),
        publisherId: p.publisherId, publisherName: p.name, state: p.state, startYear: yearOf(start), endYear: yearOf(end),
      });
    }
    for (let i = 0; i < R.ocid.length; i++) {
      const tenderers = val(R.tenderers[i]);
      const date = str(R.date[i]);
      const bidders = R.bidders[i];
      processes.push({
        ocid: R.ocid[i], title: R.title ? R.title[i] : R.ocid[i], method: S[R.method[i]], category: str(R.category?.[i]), tenderers,
        suppliers: R.suppliers[i].map((x) => parties[x]),
        contracts: R.contracts ? R.contracts[i].map(([value, paid, suppliers, amendments]) => ({ value: val(value), paid: val(paid), suppliers, amendments })) : [],
        contracted: val(R.contracted[i]), contractedWithTax: val(R.contractedWithTax?.[i]), contractedInclTax: val(R.contractedInclTax?.[i]), paid: val(R.paid[i]), date, projectIds: R.projectIds[i].map((x) => P.id[x]),
        otherCurrency: val(R.otherCurrency[i]), stage: str(R.stage?.[i]) as ProcessRow['stage'], buyer: party(R.buyer[i]),
        bidders: bidders ? bidders.map((x) => bidderKeys[x]) : undefined, numbers: R.numbers?.[i] ?? undefined, awards: awardsOf(R.awards?.[i]),
        publisherId: p.publisherId, publisherName: p.name, state: p.state, band: competitionBand(tenderers, str(R.stage?.[i])), year: yearOf(date),
      });
    }
  }
  linkAcrossPublishers({ projects, processes });
  return { projects, processes };
}

/**
 * Fills the detail fields of rows made from `core` with the `details` half, in place (pages already holding the
 * rows see them). False, with nothing changed, when the halves do not describe the same entries (a publication
 * came out between the two requests): the caller then loads the whole index again.
 */
export function addDetails(rows: Rows, core: CompactPart, details: CompactPart): boolean {
  if (details.publishers.length !== core.publishers.length) return false;
  for (let k = 0; k < core.publishers.length; k++) {
    const a = core.publishers[k];
    const b = details.publishers[k];
    if (a.publicationId !== b.publicationId || a.publisherId !== b.publisherId) return false;
    if (b.projects.id?.length !== a.projects.id?.length || b.processes.ocid?.length !== a.processes.ocid?.length) return false;
  }
  const S = details.strings;
  const str = (r: number | null | undefined): string | undefined => (r === null || r === undefined ? undefined : S[r]);
  let pi = 0;
  let ri = 0;
  for (const p of details.publishers) {
    const P = p.projects;
    const R = p.processes;
    for (let i = 0; i < (P.id?.length ?? 0); i++, pi++) {
      const row = rows.projects[pi];
      if (P.title) row.title = P.title[i];
      row.contracted = val(P.contracted?.[i]);
      row.paid = val(P.paid?.[i]);
      row.physicalProgress = val(P.physicalProgress?.[i]);
      row.financialProgress = val(P.financialProgress?.[i]);
      row.stages = expandStages(P.stages?.[i], str);
      row.ended = str(P.ended?.[i]);
    }
    for (let i = 0; i < (R.ocid?.length ?? 0); i++, ri++) {
      const row = rows.processes[ri];
      if (R.title) row.title = R.title[i];
      row.category = str(R.category?.[i]);
      row.contracts = R.contracts ? R.contracts[i].map(([value, paid, suppliers, amendments]) => ({ value: val(value), paid: val(paid), suppliers, amendments })) : [];
      // In the core half now (its figures need it); a details half of an earlier server still brings it.
      if (R.stage) row.stage = str(R.stage[i]) as ProcessRow['stage'];
      row.numbers = R.numbers?.[i] ?? undefined;
      row.awards = awardsOf(R.awards?.[i]);
    }
  }
  linkAcrossPublishers(rows);
  return true;
}
