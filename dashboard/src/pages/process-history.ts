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
import { releaseTagTitle } from '../labels';
import { count, date } from './common';
import { changes } from '../data/release-changes';


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
