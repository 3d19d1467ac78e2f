/**
 * Words a mouse reads in a tooltip (`title`), for a finger and a screen reader too. A tooltip opens on hover only: a
 * phone has none, and screen readers read a `title` or not as they please. So the words also follow the element as
 * text, shown where the screen has no hover (styles.css `.hover-hint`), and describe it (aria-describedby) — hidden
 * from the reading order, which hears them once, as its description. A mouse keeps the page as it was.
 */
import { closeBidi } from '../../../core/format/bidi-closed';
import { h } from '../dom';

let made = 0;

/** Gives `el` its tooltip `text`; returns the text to place after it (inside it, or beside it). */
export function hoverHint(el: HTMLElement, text: string): HTMLElement {
  const id = `pista-${++made}`;
  el.setAttribute('title', closeBidi(text));
  el.setAttribute('aria-describedby', id);
  return h('span', { id, class: 'hover-hint', 'aria-hidden': 'true' }, text);
}
