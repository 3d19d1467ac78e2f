/**
 * What the sidebar does as soon as it opens, chosen by the menu item that opens it: «Validar datos» validates, so
 * the official does not have to press «Validar» again in the panel it just opened. Apps Script serves the sidebar
 * as a file (HtmlService), with no parameters: the page opened for an action is the built sidebar.html with that
 * action written in its `data-on-open` attribute, which sidebar.ts reads when it starts.
 */
export type SidebarOpening = 'validate';

const BLANK = 'data-on-open=""';

/** The sidebar page that does `opening` when it opens; the page as it is if it has no place for it (an older build). */
export function sidebarPageFor(html: string, opening: SidebarOpening): string {
  return html.includes(BLANK) ? html.replace(BLANK, () => `data-on-open="${opening}"`) : html;
}
