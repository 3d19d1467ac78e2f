/**
 * A contract names the award it implements (OCDS 1.1 Contract.awardID: "The award.id against which this contract is
 * being issued"): an id that no award of the process has links the contract to nothing — its supplier, the value it
 * is compared with and the dashboard's contractor all come from that award. `contract.awardNotFound` (warning: real
 * publications carry such contracts, and what to fix is a typed key).
 */
import { itemsAt, objectsAt } from './json';
import type { Check } from './types';

const idText = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

export const awardReference: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const contracts = itemsAt(data, 'contracts', pointer);
    if (contracts.length === 0) continue;
    const ids = objectsAt(data, 'awards').map((a) => idText(a.id));
    // An award without its id is already an error (schema.required), and may be the one meant: nothing more to say.
    if (ids.includes(undefined)) continue;
    const awards = new Set(ids);
    for (const { item: contract, pointer: p } of contracts) {
      const awardID = idText(contract.awardID);
      if (awardID !== undefined && !awards.has(awardID)) report('contract.awardNotFound', 'warning', `${p}/awardID`, { value: awardID });
    }
  }
};
