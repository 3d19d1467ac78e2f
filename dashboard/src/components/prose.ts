/**
 * A free text as its publisher wrote it: a description in several paragraphs read as one run-on paragraph (the HTML
 * collapsed its line breaks). Blank lines part paragraphs, each a <p>; a single line break stays a break within its
 * paragraph (CSS `.prose p`, pre-line). Text nodes only, never markup: the data's «<b>» is shown as written.
 */
import { h } from '../dom';
import { paragraphsOf } from '../data/paragraphs';

/** `text` for a page: as it is when on one line; else a block of its paragraphs. */
export function prose(text: string): Node | string {
  if (!/[\r\n]/.test(text)) return text;
  return h('div', { class: 'prose' }, paragraphsOf(text).map((p) => h('p', null, p)));
}
