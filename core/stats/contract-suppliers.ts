/**
 * Who a contract was given to, as references to parties (`{ id, name }` objects as published). OCDS names a
 * contract's suppliers on its award (`awardID`); without a matching award, on every award of the process. Some
 * publishers publish the contract and not its award: the federal government's CompraNet records
 * (../shared/standards/examples/real-mx/ocds-07smqs-1386-1386.json) name the company only in `parties`, with the role
 * «supplier», which OCDS defines as awarded *or contracted*. Read from the awards alone, such a process had no
 * contractor anywhere on the dashboard: not on its page, not in Contratistas, and a search by the company's name or
 * RFC found nothing. When the awards name nobody, the parties with that role are the contract's suppliers.
 */
import { stringsOf, type JsonObject } from '../json/json-values';
import { objects } from '../summary/json-access';

/** The supplier references of `contract`, a contract of the compiled release `compiled`. */
export function contractSupplierRefs(compiled: JsonObject, contract: JsonObject): JsonObject[] {
  const awards = objects(compiled.awards);
  const award = awards.find((a) => a.id === contract.awardID);
  const named = award ? objects(award.suppliers) : awards.flatMap((a) => objects(a.suppliers));
  if (named.length) return named;
  return objects(compiled.parties).filter((p) => stringsOf(p.roles).includes('supplier'));
}
