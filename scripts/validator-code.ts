/**
 * What every bundle that carries the compiled validators (schemas/validators/all.js, ajv standalone code) changes in
 * them: the CLI's dist/validators, the Cloud Functions bundle and the add-on's Code.js run the same validation, so
 * they get the same code. Each change gives the same answers as ajv's own code (tests next to each helper, and
 * validator-code.test.ts on the built validators).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const MEMO_FORMATS = path.join(ROOT, 'core', 'validate', 'memo-formats.ts');
const JSON_EQUAL = path.join(ROOT, 'core', 'validate', 'json-equal.ts');
const ENUM_HAS = path.join(ROOT, 'core', 'validate', 'enum-has.ts');
const UNIQUE_ITEMS = path.join(ROOT, 'core', 'validate', 'unique-items.ts');

/** ajv's loop over a long `enum` (one deep comparison per value until one matches), as the generated code spells it. */
const ENUM_LOOP = /for\(const (v\d+) of ([\w.]+)\)\{if\(func0\((\w+), \1\)\)\{(\w+) = true;break;\}\}/g;

/**
 * The loops over a long `enum` through core/validate/enum-has.ts (same answers, a Set lookup for text): `func0` is
 * ajv's deep equality in every generated validator. A loop spelled otherwise is left as it is.
 */
export function enumsThroughSets(source: string): string {
  if (!/const func0 = require\("ajv\/dist\/runtime\/equal"\)\.default;/.test(source)) return source;
  const contents = source.replace(ENUM_LOOP, (_loop, _v, values: string, data: string, valid: string) => `${valid} = enumHas(${values}, ${data}, func0);`);
  return `${contents}\nconst { enumHas } = require(${JSON.stringify(ENUM_HAS)});\n`;
}

/** ajv's `uniqueItems` loop over a list of objects (every pair compared), as the generated code spells it. */
const UNIQUE_LOOP = /(outer\d+):for\(;(i\d+)--;\)\{for\((j\d+) = \2; \3--;\)\{if\(func0\(([\w.]+)\[\2\], \4\[\3\]\)\)\{(.*?)break \1;\}\}\}/g;

/**
 * The `uniqueItems` loops through core/validate/unique-items.ts: the same pair in the same error, found in one pass
 * instead of comparing every pair (a process of 32,000 items took 82 s). A loop spelled otherwise is left as it is.
 */
export function uniqueItemsInOnePass(source: string): string {
  if (!/const func0 = require\("ajv\/dist\/runtime\/equal"\)\.default;/.test(source)) return source;
  const contents = source.replace(UNIQUE_LOOP, (_loop, _label, i: string, j: string, data: string, report: string) =>
    `{const pair = duplicatePair(${data}, func0);if(pair !== undefined){${i} = pair[0];${j} = pair[1];${report}}}`);
  return contents === source ? source : `${contents}\nconst { duplicatePair } = require(${JSON.stringify(UNIQUE_ITEMS)});\n`;
}

/**
 * The text every match of `pattern` starts with, when the pattern says so plainly: `^` then letters, digits, `_`
 * or `-`, optionally inside a first group that has no top-level `|` and no quantifier after it (`^(title_(…))$`,
 * `^amount_.+$`). A letter followed by a quantifier is not required, so the prefix stops before it. '' when unsure.
 */
export function literalPrefix(pattern: string): string {
  if (!pattern.startsWith('^')) return '';
  let i = 1;
  if (pattern[i] === '(') {
    if (pattern[i + 1] === '?') return '';
    // The first group must be a plain sequence: no `|` at its own depth, and nothing after it that repeats it.
    let depth = 0;
    let close = -1;
    for (let j = i; j < pattern.length && close < 0; j++) {
      const c = pattern[j];
      if (c === '\\') { j++; continue; }
      if (c === '[') { while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1; continue; }
      if (c === '(') depth++;
      else if (c === ')') { depth--; if (depth === 0) close = j; } else if (c === '|' && depth === 1) return '';
    }
    if (close < 0 || /^[?*+{]/.test(pattern.slice(close + 1))) return '';
    i++;
  }
  let end = i;
  while (end < pattern.length && /[A-Za-z0-9_-]/.test(pattern[end])) end++;
  // `ab?`: the b may be missing.
  if (end < pattern.length && /[?*{]/.test(pattern[end])) end--;
  return pattern.slice(i, Math.max(i, end));
}

/** `const pattern11 = new RegExp("…", "u");` as the generated code spells it. */
const PATTERN_DEF = /const (pattern\d+) = new RegExp\(("(?:[^"\\]|\\.)*")(?:, "\w*")?\);/g;

/**
 * patternProperties (`title_es`, `amount_MXN`…) are tested against every key of every object that allows them: a
 * key that does not start with the pattern's literal text cannot match, and `startsWith` says so without running
 * the expression (the language-tag expressions with the `u` flag were ~2 % of converting a workbook). Only tests
 * of a `for…in` key (always a string) are rewritten.
 */
export function patternTestsPrefixed(source: string): string {
  const prefixes = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(PATTERN_DEF)) {
    let pattern: unknown;
    try {
      pattern = JSON.parse(literal);
    } catch {
      continue; // a JavaScript escape JSON does not know: left as ajv wrote it
    }
    const prefix = typeof pattern === 'string' ? literalPrefix(pattern) : '';
    if (prefix.length >= 2) prefixes.set(name, prefix);
  }
  return source.replace(/\b(pattern\d+)\.test\((key\d+)\)/g, (call, name: string, key: string) => {
    const prefix = prefixes.get(name);
    return prefix ? `(${key}.startsWith(${JSON.stringify(prefix)}) && ${call})` : call;
  });
}

/**
 * The esbuild plugin: formats through core/validate/memo-formats.ts (same answers, each distinct string checked
 * once), deep equality through core/validate/json-equal.ts (same answers, keys compared first to last), and the three
 * source changes above on each compiled validator.
 */
export const validatorCode: Plugin = {
  name: 'validator-code',
  setup(b) {
    b.onResolve({ filter: /^ajv-formats\/dist\/formats$/ }, (args) => (args.importer === MEMO_FORMATS ? undefined : { path: MEMO_FORMATS }));
    b.onResolve({ filter: /^ajv\/dist\/runtime\/equal$/ }, () => ({ path: JSON_EQUAL }));
    b.onLoad({ filter: /[\\/]schemas[\\/]validators[\\/][\w-]+\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      return { loader: 'js', contents: patternTestsPrefixed(uniqueItemsInOnePass(enumsThroughSets(source))) };
    });
  },
};
