/**
 * What each release of a process changed, read from its record's versioned release (OCDS 1.1 "Versioned data"), for
 * *Contratación*'s «Historial de publicaciones» (pages/process-history.ts): the main fields' old and new values, and
 * the items a later release added to a list. Pure (no page): its unit test reads it from a real merge.
 */
import { formatDate, formatMoney } from '../../../core/format/es-mx';
import { isRealDate, num, obj, str } from './read';
import type { Json } from './types';
import { milestoneStatusTitle, processCodeTitle } from '../labels';

const NO_DATA = 'Sin dato';
const date = (v: string | undefined): string => (isRealDate(v) ? formatDate(v) : NO_DATA);
const moneyOf = (value: unknown): string => { const amount = num(obj(value)?.amount); return amount === undefined ? NO_DATA : formatMoney(amount, str(obj(value)?.currency) || 'MXN'); };

/** One field's history entry in a versioned release (OCDS 1.1 "Versioned data"). */
interface Version { releaseID?: unknown; releaseDate?: unknown; value?: unknown }
const isHistory = (v: unknown): v is Version[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => { const o = obj(x); return o !== undefined && 'value' in o && ('releaseDate' in o || 'releaseID' in o); });
const latest = (v: unknown): unknown => (isHistory(v) ? v[v.length - 1].value : undefined);

type Show = (value: unknown, parent: Json) => string;
const amountIn: Show = (value, parent) => (value === null || value === undefined ? NO_DATA : moneyOf({ amount: value, currency: latest(parent.currency) }));
const code = (list: Parameters<typeof processCodeTitle>[0]): Show => (value) => (str(value) ? processCodeTitle(list, str(value) ?? '') : NO_DATA);
const day: Show = (value) => date(str(value));

/**
 * The fields named with their values, by path (`[]` an item of a list, named by its `id`). The others are counted:
 * their values are in the release's JSON.
 */
const FIELDS: Record<string, { label: (id: string) => string; show: Show }> = {
  'planning.budget.amount.amount': { label: () => 'Presupuesto', show: amountIn },
  'tender.value.amount': { label: () => 'Valor estimado de la licitación', show: amountIn },
  'tender.status': { label: () => 'Estado de la licitación', show: code('tenderStatus') },
  'tender.tenderPeriod.endDate': { label: () => 'Fin del periodo de propuestas', show: day },
  'awards[].value.amount': { label: (id) => `Monto de la adjudicación ${id}`, show: amountIn },
  'awards[].status': { label: (id) => `Estado de la adjudicación ${id}`, show: code('awardStatus') },
  'contracts[].value.amount': { label: (id) => `Monto del contrato ${id}`, show: amountIn },
  'contracts[].status': { label: (id) => `Estado del contrato ${id}`, show: code('contractStatus') },
  'contracts[].period.endDate': { label: (id) => `Fin del contrato ${id}`, show: day },
  'contracts[].implementation.status': { label: (id) => `Ejecución del contrato ${id}`, show: code('implementationStatus') },
};

interface Changed { release: string; when: string; text?: string }

const on = (d: unknown): string => (str(d) ? ` del ${date(str(d))}` : '');
const what = (o: Json): string => { const t = str(latest(o.description)) ?? str(latest(o.rationale)) ?? str(latest(o.title)); return t ? `: ${t}` : ''; };
const paid = (t: Json): string => { const v = obj(t.value) ?? obj(t.amount); return v ? `: ${amountIn(latest(v.amount), v)}` : ''; };

/**
 * Items added to a list after the first publication, named by the release that added them (`owner`: the id of the
 * contract they belong to). A month's payments, a convenio modificatorio, a milestone are new items, not new values
 * of fields published before: the history listed none of them, and a month's update read as nothing changed.
 */
const ADDED: Record<string, (item: Json, id: string, owner: string) => string> = {
  'tender.amendments[]': (a, id) => `Modificación de la licitación ${id}${on(latest(a.date))}${what(a)}`,
  'contracts[].amendments[]': (a, id, k) => `Convenio modificatorio ${id} del contrato ${k}${on(latest(a.date))}${what(a)}`,
  'contracts[].implementation.transactions[]': (t, id, k) => `Pago ${id} del contrato ${k}${on(latest(t.date))}${paid(t)}`,
  'contracts[].implementation.milestones[]': (m, id, k) => `Hito del contrato ${k}: ${str(latest(m.title)) ?? id}${str(latest(m.status)) ? ` (${milestoneStatusTitle(str(latest(m.status)) ?? '')})` : ''}`,
};

/** The first history entry of any field of `item`: the release that added it to its list. */
function firstSeen(item: unknown): Version | undefined {
  let first: Version | undefined;
  const visit = (node: unknown): void => {
    if (isHistory(node)) {
      const v = node[0];
      if (!first || Date.parse(String(v.releaseDate ?? '')) < Date.parse(String(first.releaseDate ?? ''))) first = v;
    } else if (Array.isArray(node)) node.forEach(visit);
    else { const o = obj(node); if (o) Object.values(o).forEach(visit); }
  };
  visit(item);
  return first;
}

/**
 * Every change in `versioned`: a field's entry after its first, by the release that made it. Its first entry is when
 * it was first published, not a change.
 */
export function changes(versioned: Json | undefined): Changed[] {
  const out: Changed[] = [];
  const walk = (node: unknown, path: string, id: string, parent: Json): void => {
    if (isHistory(node)) {
      const field = Object.prototype.hasOwnProperty.call(FIELDS, path) ? FIELDS[path] : undefined;
      for (let i = 1; i < node.length; i++) {
        const v = node[i];
        out.push({ release: String(v.releaseID ?? ''), when: String(v.releaseDate ?? ''),
          text: field && `${field.label(id)}: de ${field.show(node[i - 1].value, parent)} a ${field.show(v.value, parent)}` });
      }
    } else if (Array.isArray(node)) {
      // A list of items merged by id: each item's fields are versioned, its id is not.
      const added = Object.prototype.hasOwnProperty.call(ADDED, `${path}[]`) ? ADDED[`${path}[]`] : undefined;
      node.forEach((item, n) => {
        const itemId = str(obj(item)?.id) ?? String(n + 1);
        const seen = added && obj(item) ? firstSeen(item) : undefined;
        // `id` is still the item it belongs to (the contract of a payment); the first release's items are not «added».
        if (added && seen) out.push({ release: String(seen.releaseID ?? ''), when: String(seen.releaseDate ?? ''), text: added(obj(item) as Json, itemId, id) });
        walk(item, `${path}[]`, itemId, parent);
      });
    } else {
      const o = obj(node);
      if (o) for (const [key, child] of Object.entries(o)) if (key !== 'id' || path === '') walk(child, path ? `${path}.${key}` : key, id, o);
    }
  };
  walk(versioned, '', '', {});
  return out;
}
