/** Helpers shared by the pages: formatted figures with an explicit "Sin dato", Spanish plurals, the page context. */
import { isRealDate, num, obj, str } from '../data/read';
import { formatCount, formatDate, formatMoney, formatNumber, formatShare } from '../../../core/format/es-mx';
import { announce, h, route } from '../dom';
import type { Kpi } from '../components/kpis';
import type { Dataset } from '../data/types';
import { PUBLISHER_FILTER_KEYS, unfollowedFilters, type Filters, type Selection } from '../data/filters';
import type { Scope } from '../data/scope';
import { computedFinancialProgress } from '../../../core/stats/financial-progress';
import { sumPresent } from '../../../core/stats/publication-index';

export interface PageContext {
  ds: Dataset;
  params: string[];
  query: URLSearchParams;
  /** The global filters of the header (data/filters.ts) and the rows they select. */
  filters: Filters;
  sel: Selection;
  /** What `ds` holds: all the published data or one state's (data/scope.ts). */
  scope: Scope;
  /** Rewrites the query of the current page without a new history entry or a re-render. */
  setQuery: (q: URLSearchParams) => void;
}
export interface Page {
  title: string;
  /** Detail pages fetch their document, so a page may answer later. */
  render: (ctx: PageContext) => Node | Promise<Node>;
}

export const NO_DATA = 'Sin dato';
/** A figure never breaks across lines (CSS `.fig`: white-space nowrap). */
export const fig = (text: string): HTMLElement => h('span', { class: 'fig' }, text);
export const money = (v: number | undefined): string => (v === undefined ? NO_DATA : formatMoney(v));
/** An amount and its currency, named when it is not pesos (the tables say «Cifras en MXN salvo otra moneda indicada»). */
export const moneyIn = (v: number | undefined, currency: string | undefined): string => (v === undefined ? NO_DATA : formatMoney(v, currency || 'MXN'));
/** A card with an amount in pesos (components/kpis.ts writes it to fit), or «Sin dato». */
/** An OCDS/OC4IDS Value (`{amount, currency}`) as moneyIn writes it, or «Sin dato». */
export const moneyOf = (value: unknown): string => moneyIn(num(obj(value)?.amount), str(obj(value)?.currency));
/**
 * A row's figure in pesos, or «En otra moneda» when it has none because its amounts are in another currency (a
 * contract in USD): «Sin dato» there said nothing was published, and the process page shows the amount.
 */
export const moneyOrOther = (v: number | undefined, otherCurrency: number | boolean | undefined): string => (v === undefined && otherCurrency ? 'En otra moneda' : money(v));
/** What a total in pesos leaves out, said where it is shown (Inicio, Contrataciones): «2 montos en otras monedas no se suman.» */
export const otherCurrencyNote = (n: number): string => (n ? `${count(n)} ${n === 1 ? 'monto en otra moneda no se suma' : 'montos en otras monedas no se suman'}.` : '');
/**
 * Which value of a contract «Monto contratado» adds up (core/stats/publication-index.ts): the current one, with its
 * convenios modificatorios, and none of a cancelled contract; each process once, however many projects list it.
 */
/** What processes still at planning have contracted (core/stats/figures.ts PLANNED_METHOD): nothing yet, not «Sin dato». */
export const NOT_CONTRACTED = 'Aún sin contrato';
export const CONTRACTED_RULE = '«Monto contratado» suma el valor vigente de cada contrato (con sus convenios modificatorios), sin los contratos cancelados, y cuenta cada proceso una vez aunque esté ligado a varios proyectos.';
/** Beside a contract's amount read from `valueWithTax` (core/stats/contract-with-tax.ts): it includes VAT. */
export const WITH_TAX = 'con IVA';
/** Beside a contract's `value` that its own `valueWithTax` shows is without VAT (contract-with-tax.ts valueWithoutTax). */
export const WITHOUT_TAX = 'sin IVA';
/**
 * What a sum of contracted amounts holds of amounts published only with VAT (`valueWithTax`), said beside it: they are
 * added as published, with the other contracts' `value` (the amount the template asks for, with taxes), so a reader
 * knows which part is VAT-inclusive by the publisher's own word. Empty when none is.
 */
export const withTaxNote = (mxn: number, processes: number, label = 'Monto contratado'): string => (processes
  ? `«${label}» incluye ${formatMoney(mxn)} de ${processes === 1 ? '1 contratación que publica' : `${count(processes)} contrataciones que publican`} el monto de sus contratos solo con IVA («valueWithTax»); se suma como se publicó.`
  : '');
