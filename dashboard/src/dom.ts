/**
 * The only way pages build DOM: elements with text nodes and attributes, never innerHTML, so every value from
 * the data is inert text whatever it contains (`<script>`, quotes…). Links from the data pass `safeUrl`. Each text
 * closes the bidirectional overrides it opens (core/format/bidi-closed.ts): a title «\u202E…» showed the next
 * supplier, project or figure on its line in reverse.
 */
import { closeBidi } from '../../core/format/bidi-closed';
import { safeUrl } from './safe-url';

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'object' ? c : document.createTextNode(closeBidi(String(c))));
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    // Words a reader hears or sees as a tooltip are text as well; an address (href) is left exactly as it is.
    else el.setAttribute(k, v === true ? '' : k === 'aria-label' || k === 'title' ? closeBidi(String(v)) : String(v));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function svg(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export { safeUrl };

export function externalLink(url: unknown, text?: string): Node {
  const href = safeUrl(url);
  // `ext`: a link named by words (a document's title) prints its address after them (styles.css): on paper
  // «AUTORIZACION PRESUPUESTAL 092» alone said nothing of where the document is.
  return href ? h('a', { href, rel: 'noopener noreferrer', class: text !== undefined && text !== href ? 'ext' : undefined }, text ?? href) : document.createTextNode(closeBidi(text ?? String(url ?? '')));
}

let announcing: ReturnType<typeof setTimeout> | undefined;
/** The words `announce` is about to write (until its moment comes), so that withdrawAnnouncement can take them back. */
let pending: string | undefined;
/**
 * Says `text` to screen readers through the page's one live region, `#anuncio` (index.html, outside <main>): a
 * count or an outcome drawn inside <main> is not read when the page is drawn anew, as its own live region is new
 * too (WCAG 4.1.3). Emptied first and written a moment later, so the same words are read again; the last call wins.
 */
export function announce(text: string): void {
  const region = document.getElementById('anuncio');
  if (!region) return;
  clearTimeout(announcing);
  region.textContent = '';
  pending = text;
  announcing = setTimeout(() => { region.textContent = text; pending = undefined; }, 100);
}

/**
 * A value refused on its field (WCAG 3.3.1): marked invalid, described by `describedBy` (ids, the reason's first), and
 * given the focus to be corrected, where a screen reader reads the reason. Where the focus already is (Enter in that
 * field), focusing it reads nothing: `reason` is said through `#anuncio` instead.
 */
export function refuseField(input: HTMLElement, describedBy: string, reason: string): void {
  markRefused(input, describedBy);
  focusRefused(input, reason);
}

/** refuseField's mark alone: for a form that refuses several fields at once and focuses the first (focusRefused). */
export function markRefused(input: HTMLElement, describedBy: string): void {
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', describedBy);
}

/** refuseField's focus alone: the refused field focused, or `reason` said when the focus is already there. */
export function focusRefused(input: HTMLElement, reason: string): void {
  if (document.activeElement === input) announce(reason); else input.focus();
}

/**
 * Takes back `text` if it is what `#anuncio` says or is about to say, and leaves anything said since alone: «Cargando…»
 * ends with the page drawn, but a count the new page said as it was drawn stays.
 */
export function withdrawAnnouncement(text: string): void {
  const region = document.getElementById('anuncio');
  if (pending === text) { clearTimeout(announcing); pending = undefined; }
  if (region && pending === undefined && region.textContent === text) region.textContent = '';
}

/**
 * Empties `#anuncio` and drops an announcement still waiting to be written. Its words were about what the reader
 * has left — the inbox's count, «Enviando…» — and a screen reader that browses to the region met them still there,
 * stale, on another page or after the outcome they announced had arrived.
 */
export function clearAnnouncement(): void {
  clearTimeout(announcing);
  pending = undefined;
  const region = document.getElementById('anuncio');
  if (region) region.textContent = '';
}

/** Lets script focus `el` (tabindex -1) unless it can take the focus already; not a tab stop. */
export function makeFocusable(el: HTMLElement): HTMLElement {
  if (!el.matches('a[href], button, input, select, textarea, summary, [tabindex]')) el.setAttribute('tabindex', '-1');
  return el;
}

/**
 * After work that disabled the focused button (Chromium then moves the focus to <body>), the focus goes to `to` —
 * its outcome, made focusable — unless the reader has already moved it elsewhere (WCAG 2.4.3). `from`: the
 * button that started it, if it still holds the focus. True when the focus went there: a screen reader then reads
 * the outcome, and saying it through `announce` as well would read it twice.
 */
export function returnFocus(to: HTMLElement, from?: Element | null): boolean {
  const now = document.activeElement;
  if (now && now !== document.body && now !== from) return false;
  makeFocusable(to).focus();
  // The outcome is read there: what the live region said while the work ran («Enviando…») is over.
  clearAnnouncement();
  return true;
}

/**
 * The outcome of work that disabled the focused button, said once: read where the focus lands on it (returnFocus),
 * or — the reader's focus elsewhere — through `#anuncio`; `said` is what the live region says (the outcome's text).
 */
export function sayOutcome(to: HTMLElement, from?: Element | null, said = to.textContent ?? ''): void {
  if (!returnFocus(to, from)) announce(said);
}

/** Hash route to an in-app page; path segments are URI-encoded. */
export function route(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}
