/**
 * Organization references must point at an entry of `parties` that carries the matching role
 * (OCDS 1.1 "Parties": "the party referenced should also appear in the parties section with the role…";
 * OC4IDS 0.9 parties the same way). EDCA-MX pick lists are role-driven (rules.md R-24/R-25).
 * `reference.unknownParty` (error): the id is not in `parties`; `reference.partyByIdentifier` (error) when it is one
 * party's identifier (its RFC) instead. `reference.missingRole` (warning): the party exists but lacks the role.
 */
import { itemsAlong, itemsAt, objectsAt, someAlong, stringAt } from './json';
import type { Check, Doc, JsonObject, Report } from './types';
import { codeTitle } from './code-label';
import type { Standard } from '../profile/types';
import { columnOfField } from '../template/column-of-field';
import { templateSpec } from '../template/template-spec';

/** Path of the objects that hold the reference, the reference key (an object or array of them), accepted roles. */
type Rule = [holder: string, key: string, roles: string[]];

const OCDS_RULES: Rule[] = [
  ['', 'buyer', ['buyer']],
  ['tender', 'procuringEntity', ['procuringEntity']],
  ['tender', 'tenderers', ['tenderer']],
  ['awards', 'suppliers', ['supplier']],
  ['contracts/implementation/transactions', 'payer', ['payer']],
  ['contracts/implementation/transactions', 'payee', ['payee']],
  ['contracts/guarantees', 'guarantor', ['guarantor']],
  ['planning/budget/budgetBreakdown', 'sourceParty', ['funder', 'sourceParty']],
  ['planning/budgetBreakdown', 'sourceParty', ['funder', 'sourceParty']],
  ['planning/requestsForQuotes', 'invitedSuppliers', ['invitedSupplier']],
  ['planning/requestsForQuotes/quotes', 'issuingSupplier', ['issuingSupplier']],
  ['planning', 'requestingUnits', ['requestingUnit']],
  ['planning', 'contractingUnits', ['contractingUnit']],
  ['planning', 'responsibleUnits', ['responsibleUnit']],
  // The extension adds attendee/official; INAI data uses the longer codes (standards README, known quirks).
  ['tender/clarificationMeetings', 'attendees', ['attendee', 'clarificationMeetingAttendee']],
  ['tender/clarificationMeetings', 'officials', ['official', 'clarificationMeetingOfficial']],
];

const OC4IDS_RULES: Rule[] = [
  ['', 'publicAuthority', ['publicAuthority']],
  ['budget/budgetBreakdowns/budgetBreakdown', 'sourceParty', ['funder']],
  ['transactions', 'payer', ['payer']],
  ['transactions', 'payee', ['payee']],
];

const REFERENCE_FIELDS: Record<Standard, ReadonlySet<string>> = {
  ocds: new Set(OCDS_RULES.map(([holder, key]) => `${holder ? `${holder}/` : ''}${key}/id`)),
  oc4ids: new Set(OC4IDS_RULES.map(([holder, key]) => `${holder ? `${holder}/` : ''}${key}/id`)),
};

/**
 * The fields where a reference to a party is typed (`awards/suppliers/id`): the workbook's reader takes a party's
 * bare RFC typed there in lowercase in capitals (core/unflatten/read-rows.ts), as the party's own RFC is.
 */
export function partyReferenceFields(standard: Standard): ReadonlySet<string> {
  return REFERENCE_FIELDS[standard];
}

/**
 * The party a reference meant when its id is a party's identifier rather than the party's id: Nuevo León's payments
 * name their payee «MTE110517KS6», the RFC of the party «RFC-MTE110517KS6». Only one party may have it; told
 * «no está registrado», the official added the same contractor a second time.
 */
function partyByIdentifier(doc: JsonObject, id: string): { id: string; name: string } | undefined {
  const matches = objectsAt(doc, 'parties').filter((p) => {
    const identifier = p.identifier;
    return identifier !== null && typeof identifier === 'object' && !Array.isArray(identifier) && stringAt(identifier as JsonObject, 'id') === id && stringAt(p, 'id') !== undefined;
  });
  const ids = new Set(matches.map((p) => stringAt(p, 'id') as string));
  if (ids.size !== 1) return undefined;
  const [party] = matches;
  return { id: stringAt(party, 'id') as string, name: stringAt(party, 'name') ?? (stringAt(party, 'id') as string) };
}

