/**
 * Some documents prove how far a process has gone, and the capture tool moved the statuses when one was added
 * (rules.md R-38, `changeStatus.js`): a signed contract means the award is active and the contract is in force; a
 * completion certificate means the contract ended and the works concluded; an award notice closes the tender. A
 * status behind its documents is what the public reads, so it is warned on the status cell:
 * `status.behindDocuments` (warning); an act declaring the procedure void (desierto) asks for `unsuccessful`. Cancelled, unsuccessful and withdrawn are final and never "behind".
 * Documents count for the stage that holds them: a contract's documents for that contract, an award's (and its
 * contracts') for that award, any of the process's for the tender.
 */
import { itemsAt, objectAt, someAlong, stringAt } from './json';
import { codeTitle } from './code-label';
import type { Check, JsonObject, Report } from './types';

/** Ordered statuses per stage; codes not listed (cancelled, unsuccessful, withdrawn) are final. */
const ORDER: Record<string, string[]> = {
  tenderStatus: ['planning', 'planned', 'active', 'complete'],
  awardStatus: ['pending', 'active'],
  contractStatus: ['pending', 'active', 'terminated'],
  implementationStatus: ['planning', 'ongoing', 'concluded'],
};

/** Per document type, the least status each stage must have reached (changeStatus.js). */
const IMPLIES: Record<string, Partial<Record<keyof typeof ORDER, string>>> = {
  request: { tenderStatus: 'planned' },
  tenderNotice: { tenderStatus: 'active' },
  awardNotice: { tenderStatus: 'complete', awardStatus: 'active' },
  contractSigned: { tenderStatus: 'complete', awardStatus: 'active', contractStatus: 'active', implementationStatus: 'ongoing' },
  completionCertificate: { tenderStatus: 'complete', awardStatus: 'active', contractStatus: 'terminated', implementationStatus: 'concluded' },
};

function typesOf(holder: JsonObject, path: string): string[] {
  const types: string[] = [];
  someAlong(holder, path, (item) => {
    const type = stringAt(item, 'documentType');
    if (type !== undefined) types.push(type);
    return false;
  });
  return types;
}

/**
 * The finding's words: Spanish titles, as the status cell's drop-down offers them (they read «Pendiente (pending)», the
 * only message that showed officials an English code). A JSON document is written in codes, so the code of the status
 * to write comes along (`expectedCode`), said only there (the catalogue's `[[…||…]]`).
 */
function statusParams(codelist: string, status: string, expected: string, document: string): Record<string, string> {
  return { value: codeTitle(codelist, status), expected: codeTitle(codelist, expected), expectedCode: expected, document: codeTitle('documentType', document) };
}

/** Reports when `status` is before the furthest status the documents imply for this stage. */
function compare(codelist: keyof typeof ORDER, status: string | undefined, types: string[], pointer: string, report: Report): void {
  const order = ORDER[codelist];
  if (status === undefined || !order.includes(status)) return;
  let needed = -1;
  let because = '';
  for (const type of types) {
    const implied = IMPLIES[type]?.[codelist];
    const rank = implied === undefined ? -1 : order.indexOf(implied);
    if (rank > needed) { needed = rank; because = type; }
  }
  if (needed > order.indexOf(status)) {
    report('status.behindDocuments', 'warning', pointer, statusParams(codelist, status, order[needed], because));
  }
}

export const documentStatus: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const tender = objectAt(data, 'tender');
    const method = stringAt(tender, 'procurementMethod');
    const contracts = itemsAt(data, 'contracts', pointer).map(({ item, pointer: p }) => ({ item, pointer: p, types: [...typesOf(item, 'documents'), ...typesOf(item, 'implementation/documents')] }));
    // The award notice (fallo) decides every award of the tender, wherever it is filed.
    const notice = typesOf(data, 'tender/documents').filter((t) => t === 'awardNotice');
    // The document types of the contracts of each award, by its id: looked up, not filtered per award — every award
    // against every contract took 15 s for a process of 16,000 of each (a 1 MB workbook).
    const byAward = new Map<string, string[]>();
    for (const c of contracts) {
      const awardId = stringAt(c.item, 'awardID');
      if (awardId === undefined) continue;
      const types = byAward.get(awardId);
      if (types) types.push(...c.types);
      else byAward.set(awardId, [...c.types]);
    }
    const awards = itemsAt(data, 'awards', pointer).map(({ item, pointer: p }) => {
      const id = stringAt(item, 'id');
      const own = (id !== undefined && byAward.get(id)) || [];
      return { item, pointer: p, types: [...typesOf(item, 'documents'), ...own, ...notice] };
    });
    // A tender notice moves the tender only in open and selective procedures (a direct award has none to publish).
    const tenderTypes = [...typesOf(data, 'planning/documents'), ...typesOf(data, 'tender/documents'), ...awards.flatMap((a) => a.types), ...contracts.flatMap((c) => c.types)]
      .filter((t) => t !== 'tenderNotice' || method === 'open' || method === 'selective');
    const tenderStatus = stringAt(tender, 'status');
    if (tenderTypes.includes('unsuccessfulProcedureNotice') && tenderStatus !== undefined && ORDER.tenderStatus.includes(tenderStatus)) {
      // The procedure was declared void (desierto): no status in the normal course fits.
      report('status.behindDocuments', 'warning', `${pointer}/tender/status`, statusParams('tenderStatus', tenderStatus, 'unsuccessful', 'unsuccessfulProcedureNotice'));
    } else if (tender) compare('tenderStatus', tenderStatus, tenderTypes, `${pointer}/tender/status`, report);
    for (const a of awards) compare('awardStatus', stringAt(a.item, 'status'), a.types, `${a.pointer}/status`, report);
    for (const c of contracts) {
      compare('contractStatus', stringAt(c.item, 'status'), c.types, `${c.pointer}/status`, report);
      compare('implementationStatus', stringAt(objectAt(c.item, 'implementation'), 'status'), c.types, `${c.pointer}/implementation/status`, report);
    }
  }
};
