/**
 * `summary.status` from the business logic of OC4IDS's contractingProcessStatus codelist:
 * - closed: tender cancelled/unsuccessful/withdrawn; or every award cancelled/unsuccessful; or every contract
 *   terminated/cancelled; or every contract period has ended;
 * - active: some contract is active; or some contract period includes the present;
 * - pre-award: no awards and no contracts; or all of them pending; or every award date is in the future.
 * The codelist's conditions can overlap; explicit statuses are read before dates, in the order above.
 * Contract periods are taken in the codelist's order of preference: Contract.period, Award.contractPeriod,
 * tender.contractPeriod. Returns undefined when the data says nothing decisive (the typed status stays).
 */
import type { JsonObject } from '../json/json-values';
import { obj, objects, str } from './json-access';
import { dateTime } from './values';

export type ProcessStatus = 'pre-award' | 'active' | 'closed';

const ENDED_TENDER = new Set(['cancelled', 'unsuccessful', 'withdrawn']);
const FAILED_AWARD = new Set(['cancelled', 'unsuccessful']);
const ENDED_CONTRACT = new Set(['terminated', 'cancelled']);

export function contractingProcessStatus(release: JsonObject, now: string): ProcessStatus | undefined {
  const tender = obj(release.tender);
  const awards = objects(release.awards);
  const contracts = objects(release.contracts);
  const status = (o: JsonObject | undefined): string | undefined => str(o?.status);
  const every = <T>(list: T[], test: (item: T) => boolean): boolean => list.length > 0 && list.every(test);
  const at = dateTime(now);

  if (ENDED_TENDER.has(status(tender) ?? '')) return 'closed';
  if (every(awards, (a) => FAILED_AWARD.has(status(a) ?? ''))) return 'closed';
  if (every(contracts, (c) => ENDED_CONTRACT.has(status(c) ?? ''))) return 'closed';
  if (contracts.some((c) => status(c) === 'active')) return 'active';
  if (awards.length === 0 && contracts.length === 0) return 'pre-award';
  if (every([...awards, ...contracts], (x) => status(x) === 'pending')) return 'pre-award';

  const periods = (contracts.length ? contracts.map((c) => c.period) : awards.length ? awards.map((a) => a.contractPeriod) : [tender?.contractPeriod])
    .map(obj).filter((p): p is JsonObject => p !== undefined);
  const includesNow = (p: JsonObject): boolean => {
    const start = str(p.startDate);
    const end = str(p.endDate);
    return (!start || dateTime(start) <= at) && (!end || dateTime(end) >= at) && (start !== undefined || end !== undefined);
  };
  if (periods.some(includesNow)) return 'active';
  if (every(periods, (p) => str(p.endDate) !== undefined && dateTime(str(p.endDate)!) < at)) return 'closed';

  const awardDates = awards.map((a) => str(a.date) ?? str(obj(tender?.awardPeriod)?.startDate));
  if (every(awardDates, (d) => d !== undefined && dateTime(d) > at)) return 'pre-award';
  return undefined;
}
