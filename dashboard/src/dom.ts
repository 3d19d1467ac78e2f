/**
 * The only way pages build DOM: elements with text nodes and attributes, never innerHTML, so every value from
 * the data is inert text whatever it contains (`<script>`, quotes…). Links from the data pass `safeUrl`.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else el.setAttribute(k, v === true ? '' : String(v));
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

/** Only absolute http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
export function safeUrl(url: unknown): string | undefined {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

export function externalLink(url: unknown, text?: string): Node {
  const href = safeUrl(url);
  return href ? h('a', { href, rel: 'noopener noreferrer' }, text ?? href) : document.createTextNode(text ?? String(url ?? ''));
}

/** Hash route to an in-app page; path segments are URI-encoded. */
export function route(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}
