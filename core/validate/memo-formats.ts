/**
 * ajv-formats' full formats, with `date-time` and `uri` remembered per string. The compiled validators check
 * these formats on every date and URL (15,000 dates in a 1,000-release package), and ajv-formats' date-time splits
 * the text with a regular expression and runs two more (~2 µs each); a package repeats the same dates over and over.
 * Both checks are pure functions of the string, so a remembered answer is the same answer. Every bundle that
 * carries the validators points their `require("ajv-formats/dist/formats")` here (scripts/validator-code.ts).
 */
import type { Format, FormatDefinition } from 'ajv';
import { fullFormats as original } from 'ajv-formats/dist/formats';

/** Bounded: a package of distinct values must not grow the table without limit. */
const MAX_REMEMBERED = 50_000;

function remembered(check: (text: string) => boolean): (text: string) => boolean {
  const answers = new Map<string, boolean>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = check(text);
      if (answers.size >= MAX_REMEMBERED) answers.clear();
      answers.set(text, answer);
    }
    return answer;
  };
}

const dateTime = original['date-time'] as FormatDefinition<string> & { validate: (text: string) => boolean };
const uri = original.uri as (text: string) => boolean;

/**
 * A plain http(s) URL (no user, no IP literal, no percent escape) by a narrower pattern than ajv-formats' `uri`:
 * the same scheme, host, port, path, query and fragment characters with fewer alternatives, so every text it accepts
 * `uri` accepts too; any other text still goes to `uri`. That one is a single large regular expression whose first
 * uses compile it (about 10 ms of `validate` on 1,000 releases, issue 17) and that is several times slower per URL.
 */
const PLAIN_HTTP_URL = /^https?:\/\/[a-z0-9\-._~!$&'()*+,;=]*(?::\d*)?(?:\/[a-z0-9\-._~!$&'()*+,;=:@]*)*(?:\?[a-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\-._~!$&'()*+,;=:@/?]*)?$/i;

export const fullFormats: Record<string, Format> = {
  ...original,
  'date-time': { ...dateTime, validate: remembered(dateTime.validate) },
  uri: remembered((text) => PLAIN_HTTP_URL.test(text) || uri(text)),
};
