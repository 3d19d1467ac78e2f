/**
 * What each contract amendment of a process changed, told from the process's releases (a compiled release keeps
 * only the latest value of each field: the value and period a contract had before its «convenio modificatorio»
 * are only in the releases published before it).
 *
 * OC4IDS 0.9.5 asks, for each variation of a contract, a `summary.modifications` entry with its type and the
 * contract's value or period before and after it (mapping/process-level-implementation.csv: «monitor
 * `/contracts/value`» and «`/contracts/period` for changes»; modificationType codelist: a change of value «may be
 * identified» by changes of `contract.value`, one of duration by changes of `contract.period`, one of scope by
 * changes of the contract's description or items). Our rules:
 * - an amendment belongs to the release that first carries it (the workbook has no `releaseID` column: an
 *   official types the amendment and the new value or end date in the same revision, and publishing it makes one
 *   release), or to its own `releaseID` when that is one of the process's releases (a publisher's history);
 * - before: the contract as compiled from the releases before that one (through `amendsReleaseID` when the
 *   amendment names one of them); after: as compiled through that release;
 * - when a release first carries several amendments of one contract, the change cannot be split between them:
 *   none is given a change (their releaseID still says where they appeared); likewise an amendment in the
 *   process's first release, with nothing before it to compare with.
 */
import { sortReleases } from '../merge/sort-releases';
import { isObject, type JsonObject } from '../json/json-values';
import { objects, str } from './json-access';
import { money, type Money } from './values';

/**
 * The version of what amendmentChanges tells: changes stored with a publication (publish.ts, its index's
 * `amendments`) by another version are told again from the releases.
 */
export const AMENDMENT_CHANGES_VERSION = 1;

export interface AmendmentChange {
  contractId: string;
  amendmentId: string;
  /** The release that carries the amendment. */
  releaseID: string;
  oldValue?: Money;
  newValue?: Money;
  oldPeriod?: JsonObject;
  newPeriod?: JsonObject;
  /** The contract's description or items changed with the amendment. */
  scope?: boolean;
}

const PERIOD_FIELDS = ['startDate', 'endDate', 'maxExtentDate', 'durationInDays'];

/**
 * An object merged as OCDS merges one (fields replaced, objects merged field by field, `null` removes); arrays are
 * replaced whole, which for what is compared here (a contract's value, period and items) only matters to data that
 * sends part of an item: enough to tell that something changed.
 */
function mergeInto(target: JsonObject, source: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(source)) {
    if (value === null) delete target[key];
    else if (isObject(value)) target[key] = mergeInto(isObject(target[key]) ? target[key] as JsonObject : {}, value);
    else target[key] = value;
  }
  return target;
}

/** One contract as the releases so far left it: only what is compared. */
interface ContractSoFar { value: JsonObject; period: JsonObject; description?: string; items: Map<string, JsonObject>; amendments: Map<string, JsonObject> }

interface ContractState { value?: Money; period?: JsonObject; description?: string; items?: string; amendments: Set<string> }

function stateOf(c: ContractSoFar): ContractState {
  const period = Object.fromEntries(PERIOD_FIELDS.filter((k) => c.period[k] !== undefined).map((k) => [k, c.period[k]]));
  return {
    value: money(c.value),
    period: Object.keys(period).length ? period : undefined,
    description: c.description,
    items: c.items.size ? JSON.stringify([...c.items.values()]) : undefined,
    amendments: new Set(c.amendments.keys()),
  };
}

function idOf(id: unknown): string | undefined {
  return str(id) ?? (typeof id === 'number' ? String(id) : undefined);
}

/**
 * The contracts as the releases leave them (OCDS merge, in date order: contracts, items and amendments by id), and
 * what is compared of them after each release.
 */
function contractsThrough(sorted: readonly JsonObject[]): { states: Map<string, ContractState>[]; contracts: Map<string, ContractSoFar> } {
  const contracts = new Map<string, ContractSoFar>();
  const states: Map<string, ContractState>[] = [];
  for (const release of sorted) {
    const touched = new Set<string>();
    for (const c of objects(release.contracts)) {
      const id = idOf(c.id);
      if (id === undefined) continue;
      touched.add(id);
      let so = contracts.get(id);
      if (!so) contracts.set(id, so = { value: {}, period: {}, items: new Map(), amendments: new Map() });
      if (c.value === null) so.value = {}; else if (isObject(c.value)) mergeInto(so.value, c.value);
      if (c.period === null) so.period = {}; else if (isObject(c.period)) mergeInto(so.period, c.period);
      if (c.description === null) so.description = undefined; else if (typeof c.description === 'string') so.description = str(c.description);
      for (const [list, into] of [[c.items, so.items], [c.amendments, so.amendments]] as const) {
        for (const item of objects(list)) {
          const itemId = idOf(item.id);
          if (itemId !== undefined) into.set(itemId, mergeInto(into.get(itemId) ?? {}, item));
        }
      }
    }
    const previous = states[states.length - 1];
    // A contract the release does not mention is as it was: its state is shared, not built again.
    states.push(new Map([...contracts].map(([id, so]) => [id, touched.has(id) || !previous?.has(id) ? stateOf(so) : previous.get(id)!])));
  }
  return { states, contracts };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The process's contract amendments, each with the release that carries it and, where it can be told, what it changed. */
export function amendmentChanges(releases: readonly JsonObject[]): AmendmentChange[] {
  const sorted = sortReleases(releases);
  if (!sorted.length) return [];
  const { states, contracts } = contractsThrough(sorted);
  const position = new Map(sorted.map((r, k) => [str(r.id) ?? '', k]));
  const out: AmendmentChange[] = [];
  for (const [contractId, contract] of contracts) {
    const placed = [...contract.amendments].flatMap(([amendmentId, amendment]) => {
      const own = position.get(str(amendment.releaseID) ?? '');
      const at = own ?? states.findIndex((s) => s.get(contractId)?.amendments.has(amendmentId));
      return at < 0 ? [] : [{ amendmentId, at, amends: position.get(str(amendment.amendsReleaseID) ?? '') }];
    });
    const together = new Map<number, number>();
    for (const { at } of placed) together.set(at, (together.get(at) ?? 0) + 1);
    for (const { amendmentId, at, amends } of placed) {
      const change: AmendmentChange = { contractId, amendmentId, releaseID: String(sorted[at].id) };
      const beforeAt = amends !== undefined && amends < at ? amends : at - 1;
      const before = beforeAt >= 0 ? states[beforeAt].get(contractId) : undefined;
      const after = states[at].get(contractId);
      if (before && after && together.get(at) === 1) {
        // A value or period stated for the first time is no variation: both sides are needed.
        if (before.value && after.value && !same(before.value, after.value)) Object.assign(change, { oldValue: before.value, newValue: after.value });
        if (before.period && after.period && !same(before.period, after.period)) Object.assign(change, { oldPeriod: before.period, newPeriod: after.period });
        const changed = (key: 'description' | 'items'): boolean => before[key] !== undefined && after[key] !== undefined && before[key] !== after[key];
        if (changed('description') || changed('items')) change.scope = true;
      }
      out.push(change);
    }
  }
  return out;
}

/** Whether a compiled release has any contract amendment (the releases need reading only then). */
export function hasContractAmendments(compiled: JsonObject | undefined): boolean {
  return objects(compiled?.contracts).some((c) => objects(c.amendments).length > 0);
}