/**
 * What follows a process's contracted amount in a table: « con IVA» when all of it was published only with VAT, else
 * how much of it was (« ($1,000.00 con IVA)»); `part`: for a share of the process (a contractor's own contracts), where
 * only «(incluye montos con IVA)» can be said. Empty for a process without any.
 */
export function withTaxMark(r: { contracted?: number; contractedWithTax?: number }, part = false): string {
  if (r.contractedWithTax === undefined) return '';
  if (r.contractedWithTax === r.contracted) return ` ${WITH_TAX}`;
  return part ? ' (incluye montos con IVA)' : ` (${formatMoney(r.contractedWithTax)} ${WITH_TAX})`;
}
/**
 * What was paid of what the contracts come to with VAT, beside «Monto contratado» and «Monto pagado» when some
 * process's contracts publish a `valueWithTax` other than the `value` counted (CompraNet's `value` is without VAT):
 * payments are published with VAT, and a reader dividing «Monto pagado» by «Monto contratado» got a share up to 16 %
 * too high. With the CSV columns that give it again. Empty when no process does.
 */
export function paidOfInclTaxNote(processes: readonly { contracted?: number; contractedInclTax?: number; paid?: number }[]): string {
  const differing = processes.filter((p) => p.contractedInclTax !== undefined).length;
  if (!differing) return '';
  const inclTax = sumPresent(processes.map((p) => p.contractedInclTax ?? p.contracted)) ?? 0;
  const f = computedFinancialProgress(processes);
  return `«Monto contratado» cuenta ${differing === 1 ? '1 contratación' : `${count(differing)} contrataciones`} por el «value» de sus contratos, que publican aparte otro monto con IVA («valueWithTax»). Con IVA, lo contratado suma ${formatMoney(inclTax)}.${f ? ` Los pagos se publican con IVA: lo pagado es el ${formatShare(f.share)} de esa suma.` : ''} En el CSV de Contrataciones: ${f ? 'la suma de «pagado_mxn» entre la de «contratado_iva_incluido_mxn»' : 'la suma de «contratado_iva_incluido_mxn»'}.`;
}
/** withTaxNote for a sum whose with-VAT part is not known exactly (a contractor's): which processes hold some. */
export const withTaxCountNote = (label: string, processes: number): string => (processes
  ? `«${label}» incluye montos de ${processes === 1 ? '1 contratación que publica' : `${count(processes)} contrataciones que publican`} el monto de sus contratos solo con IVA («valueWithTax»), marcados «con IVA».`
  : '');
/**
 * What the header's «Año» keeps (data/filters.ts matchesProject): the projects whose period includes the year, with
 * their processes and their whole amounts — not what was signed or paid that year, as a reader of «Monto pagado»
 * under «2024» would assume. Empty without a year.
 */
export const yearRule = (filters: Filters): string => (filters.year === undefined ? ''
  : `Con el año ${filters.year}: los proyectos cuyo periodo incluye ${filters.year} y sus contrataciones, con sus montos completos (no solo lo contratado o pagado en ${filters.year}).`);
export const moneyKpi = (label: string, v: number | undefined): Kpi => (v === undefined ? { label, value: NO_DATA } : { label, amount: v });
export const date = (v: string | undefined | null): string => (isRealDate(v) ? formatDate(v) : NO_DATA);
export const count = (n: number): string => formatNumber(n, 0);
export const percent = (share: number | undefined): string => (share === undefined ? NO_DATA : formatShare(share));
/** A figure already in percent, as OC4IDS progress measures are (82.3456 → «82.3 %»: what a formula in the sheet leaves). */
export const progress = (v: number | undefined): string => (v === undefined ? NO_DATA : formatShare(v / 100));

/** "1 proyecto", "2 proyectos", "0 proyectos": the count in es-MX digits and the noun in the right number. */
export const plural = formatCount;

export function heading(title: string, intro?: string): Node[] {
  return intro ? [h('h1', { tabindex: '-1' }, title), h('p', { class: 'intro' }, intro)] : [h('h1', { tabindex: '-1' }, title)];
}

/**
 * After a pager button was used: the focus on it again, or — disabled now, on the first or last page — on the other
 * one, or on `count` (the list's count) when both are (WCAG 2.4.3: the focus was lost to <body>).
 */
export function focusPager(used: 'pagina-anterior' | 'pagina-siguiente', count: HTMLElement): void {
  const other = used === 'pagina-siguiente' ? 'pagina-anterior' : 'pagina-siguiente';
  const button = [used, other].map((id) => document.getElementById(id) as HTMLButtonElement | null).find((b) => b && !b.disabled);
  if (button) { button.focus(); return; }
  count.setAttribute('tabindex', '-1');
  count.focus();
}

