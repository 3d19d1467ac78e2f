/**
 * One OC4IDS `contractingProcesses[].summary` from the compiled release of the linked OCDS process, following
 * the OC4IDS 0.9.5 mapping (mapping/process-level-*.csv) where it is mechanical. Our rules where it is not:
 * - title: the only contract's title, else the only award's, else tender.title (mapping "Contract title");
 * - description: with at most one award and one contract, the contract's, else the award's description; else
 *   tender.description, else the description of a single tender item (mapping "Contract scope of work");
 * - externalReference: tender.id; tender.datePublished: the earlier of the first release tagged "tender" and
 *   tenderPeriod.startDate (a call is out no later than its tender period opens; publishers that capture in a
 *   spreadsheet release long after the call); costEstimate: tender.value of the compiled release;
 * - procuringEntity / administrativeEntity: tender.procuringEntity, else the only party with that role;
 * - suppliers: the suppliers of awards not cancelled/unsuccessful, then parties with the role "supplier";
 * - contractValue and contractPeriod: from contracts not cancelled (value summed when in one currency, period
 *   spanned); when contracts say nothing, from awards (the mapping's source), then tender.contractPeriod;
 * - finalValue: only once the process is closed and every contract not cancelled is finished (status
 *   "terminated" or implementation status "concluded"): the sum of their transactions, else of their values;
 * - modifications: contracts' amendments (id, date, description, rationale, releaseID); transactions and
 *   milestones: contracts' implementation (OC4IDS fields only). Item ids repeated across contracts are
 *   prefixed with the contract id so that items do not merge;
 * - nature: OCDS has no design/supervision distinction, so only mainProcurementCategory (or an additional
 *   category) "works" gives ["construction"], and only when the sheet typed no nature.
 */
import type { JsonObject } from '../json/json-values';
import { compact, obj, objects, pick, str } from './json-access';
import { contractingProcessStatus } from './process-status';
import { money, reference, spanPeriods, sumMoney } from './values';

export interface ReleaseLink { id: string; date?: string; tag?: readonly string[]; url?: string }

const MILESTONE_FIELDS = ['id', 'title', 'type', 'description', 'code', 'dueDate', 'dateMet', 'dateModified', 'status', 'value'];
const LIVE_AWARD = (a: JsonObject): boolean => !['cancelled', 'unsuccessful'].includes(str(a.status) ?? '');
const LIVE_CONTRACT = (c: JsonObject): boolean => str(c.status) !== 'cancelled';

/** The process's title in a project (mapping "Contract title"): its only contract's, else its only award's, else the tender's. */
export function processTitle(release: JsonObject): string | undefined {
  return str(only(objects(release.contracts))?.title) ?? str(only(objects(release.awards))?.title) ?? str(obj(release.tender)?.title);
}

function only<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

function partiesWithRole(release: JsonObject, role: string): JsonObject[] {
  return objects(release.parties).filter((p) => Array.isArray(p.roles) && p.roles.includes(role));
}

function uniqueRefs(refs: (JsonObject | undefined)[]): JsonObject[] {
  const seen = new Set<string>();
  const out: JsonObject[] = [];
  for (const ref of refs) {
    if (!ref) continue;
    const key = JSON.stringify([ref.id ?? null, ref.id === undefined ? ref.name : null]);
    if (!seen.has(key)) { seen.add(key); out.push(ref); }
  }
  return out;
}

/** Items of one kind gathered from every contract, ids made unique across contracts. */
function fromContracts(contracts: JsonObject[], items: (c: JsonObject) => unknown, build: (item: JsonObject) => JsonObject): JsonObject[] {
  const gathered = contracts.flatMap((c) => objects(items(c)).map((item, i) => {
    const built = build(item);
    built.id = str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : `${String(c.id ?? '')}-${i + 1}`);
    return { contractId: String(c.id ?? ''), built };
  }));
  const counts = new Map<unknown, number>();
  for (const g of gathered) counts.set(g.built.id, (counts.get(g.built.id) ?? 0) + 1);
  return gathered.map(({ contractId, built }) => ((counts.get(built.id) ?? 0) > 1 ? { ...built, id: `${contractId}-${String(built.id)}` } : built));
}

