/**
 * The dashboard's rows straight from the columnar `/api/index/compact` (core/stats/compact-index.ts): the same
 * rows as indexRows() makes from the object form (a test compares them on the seeded data), built in one pass,
 * each row an object literal of one fixed shape. Copying 15,000 parsed objects with spreads (indexRows) cost
 * about as much as downloading them; here every party is read once and shared by the rows that name it.
 */
import type { CompactIndex } from '../../../core/stats/compact-index';
import { competitionBand, type Party, type ProcessRow, type ProjectRow } from './rows';
import { yearOf } from './read';

export function compactRows(c: CompactIndex): { projects: ProjectRow[]; processes: ProcessRow[] } {
  const S = c.strings;
  const str = (r: number | null): string | undefined => (r === null ? undefined : S[r]);
  const val = (v: number | null): number | undefined => (v === null ? undefined : v);
  const parties: Party[] = c.parties.map(([id, name, locality]) => (locality === null ? { id: S[id], name: S[name] } : { id: S[id], name: S[name], locality: S[locality] }));
  const party = (i: number | null): Party | undefined => (i === null ? undefined : parties[i]);
  const bidderKeys = parties.map((b) => b.id || `nombre:${b.name}`);
  const projects: ProjectRow[] = [];
  const processes: ProcessRow[] = [];
  for (const p of c.publishers) {
    const P = p.projects;
    const R = p.processes;
    for (let i = 0; i < P.id.length; i++) {
      const start = str(P.start[i]);
      const end = str(P.end[i]);
      const lng = P.lng[i];
      const lat = P.lat[i];
      projects.push({
        id: P.id[i], title: P.title[i], status: S[P.status[i]], type: str(P.type[i]), sector: P.sector[i].map((x) => S[x]),
        budget: val(P.budget[i]), contracted: val(P.contracted[i]), paid: val(P.paid[i]), finalValue: val(P.finalValue[i]),
        physicalProgress: val(P.physicalProgress[i]), financialProgress: val(P.financialProgress[i]),
        start, end, updated: str(P.updated[i]),
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
        ocid: R.ocid[i], title: R.title[i], method: S[R.method[i]], category: str(R.category[i]), tenderers,
        suppliers: R.suppliers[i].map((x) => parties[x]),
        contracts: R.contracts[i].map(([value, paid, suppliers]) => ({ value: val(value), paid: val(paid), suppliers })),
        contracted: val(R.contracted[i]), paid: val(R.paid[i]), date, projectIds: R.projectIds[i].map((x) => P.id[x]),
        otherCurrency: val(R.otherCurrency[i]), stage: str(R.stage[i]) as ProcessRow['stage'], buyer: party(R.buyer[i]),
        bidders: bidders ? bidders.map((x) => bidderKeys[x]) : undefined,
        publisherId: p.publisherId, publisherName: p.name, state: p.state, band: competitionBand(tenderers), year: yearOf(date),
      });
    }
  }
  return { projects, processes };
}