/** A note under a list when the header filters narrow it, said to screen readers too (announce). */
export function filteredNote(shown: number, total: number, one: string, many: string): HTMLElement {
  const text = shown === total ? `${plural(total, one, many)}.` : `${plural(shown, one, many)} de ${count(total)} con los filtros elegidos.`;
  announce(text);
  return h('p', { class: 'count' }, text);
}

/**
 * On a page of figures per implementer (data/filters.ts PUBLISHER_FILTER_KEYS), the header's filters it does not
 * apply, said plainly at its top: «Filtros (1 activo)» over Calidad read as Juárez's figures. Null when none is set.
 */
export function unfollowedFiltersNote(filters: Filters): HTMLElement | null {
  const labels = unfollowedFilters(filters, PUBLISHER_FILTER_KEYS);
  if (!labels.length) return null;
  const named = labels.length === 1 ? `El filtro ${labels[0]} no se aplica` : `Los filtros ${labels.slice(0, -1).join(', ')} y ${labels[labels.length - 1]} no se aplican`;
  return h('p', { class: 'note', id: 'filtros-sin-efecto' },
    `${named} en esta página, que muestra lo que publica cada implementador completo. Solo se aplican los filtros Estado e Implementador.`);
}

/**
 * On a page of figures per implementer, what the header's search did: there it chooses implementers by name or state
 * (data/filters.ts matchesPublisherSearch), not projects — said at the top, and when no implementer matches, where the
 * projects and processes it may have meant are. Null without a search.
 */
export function publisherSearchNote(filters: Filters, query: URLSearchParams, shown: number, total: number): HTMLElement | null {
  if (!filters.q) return null;
  // As typed (filters.q is folded: «merida» for «Mérida»).
  const asked = `«${(query.get('q') ?? filters.q).trim()}»`;
  if (shown) {
    return h('p', { class: 'note', id: 'busqueda-implementadores' },
      `En esta página la búsqueda ${asked} elige implementadores por su nombre, clave o estado: ${shown === total ? `coinciden ${plural(total, 'implementador', 'implementadores')}` : `${plural(shown, 'implementador', 'implementadores')} de ${count(total)}`}.`);
  }
  // In-app links carry the header's search and filters (main.ts): the lists show what it finds there.
  return h('p', { class: 'note', id: 'busqueda-implementadores' },
    `Ningún implementador tiene ${asked} en su nombre, clave o estado: en esta página la búsqueda elige implementadores, no proyectos ni contratos. Vea lo que coincide en `,
    h('a', { href: route('proyectos') }, 'Proyectos'), ' o en ', h('a', { href: route('contrataciones') }, 'Contrataciones'), ', o borre la búsqueda.');
}

/**
 * Why the header's search and filters leave nothing, and how to get out of it: Inicio said it, and Contrataciones
 * showed a count of 0 over an empty table. `what`: what is missing, as the page lists it.
 */
export function nothingMatched(ds: Dataset, filters: Filters, what = 'Nada de lo publicado'): string {
  // A state no implementer has (a mistyped «Yucatan», an old link) is named: «otras palabras» read wrong with no
  // search, and the select's «Yucatan (sin datos publicados)» is cut short in its box (filter-bar.ts).
  const unknownState = filters.state !== undefined && filters.state !== '' && !ds.publishers.some((p) => p.state === filters.state);
  // An implementer (or every implementer of a state) registered that has not published yet is said so; and «otras
  // palabras» only after a search: with filters alone it read as if words had been typed.
  const chosen = filters.publisher ? ds.publishers.find((p) => p.id === filters.publisher) : undefined;
  const ofState = filters.state ? ds.publishers.filter((p) => p.state === filters.state) : [];
  return unknownState
    ? `No hay datos publicados para el estado «${filters.state}». Elija uno de la lista «Estado» de los filtros del encabezado, o quite los filtros.`
    : chosen && !chosen.currentPublication
      ? `${chosen.name} aún no ha publicado proyectos ni contrataciones: su compromiso está en Seguimiento. Elija otro implementador o quite los filtros.`
      : !chosen && ofState.length && ofState.every((p) => !p.currentPublication)
        ? `Ningún implementador de ${filters.state} ha publicado aún proyectos ni contrataciones: sus compromisos están en Seguimiento. Elija otro estado o quite los filtros.`
        : filters.q
          ? `${what} coincide con la búsqueda y los filtros del encabezado. Pruebe con otras palabras o quite los filtros.`
          : `${what} coincide con los filtros del encabezado. Elija otros o quite los filtros.`;
}