/** The earlier of two ISO 8601 dates (compared as instants), or whichever is present. */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

export function summaryFromRelease(release: JsonObject, links: readonly ReleaseLink[], now: string): JsonObject {
  const tender = obj(release.tender);
  const awards = objects(release.awards);
  const contracts = objects(release.contracts);
  const liveAwards = awards.filter(LIVE_AWARD);
  const liveContracts = contracts.filter(LIVE_CONTRACT);
  const status = contractingProcessStatus(release, now);

  const single = awards.length <= 1 && contracts.length <= 1;
  const description = (single ? str(contracts[0]?.description) ?? str(awards[0]?.description) : undefined)
    ?? str(tender?.description) ?? str(only(objects(tender?.items))?.description);

  const tenderDates = links.filter((l) => l.tag?.includes('tender')).map((l) => l.date).filter((d): d is string => !!d).sort();
  const categories = [str(tender?.mainProcurementCategory), ...(Array.isArray(tender?.additionalProcurementCategories) ? tender!.additionalProcurementCategories : [])];

  const transactionsOf = (c: JsonObject): unknown => obj(c.implementation)?.transactions;
  const finished = (c: JsonObject): boolean => str(c.status) === 'terminated' || str(obj(c.implementation)?.status) === 'concluded';
  let finalValue: unknown;
  if (status === 'closed' && liveContracts.length > 0 && liveContracts.every(finished)) {
    const transactions = liveContracts.flatMap((c) => objects(transactionsOf(c)));
    finalValue = transactions.length
      ? sumMoney(transactions.map((t) => t.value ?? t.amount))
      : sumMoney(liveContracts.map((c) => c.value));
  }

  return compact({
    ocid: str(release.ocid),
    externalReference: str(tender?.id),
    nature: categories.includes('works') ? ['construction'] : undefined,
    title: processTitle(release),
    description,
    status,
    tender: {
      procurementMethod: str(tender?.procurementMethod),
      procurementMethodDetails: str(tender?.procurementMethodDetails),
      datePublished: earliest(tenderDates[0], str(obj(tender?.tenderPeriod)?.startDate)),
      costEstimate: money(tender?.value),
      numberOfTenderers: typeof tender?.numberOfTenderers === 'number' ? tender.numberOfTenderers : undefined,
      tenderers: uniqueRefs(objects(tender?.tenderers).map(reference)),
      procuringEntity: reference(tender?.procuringEntity) ?? reference(only(partiesWithRole(release, 'procuringEntity'))),
      administrativeEntity: reference(only(partiesWithRole(release, 'administrativeEntity'))),
    },
    suppliers: uniqueRefs([
      ...liveAwards.flatMap((a) => objects(a.suppliers).map(reference)),
      ...partiesWithRole(release, 'supplier').map(reference),
    ]),
    contractValue: sumMoney(liveContracts.map((c) => c.value)) ?? sumMoney(liveAwards.map((a) => a.value)),
    contractPeriod: spanPeriods(liveContracts.map((c) => c.period)) ?? spanPeriods(liveAwards.map((a) => a.contractPeriod))
      ?? spanPeriods([tender?.contractPeriod]),
    finalValue,
    modifications: fromContracts(contracts, (c) => c.amendments, (a) => pick(a, ['date', 'description', 'rationale', 'releaseID'])),
    transactions: fromContracts(contracts, transactionsOf, (t) => compact({
      ...pick(t, ['source', 'date', 'uri']),
      value: money(t.value ?? t.amount),
      payer: reference(t.payer),
      payee: reference(t.payee),
    })),
    milestones: fromContracts(contracts, (c) => obj(c.implementation)?.milestones, (m) => compact({ ...pick(m, MILESTONE_FIELDS), value: money(m.value) })),
  });
}
