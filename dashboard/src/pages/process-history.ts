/**
 * *Contratación*'s «Historial de publicaciones»: each release of the process (the record's `releases`: url, date,
 * tag) with its date, what it was in Spanish (its tags, by the titles of the template's releaseTag list) and a link to
 * its JSON. The page shows the compiled state only: without this a reader could not tell that an amount was corrected
 * a month later or a tender was cancelled, nor when.
 *
 * For a release that changed a value an earlier one had published, the main ones (amounts, statuses, end dates) are
 * named with their old and new value, read from the versioned release that `/api/ocds/records/{ocid}` already sends
 * with the record the page loads (functions/src/api/record-with-history.ts): nothing more is downloaded.
 */
import { h, safeUrl } from '../dom';
import { obj, objects, str } from '../data/read';
import type { Json } from '../data/types';
import { milestoneStatusTitle, processCodeTitle, releaseTagTitle } from '../labels';
import { count, date, moneyOf, NO_DATA } from './common';

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

/** The release's id, from its link (`…/api/ocds/releases?ocid=…&releaseID=…`, functions/src/publication/urls.ts). */
function releaseIdOf(url: string | undefined): string | undefined {
  try { return url ? new URL(url).searchParams.get('releaseID') ?? undefined : undefined; } catch { return undefined; }
}

/** What a release was, by its tags: «Adjudicación, Contrato». */
const tagsText = (tags: unknown): string => {
  const list = (Array.isArray(tags) ? tags : [tags]).map(str).filter((t): t is string => !!t);
  return list.length ? list.map(releaseTagTitle).join(', ') : 'Publicación sin etiqueta';
};

/** A release's moment, for its order: dates with different offsets compare as instants; undated last. */
const at = (d: string | undefined): number => { const ms = Date.parse(d ?? ''); return Number.isNaN(ms) ? Infinity : ms; };

/** The list of the record's releases, oldest first, each with what it changed. */
export function publicationHistory(record: Json | undefined, redactions: readonly Json[] = []): HTMLElement {
  const links = objects(record?.releases).map((l, n) => ({ n, url: str(l.url), date: str(l.date), tags: l.tag }))
    .sort((a, b) => at(a.date) - at(b.date) || a.n - b.n);
  if (!links.length) return h('p', null, 'Sin publicaciones registradas de este proceso.');
  const all = changes(obj(record?.versionedRelease));
  return h('ol', { class: 'timeline history', id: 'historial-publicaciones' }, links.map((l, i) => {
    const id = releaseIdOf(l.url);
    const href = safeUrl(l.url);
    const mine = i === 0 ? [] : all.filter((c) => (id ? c.release === id : c.when === l.date));
    const named = mine.map((c) => c.text).filter((t): t is string => !!t);
    const others = mine.length - named.length;
    const when = date(l.date);
    const ordinal = `${count(i + 1)} de ${count(links.length)}`;
    return h('li', null,
      l.date ? h('time', { datetime: l.date.slice(0, 10) }, when) : when, ' ', tagsText(l.tags), '. ',
      // Its accessible name carries the visible «JSON» and says which one, as screen readers list links apart.
      href ? h('a', { href, 'aria-label': `JSON de la publicación ${ordinal}, del ${when}` }, 'JSON') : null,
      redactionNote('Esta entrega', id ? redactions.filter((r) => str(r.releaseID) === id) : [], { class: 'note history-redacted' }),
      named.length || others ? h('ul', { class: 'history-changes' },
        named.slice(0, 8).map((t) => h('li', null, t)),
        named.length > 8 || others ? h('li', null, otherText(others + Math.max(0, named.length - 8), named.length > 0)) : null) : null);
  }));
}

/** The changes not named above, counted: «Cambiaron 3 datos más: véalos en el JSON.» */
const otherText = (n: number, more: boolean): string => (n === 1
  ? `Cambió ${more ? 'otro dato más' : 'un dato'}: véalo en el JSON.`
  : `Cambiaron ${count(n)} datos${more ? ' más' : ''}: véalos en el JSON.`);

/**
 * A document the platform changed after publishing it, to remove personal data (the package's `redactions`,
 * functions/src/api/redaction-notes.ts): its JSON no longer says what it said that day, and a reader who kept an
 * earlier copy is told why they differ — never what was removed. `subject`: «Esta entrega», «Este proyecto».
 */
export function redactionNote(subject: string, redactions: readonly Json[], attributes: Record<string, string>): HTMLElement | null {
  const days = [...new Set(redactions.map((r) => date(str(r.redactedDate))))];
  if (!days.length) return null;
  return h('p', attributes, `${subject} se corrigió el ${days.join(' y el ')} para suprimir datos personales; lo demás que dice no cambió.`);
}