function partyRoles(doc: JsonObject): Map<string, Set<string>> {
  const parties = new Map<string, Set<string>>();
  for (const item of objectsAt(doc, 'parties')) {
    const id = stringAt(item, 'id');
    if (id === undefined) continue;
    let roles = parties.get(id);
    if (!roles) parties.set(id, (roles = new Set()));
    if (Array.isArray(item.roles)) for (const r of item.roles) if (typeof r === 'string') roles.add(r);
  }
  return parties;
}

/**
 * Whether any reference of the document misses its party or role: the same walk as checkDoc without pointers,
 * which checkDoc then builds only for a document with a finding (most have none; the pointers of every holder
 * and reference were most of this check's time).
 */
const REF_PATHS = new Map<Rule, string>();

/** The path of a rule's references (`tender/tenderers`), joined once. */
function refPath(rule: Rule): string {
  let path = REF_PATHS.get(rule);
  if (path === undefined) REF_PATHS.set(rule, (path = rule[0] ? `${rule[0]}/${rule[1]}` : rule[1]));
  return path;
}

function anyProblem(data: JsonObject, rules: Rule[], parties: Map<string, Set<string>>): boolean {
  // A holder's references (an object or a list of them) are the object items along holder/key.
  return rules.some((rule) => someAlong(data, refPath(rule), (ref) => {
    const roles = rule[2];
    const id = stringAt(ref, 'id');
    if (id === undefined) return false;
    const found = parties.get(id);
    return !found || !roles.some((r) => found.has(r));
  }));
}

/**
 * The sheet where the document's parties are typed, named in the findings: a workbook has two, «Actores» (EDCA-MX)
 * and «Actores del proyecto» (EDCAPI), and «la hoja de actores» sent the engineer who named a project's funder to
 * add it to the processes' one, where it does not count.
 */
const PARTY_SHEETS = new Map<Standard, string>();
function partySheet(standard: Standard): string {
  let sheet = PARTY_SHEETS.get(standard);
  if (sheet === undefined) PARTY_SHEETS.set(standard, (sheet = columnOfField(templateSpec(), standard, 'parties/name')?.sheet ?? 'Actores'));
  return sheet;
}

function checkDoc({ data, pointer }: Doc, rules: Rule[], standard: Standard, report: Report): void {
  const parties = partyRoles(data);
  if (!anyProblem(data, rules, parties)) return;
  const sheet = partySheet(standard);
  for (const [holder, key, roles] of rules) {
    const holders = holder ? itemsAlong(data, holder, pointer) : [{ item: data, pointer }];
    for (const { item, pointer: holderPointer } of holders) {
      const refs = Array.isArray(item[key]) ? itemsAt(item, key, holderPointer) : itemsAlong(item, key, holderPointer);
      for (const { item: ref, pointer: refPointer } of refs) {
        const id = stringAt(ref, 'id');
        if (id === undefined) continue; // a reference without id is the schema's / program's finding
        const found = parties.get(id);
        const meant = found ? undefined : partyByIdentifier(data, id);
        if (meant) report('reference.partyByIdentifier', 'error', `${refPointer}/id`, { value: id, party: meant.id, name: meant.name, sheet });
        else if (!found) report('reference.unknownParty', 'error', `${refPointer}/id`, { value: id, sheet });
        else if (!roles.some((r) => found.has(r))) report('reference.missingRole', 'warning', `${refPointer}/id`, { value: id, role: codeTitle('partyRole', roles[0]), sheet });
      }
    }
  }
}

export const partyReferences: Check = ({ releases, projects, report }) => {
  for (const doc of releases) checkDoc(doc, OCDS_RULES, 'ocds', report);
  for (const doc of projects) checkDoc(doc, OC4IDS_RULES, 'oc4ids', report);
};
