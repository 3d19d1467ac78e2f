/** The validators as the bundles carry them (scripts/validator-code.ts) answer as ajv's own code does. */
import * as fs from 'fs';
import * as path from 'path';
import { build } from 'esbuild';
import { literalPrefix, patternTestsPrefixed, uniqueItemsInOnePass, validatorCode } from './validator-code';

const VALIDATORS = path.join(__dirname, '..', 'schemas', 'validators');

describe('literalPrefix', () => {
  it.each<[string, string]>([
    ['^(title_((([A-Za-z]{2,3})|[A-Za-z]{4})|(x(-[A-Za-z0-9]{1,8})+)))$', 'title_'], // alternatives inside the tail only
    ['^amount_.+$', 'amount_'],
    ['^(a_|b_)x$', ''], // alternatives at the group's own depth
    ['^(ab_)?c', ''], // the group may be missing
    ['^abc?d', 'ab'], // the c may be missing
    ['^ab*', 'a'],
    ['^ab+', 'ab'],
    ['^(?:ab)', ''],
    ['^[a-z]_', ''],
    ['ab_', ''], // not anchored
    ['^(ab[|)]c)d', 'ab'], // a `|` or `)` inside a class does not end or split the group
  ])('%s → «%s»', (pattern, prefix) => {
    expect(literalPrefix(pattern)).toBe(prefix);
  });
});

test('every patternProperties test of the generated validators is prefixed, with a prefix its expression requires', () => {
  for (const file of fs.readdirSync(VALIDATORS).filter((f) => f.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(VALIDATORS, file), 'utf8');
    const out = patternTestsPrefixed(source);
    expect(out).not.toMatch(/(?<!&& )\bpattern\d+\.test\(key\d+\)/);
    for (const [, prefix, name] of out.matchAll(/startsWith\(("[^"]*")\) && (pattern\d+)\.test/g)) {
      const literal = new RegExp(`const ${name} = new RegExp\\(("(?:[^"\\\\]|\\\\.)*")`).exec(source)?.[1] as string;
      const expression = new RegExp(JSON.parse(literal) as string, 'u');
      const text = JSON.parse(prefix) as string;
      // A key without the prefix never matches; with it (and a valid tail) it can.
      expect(expression.test(`x${text}es`)).toBe(false);
      expect(expression.test(`${text}es`) || expression.test(`${text}x`)).toBe(true);
    }
  }
});

/** The release validator of the generated module bundled whole (no external packages), as a function. */
async function loadRelease(plugins: typeof validatorCode[]): Promise<((data: unknown) => boolean) & { errors?: unknown }> {
  const result = await build({ entryPoints: [path.join(VALIDATORS, 'all.js')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', plugins });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports.release as ((data: unknown) => boolean) & { errors?: unknown };
}

/** ajv's code and the bundles' code, built once for the tests below (the module holds all five validators). */
let releases: ReturnType<typeof bothReleases> | undefined;
function bothReleases() {
  return Promise.all([loadRelease([]), loadRelease([validatorCode])]);
}

test('the release validator as bundled gives the same verdict and errors as ajv’s code, for keys near every pattern', async () => {
  const [plain, bundled] = await (releases ??= bothReleases());
  const keys = ['title_es', 'title_en-US', 'title_', 'title_x-abc', 'title_es_MX', 'Title_es', 'xtitle_es', 'title', 'description_es', 'description_123', 'rationale_fr', 'amount_MXN', 'amount_'];
  const values: unknown[] = ['texto', 3, null];
  for (const key of keys) {
    for (const value of values) {
      const release = {
        ocid: 'ocds-abc123-1', id: '1', date: '2024-03-31T00:00:00-06:00', tag: ['tender'], initiationType: 'tender',
        [key]: value,
        tender: { id: 't', [key]: value, items: [{ id: 'i', [key]: value, unit: { value: { amount: 1, currency: 'MXN', [key]: value } } }] },
        parties: [{ id: 'p', [key]: value, address: { [key]: value } }],
        awards: [{ id: 'a', [key]: value, status: 'pending' }],
      };
      expect([bundled(release), bundled.errors]).toEqual([plain(release), plain.errors]);
    }
  }
});

test('every uniqueItems loop over a list of objects goes through duplicatePair, and the bundled validators report the same pair', async () => {
  for (const file of fs.readdirSync(VALIDATORS).filter((f) => f.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(VALIDATORS, file), 'utf8');
    const loops = (source.match(/outer\d+:for\(;i\d+--;\)/g) ?? []).length;
    const out = uniqueItemsInOnePass(source);
    expect([file, (out.match(/outer\d+:for/g) ?? []).length, (out.match(/duplicatePair\(/g) ?? []).length]).toEqual([file, 0, loops]);
  }
  const [plain, bundled] = await (releases ??= bothReleases());
  const item = (i: number) => ({ id: `i${i}`, description: `Artículo ${i}`, quantity: 1 });
  // No repeat; a repeat of an earlier item (keys in another order); several repeats, the last one reported; 40 items.
  const lists = [
    Array.from({ length: 40 }, (_v, i) => item(i)),
    [...Array.from({ length: 30 }, (_v, i) => item(i)), { quantity: 1, description: 'Artículo 7', id: 'i7' }, item(31)],
    [...Array.from({ length: 20 }, (_v, i) => item(i % 9)), item(3), item(5), item(40)],
    [item(1), item(2), item(1)],
  ];
  for (const items of lists) {
    const release = { ocid: 'ocds-abc123-1', id: '1', date: '2024-03-31T00:00:00-06:00', tag: ['tender'], initiationType: 'tender', tender: { id: 't', items }, parties: items.slice(0, 20).map((x) => ({ id: x.id })) };
    expect([bundled(release), bundled.errors]).toEqual([plain(release), plain.errors]);
  }
});
