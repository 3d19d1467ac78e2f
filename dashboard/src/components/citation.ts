/** «Cómo citar esta página»: its heading and the citation (data/citation.ts), ready to select and copy. */
import { h } from '../dom';
import { citationText, type Cited } from '../data/citation';

export function citationSection(c: Cited, consulted: string): HTMLElement {
  return h('section', { 'aria-labelledby': 'h-cita' }, h('h2', { id: 'h-cita' }, 'Cómo citar esta página'),
    h('blockquote', { class: 'cite', id: 'cita' }, citationText(c, consulted, `${location.origin}${location.pathname}`)));
}
