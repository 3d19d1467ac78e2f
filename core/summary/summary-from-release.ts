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
 * - suppliers: the suppliers of awards not cancelled/unsuccessful, then parties with the role "supplier" except
 *   those who were only suppliers of cancelled/unsuccessful awards (a party keeps its roles in the compiled
 *   release after its award is cancelled);
 * - contractValue and contractPeriod: from contracts not cancelled (value summed when in one currency, period
 *   spanned); when the process has no contracts, from awards not cancelled (the mapping's source), then
 *   tender.contractPeriod — a cancelled contract's value is not replaced by its award's;
 * - finalValue: only once the process is closed and every contract not cancelled is finished (status
 *   "terminated" or implementation status "concluded"): the sum of their transactions, else of their values;
 * - modifications: one per contract amendment (id, date, description, rationale, releaseID), with the type and
 *   the contract's old and new value or period that the releases tell (amendment-changes.ts); an amendment that
 *   changed several of value, period and scope is one variation of each (the mapping's «for each variation»),
 *   `{id}-value`, `{id}-duration`, `{id}-scope`. An amendment the official already typed in the project's
 *   «Modificaciones» sheet (same id) is given no type or old/new values: the codelist says a type «may be
 *   identified» from changes in the releases, an inference, while what the official typed is the statement, so it
 *   stays (as `nature` does) — deriveProjectSummaries lays the derived item over the typed one;
 * - transactions and milestones: contracts' implementation (OC4IDS fields only). Item ids repeated across
 *   contracts are prefixed with the contract id so that items do not merge;
 * - nature: OCDS has no design/supervision distinction, so only mainProcurementCategory (or an additional
 *   category) "works" gives ["construction"], and only when the sheet typed no nature.
 */
import type { JsonObject } from '../json/json-values';
import { compact, obj, objects, pick, str } from './json-access';
import type { AmendmentChange } from './amendment-changes';
import { contractingProcessStatus } from './process-status';
import { money, reference, spanPeriods, sumMoney, type Money } from './values';

export interface ReleaseLink { id: string; date?: string; tag?: readonly string[]; url?: string }

const MILESTONE_FIELDS = ['id', 'title', 'type', 'description', 'code', 'dueDate', 'dateMet', 'dateModified', 'status', 'value'];
const LIVE_AWARD = (a: JsonObject): boolean => !['cancelled', 'unsuccessful'].includes(str(a.status) ?? '');
const LIVE_CONTRACT = (c: JsonObject): boolean => str(c.status) !== 'cancelled';

/** The process's title in a project (mapping "Contract title"): its only contract's, else its only award's, else the tender's. */
export function processTitle(release: JsonObject): string | undefined {
  return str(only(objects(release.contracts))?.title) ?? str(only(objects(release.awards))?.title) ?? str(obj(release.tender)?.title);
}

/**
 * The process's contract value in a project (mapping "Contract price"): the sum of its contracts not cancelled when it
 * has contracts, else of its awards not cancelled or unsuccessful; `from` says which (the project-summary check names
 * where the published value comes from when it replaces the one typed in «Procesos del proyecto»).
 */
export function processContractValue(release: JsonObject): { value: Money; from: 'contracts' | 'awards' } | undefined {
  const contracts = objects(release.contracts);
  const from = contracts.length ? 'contracts' : 'awards';
  const value = contracts.length ? sumMoney(contracts.filter(LIVE_CONTRACT).map((c) => c.value)) : sumMoney(objects(release.awards).filter(LIVE_AWARD).map((a) => a.value));
  return value ? { value, from } : undefined;
}

/**
 * The process's contract period in a project: spanned over its contracts not cancelled when it has contracts, else
 * over its live awards' contract periods, else the tender's contract period.
 */
export function processContractPeriod(release: JsonObject): JsonObject | undefined {
  const contracts = objects(release.contracts);
  return (contracts.length ? spanPeriods(contracts.filter(LIVE_CONTRACT).map((c) => c.period)) : spanPeriods(objects(release.awards).filter(LIVE_AWARD).map((a) => a.contractPeriod)))
    ?? spanPeriods([obj(release.tender)?.contractPeriod]);
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

/**
 * Items of one kind gathered from every contract, ids made unique across contracts. `build` may give several
 * items for one (an amendment that was several variations), each with its id built from the item's.
 */
function fromContracts(contracts: JsonObject[], items: (c: JsonObject) => unknown, build: (item: JsonObject, c: JsonObject, id: string) => JsonObject | JsonObject[]): JsonObject[] {
  const gathered = contracts.flatMap((c) => objects(items(c)).flatMap((item, i) => {
    const id = str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : `${String(c.id ?? '')}-${i + 1}`);
    const built = build(item, c, id);
    return (Array.isArray(built) ? built : [{ ...built, id }]).map((b) => ({ contractId: String(c.id ?? ''), built: b }));
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

/**
 * What an amendment changed, as OC4IDS modifications: one per variation, or one without a type when none is told.
 * `typed`: the modification the official typed with the amendment's id, whose type, values and release stay.
 */
function modificationsOf(amendment: JsonObject, id: string, change: AmendmentChange | undefined, typed: JsonObject | undefined): JsonObject[] {
  const base = { ...pick(amendment, ['date', 'description', 'rationale']), releaseID: str(typed?.releaseID) ?? str(amendment.releaseID) ?? change?.releaseID };
  const variations: JsonObject[] = [];
  if (change && !typed) {
    if (change.newValue) variations.push({ type: 'value', oldContractValue: change.oldValue, newContractValue: change.newValue });
    if (change.newPeriod) variations.push({ type: 'duration', oldContractPeriod: change.oldPeriod, newContractPeriod: change.newPeriod });
    if (change.scope) variations.push({ type: 'scope' });
  }
  if (variations.length <= 1) return [compact({ id, ...base, ...variations[0] })];
  return variations.map((v) => compact({ id: `${id}-${String(v.type)}`, ...base, ...v }));
}

/**
 * What the process's releases withdrew: the suppliers only of cancelled/unsuccessful awards, and whether its
 * contract value has nothing in force (it has contracts, all cancelled; or no contracts, and awards, all
 * cancelled/unsuccessful). A summary typed before then may still name them; deriveProjectSummaries drops them.
 */
export function withdrawn(release: JsonObject): { suppliers: Set<string>; nothingInForce: boolean } {
  const awards = objects(release.awards);
  const contracts = objects(release.contracts);
  const ids = (list: JsonObject[]): Set<string> => new Set(list.flatMap((a) => objects(a.suppliers).map((s) => reference(s)?.id)).filter((id): id is string => typeof id === 'string'));
  const live = ids(awards.filter(LIVE_AWARD));
  const suppliers = new Set([...ids(awards.filter((a) => !LIVE_AWARD(a)))].filter((id) => !live.has(id)));
  // As contractValue is derived: from the contracts when there are any, else from the awards.
  const nothingInForce = contracts.length ? !contracts.some(LIVE_CONTRACT) : awards.length > 0 && !awards.some(LIVE_AWARD);
  return { suppliers, nothingInForce };
}

export interface SummaryInputs {
  /** What each contract amendment changed (amendmentChanges of the process's releases). */
  amendments?: readonly AmendmentChange[];
  /** The modifications the official typed for this process, by id: their type, values and release are kept. */
  typedModifications?: ReadonlyMap<string, JsonObject>;
  /**
   * Leave out the lists (modifications, transactions, milestones): the check of a workbook's CoST IDS points derives a
   * summary for each process a project lists and reads none of them — built and deleted, they were most of that
   * derivation's time (bench:publish profile), and the deletes left each summary a slower dictionary-mode object.
   */
  withoutLists?: boolean;
}

/** The process's modifications, one per contract amendment (or per variation of one): see modificationsOf. */
function modificationsFrom(contracts: JsonObject[], inputs: SummaryInputs): JsonObject[] {
  return fromContracts(contracts, (c) => c.amendments, (a, c, id) => modificationsOf(a, id,
    inputs.amendments?.find((x) => x.contractId === String(c.id ?? '') && x.amendmentId === id), inputs.typedModifications?.get(id)));
}

/** The «Modificaciones» rows typed with an id, by id: those publication lays an amendment of the same id under. */
export function typedModificationsById(summary: unknown): Map<string, JsonObject> {
  return new Map(objects(obj(summary)?.modifications).flatMap((m) => { const id = str(m.id); return id ? [[id, m] as const] : []; }));
}

/**
 * The modifications the releases give for the amendments the official typed in «Modificaciones» (same id): what
 * deriveProjectSummaries lays each of those typed rows over — the amendment's date, description and rationale under
 * the typed type and values. The CoST IDS check of a workbook judges those rows as published with it: judged as
 * typed, a row stating only the type of amendment `CM-01` was asked for the date its amendment already gives.
 * Amendments not typed are left out: their type is told from the process's earlier releases (amendment-changes.ts),
 * which a workbook does not have.
 */
export function typedAmendmentModifications(release: JsonObject, typedModifications: ReadonlyMap<string, JsonObject>): JsonObject[] {
  if (!typedModifications.size) return [];
  return modificationsFrom(objects(release.contracts), { typedModifications }).filter((m) => typeof m.id === 'string' && typedModifications.has(m.id));
}

export function summaryFromRelease(release: JsonObject, links: readonly ReleaseLink[], now: string, inputs: SummaryInputs = {}): JsonObject {
  const tender = obj(release.tender);
  const awards = objects(release.awards);
  const contracts = objects(release.contracts);
  const liveAwards = awards.filter(LIVE_AWARD);
  const liveContracts = contracts.filter(LIVE_CONTRACT);
  const status = contractingProcessStatus(release, now);
  const gone = withdrawn(release).suppliers;

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
      ...partiesWithRole(release, 'supplier').map(reference).filter((r) => !(typeof r?.id === 'string' && gone.has(r.id))),
    ]),
    contractValue: processContractValue(release)?.value,
    contractPeriod: processContractPeriod(release),
    finalValue,
    ...(inputs.withoutLists ? {} : {
      modifications: modificationsFrom(contracts, inputs),
      transactions: fromContracts(contracts, transactionsOf, (t) => compact({
        ...pick(t, ['source', 'date', 'uri']),
        value: money(t.value ?? t.amount),
        payer: reference(t.payer),
        payee: reference(t.payee),
      })),
      milestones: fromContracts(contracts, (c) => obj(c.implementation)?.milestones, (m) => compact({ ...pick(m, MILESTONE_FIELDS), value: money(m.value) })),
    }),
  });
}
