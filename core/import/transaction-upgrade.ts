/**
 * Payments as OCDS 1.0 wrote them, upgraded to OCDS 1.1 (release schema, Transaction: `amount`,
 * `providerOrganization` and `receiverOrganization` are deprecated in favour of `value`, `payer` and `payee`).
 * Published Mexican data still carries them (Ciudad de México's SEFIN, 2016); the template has columns for the 1.1
 * fields only, so without this each payment was imported with its id and date alone.
 * - `amount` → `value` (when there is no `value`).
 * - An Identifier (`{scheme, id, legalName}`) → an OrganizationReference to the party it names: the party whose
 *   `identifier.id` or `id` is that id, else whose name is the legal name (preferring one with the role), which
 *   gets the role `payer` or `payee`; with none, a party is added for it.
 * One info finding per release says how many payments changed.
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';

type Obj = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

function partyFor(release: Obj, identifier: Obj, role: 'payer' | 'payee'): Obj | undefined {
  const id = text(identifier.id);
  const name = text(identifier.legalName) ?? text(identifier.name);
  if (!id && !name) return undefined;
  const parties = Array.isArray(release.parties) ? release.parties.filter(isObject) : [];
  const named = (p: Obj): boolean => {
    const own = isObject(p.identifier) ? text(p.identifier.id) : undefined;
    return id !== undefined ? own === id || text(p.id) === id : false;
  };
  const roles = (p: Obj): unknown[] => (Array.isArray(p.roles) ? p.roles : []);
  const candidates = parties.filter(named);
  const byName = candidates.length ? candidates : parties.filter((p) => name !== undefined && text(p.name) === name);
  let party = byName.find((p) => roles(p).includes(role === 'payee' ? 'supplier' : 'buyer')) ?? byName[0];
  if (!party) {
    const scheme = text(identifier.scheme);
    party = { id: scheme && id ? `${scheme}-${id}` : (id ?? name), ...(name ? { name } : {}), ...(id ? { identifier: { ...(scheme ? { scheme } : {}), id } } : {}), roles: [] };
    release.parties = [...(Array.isArray(release.parties) ? release.parties : []), party];
  }
  if (!roles(party).includes(role)) party.roles = [...roles(party), role];
  return { id: party.id, ...(text(party.name) ? { name: party.name } : {}) };
}

export function upgradeTransactions(release: Obj, pointer: string, findings: Finding[]): void {
  let count = 0;
  for (const contract of Array.isArray(release.contracts) ? release.contracts : []) {
    const implementation = isObject(contract) ? contract.implementation : undefined;
    const transactions = isObject(implementation) && Array.isArray(implementation.transactions) ? implementation.transactions : [];
    for (const t of transactions) {
      if (!isObject(t)) continue;
      let changed = false;
      if (t.amount !== undefined && t.value === undefined) {
        t.value = t.amount;
        delete t.amount;
        changed = true;
      }
      for (const [from, to] of [['providerOrganization', 'payer'], ['receiverOrganization', 'payee']] as const) {
        const identifier = t[from];
        if (!isObject(identifier) || t[to] !== undefined) continue;
        const reference = partyFor(release, identifier, to);
        if (!reference) continue;
        t[to] = reference;
        delete t[from];
        changed = true;
      }
      if (changed) count++;
    }
  }
  if (count) findings.push(finding('import.transactions-upgraded', 'info', { count }, { pointer: `${pointer}/contracts` }));
}
