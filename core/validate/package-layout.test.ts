/** The items of a package's list located in its bytes: each range parses to the item JSON.parse gives, or no layout. */
import { topLevelValues } from './package-layout';

const layout = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return { bytes, values: topLevelValues(bytes, (start, end) => bytes.toString('utf8', start, end)) };
};

const TRICKY = [
  '{"releases":[{"a":1},{"b":[1,2,{"c":"]},{"}]},"x"]}',
  JSON.stringify({ uri: 'u', releases: [{ t: 'dice "hola" \\ y ]}, [{' }, { n: [[], {}, [[1]]] }, 3, 'ñandú 😀 漢字', null], extensions: ['a', 'b'] }, null, 4),
  '{ "version" : "1.1" ,\n\t"releases" : [ ] , "publisher" : { "name" : "x" } }',
  '{"publisher":{"releases":[1,2]},"releases":[{"id":"\\\\"},{"id":"\\\\\\""}],"records":[]}',
  '{"rel\\u0065ases": [1, 2]}',
  '{}',
];

test.each(TRICKY)('each item range parses to the item, and the rest of the file to the envelope: %s', (text) => {
  const { bytes, values } = layout(text);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  expect(values?.map((v) => v.key)).toEqual(Object.keys(parsed));
  for (const v of values ?? []) {
    expect(JSON.parse(bytes.toString('utf8', v.start, v.end))).toEqual(parsed[v.key]);
    if (!Array.isArray(parsed[v.key])) { expect(v.items).toBeUndefined(); continue; }
    const items = v.items ?? [];
    const list = parsed[v.key] as unknown[];
    expect(items.length).toBe(2 * list.length);
    list.forEach((item, i) => expect(JSON.parse(bytes.toString('utf8', items[2 * i], items[2 * i + 1]))).toEqual(item));
    const envelope = JSON.parse(bytes.toString('utf8', 0, v.start + 1) + bytes.toString('utf8', v.close)) as Record<string, unknown>;
    expect(envelope).toEqual({ ...parsed, [v.key]: [] });
  }
});

test.each([
  ['not an object', '[{"releases":[]}]'],
  ['a byte order mark', '\ufeff{"releases":[]}'],
  ['a key given twice', '{"releases":[1],"releases":[2]}'],
  ['an empty item', '{"releases":[1,,2]}'],
  ['a trailing comma in the list', '{"releases":[1,]}'],
  ['a trailing comma in the object', '{"releases":[1],}'],
  ['an unterminated string', '{"releases":["abc]}'],
  ['an unclosed list', '{"releases":[1,2'],
  ['text after the object', '{"releases":[1]} x'],
])('no layout for %s: the caller parses the whole file and JSON.parse judges it', (_name, text) => {
  expect(layout(text).values).toBeUndefined();
});
