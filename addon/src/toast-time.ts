/**
 * How long a toast stays. Spreadsheet.toast(msg, title, timeoutSeconds) shows it 5 seconds when no time is given, and
 * until it is closed when the time is negative: «Crear plantilla» said in 5 s which sheets it left alone and that it
 * changed the spreadsheet's locale — two or three sentences, gone before an official had read the first.
 */

/** Read slowly, by someone also watching the sheet: two words a second, plus the moment to notice the toast. */
const WORDS_PER_SECOND = 2;
const NOTICE_SECONDS = 5;
const MIN_SECONDS = 10;
/** Longer than this, it stays until closed (Google's negative timeout): nobody waits a minute for a toast to go. */
const MAX_SECONDS = 45;

export function toastSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  const seconds = Math.max(MIN_SECONDS, Math.ceil(NOTICE_SECONDS + words / WORDS_PER_SECOND));
  return seconds > MAX_SECONDS ? -1 : seconds;
}
