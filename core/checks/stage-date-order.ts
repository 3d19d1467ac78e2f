/**
 * Stages happen in order: the tender period closes before the award is decided, and a contract is signed on or
 * after the date of the award it implements (`contracts.awardID` → `awards.id`, OCDS 1.1 Contract).
 * The capture tool never checked this across stages (rules.md R-50), so these are warnings:
 * `date.awardBeforeTenderEnd`, `date.signedBeforeAward`.
 */
import { itemsAt, objectAt, stringAt, timeAt } from './json';
import type { Check } from './types';

export const stageDateOrder: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const tenderEnd = timeAt(objectAt(objectAt(data, 'tender'), 'tenderPeriod'), 'endDate');
    const tenderEndText = stringAt(objectAt(objectAt(data, 'tender'), 'tenderPeriod'), 'endDate') ?? '';
    const awardDates = new Map<string, { time: number; text: string }>();
    for (const { item: award, pointer: p } of itemsAt(data, 'awards', pointer)) {
      const date = timeAt(award, 'date');
      if (date === undefined) continue;
      const id = stringAt(award, 'id');
      if (id !== undefined) awardDates.set(id, { time: date, text: stringAt(award, 'date') ?? '' });
      if (tenderEnd !== undefined && date < tenderEnd) report('date.awardBeforeTenderEnd', 'warning', `${p}/date`, { value: stringAt(award, 'date') ?? '', tenderEnd: tenderEndText });
    }
    for (const { item: contract, pointer: p } of itemsAt(data, 'contracts', pointer)) {
      const signed = timeAt(contract, 'dateSigned');
      const award = awardDates.get(stringAt(contract, 'awardID') ?? '');
      if (signed !== undefined && award && signed < award.time) report('date.signedBeforeAward', 'warning', `${p}/dateSigned`, { value: stringAt(contract, 'dateSigned') ?? '', awardDate: award.text });
    }
  }
};
