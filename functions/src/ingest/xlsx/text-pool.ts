/**
 * One string object per distinct short cell text of a workbook. A sheet repeats the same texts thousands of times
 * (currency `MXN`, status codes, the buyer's name and RFC, units): in the 1,000-process benchmark workbook 138,000
 * cells hold 22,000 distinct values. Each read value lives to the end of the conversion, so every copy was moved by
 * the young-generation collector, promoted, and took fresh pages (issue 17); a repeat now costs a lookup and dies
 * young. Long texts (descriptions) are seldom repeated and would cost a hash of every character: kept as they are.
 */
import { ownString } from './xml-scanner';

/** Texts up to this many characters are pooled. */
const POOLED_LENGTH = 64;
/** Distinct texts kept at most: past this, new texts are returned unpooled (memory stays bounded). */
const POOLED_COUNT = 1 << 17;

export class TextPool {
  private readonly texts = new Map<string, string>();

  /** `text` as a string of its own (not a slice of the part's decoded chunk), shared with its earlier repeats. */
  own(text: string): string {
    if (text.length > POOLED_LENGTH) return ownString(text);
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    const owned = ownString(text);
    if (this.texts.size < POOLED_COUNT) this.texts.set(owned, owned);
    return owned;
  }
}
