/** locate-list.ts: the items it finds are exactly what JSON.parse reads, or it declines. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { indexOfLine, locateItems, locateList, streamPrettyItems } from './locate-list';

type Doc = Record<string, unknown> | unknown[];

/** The items and the envelope as read from the ranges, or undefined when the locator declines. */
function readBack(text: string, key = 'releases'): { items: unknown[]; outer: unknown } | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const list = locateItems(bytes, key);
  if (!list) return undefined;
  return {
    items: list.starts.map((s, i) => JSON.parse(bytes.toString('utf8', s, list.ends[i])) as unknown),
    outer: JSON.parse(`${bytes.toString('utf8', 0, list.open)}[]${bytes.toString('utf8', list.close + 1)}`) as unknown,
  };
}

const releases = [
  { ocid: 'ocds-1', id: '1', tender: { title: 'Obra «pública» en Mérida — ñandú 🚧 漢字', items: [{ id: 'a' }, { id: 'b' }] } },
  { ocid: 'ocds-2', id: '2', note: 'a string with \n    },\n    { inside, "quotes", [brackets] and a \\ backslash' },
  { ocid: 'ocds-1', id: '3', nested: { deeper: [{ x: [] }, {}], empty: {} } },
];

describe('locateItems', () => {
  const cases: [string, Doc, (d: Doc) => string][] = [
    ['indented by 2 (JSON.stringify, publishers)', { uri: 'x', releases }, (d) => JSON.stringify(d, null, 2)],
    ['indented by 4', { uri: 'x', releases }, (d) => JSON.stringify(d, null, 4)],
    ['indented by tabs', { uri: 'x', releases }, (d) => JSON.stringify(d, null, '\t')],
    ['on one line', { uri: 'x', releases }, (d) => JSON.stringify(d)],
    ['with Windows line ends', { uri: 'x', releases }, (d) => JSON.stringify(d, null, 2).replace(/\n/g, '\r\n')],
    ['with the list first and objects after it', { releases, extensions: [{ a: 1 }], publisher: { name: 'P' } }, (d) => JSON.stringify(d, null, 2)],
    ['a bare list of releases', releases, (d) => `\n${JSON.stringify(d, null, 2)}\n`],
    ['a bare list on one line', releases, (d) => JSON.stringify(d)],
    ['items that are not objects', { releases: [1, 'two', null, [3], { ocid: 'x' }] }, (d) => JSON.stringify(d, null, 2)],
    ['an empty list', { releases: [] }, (d) => JSON.stringify(d, null, 2)],
  ];
  it.each(cases)('reads every item of a package %s', (_, doc, write) => {
    const text = write(doc);
    const read = readBack(text);
    expect(read).toBeDefined();
    const parsed = JSON.parse(text) as Doc;
    expect(read?.items).toEqual(Array.isArray(parsed) ? parsed : parsed.releases);
    expect(read?.outer).toEqual(Array.isArray(parsed) ? [] : { ...parsed, releases: [] });
  });

  it('finds the same ranges as the byte-by-byte scan on an indented package', () => {
    const bytes = Buffer.from(JSON.stringify({ uri: 'x', releases }, null, 2));
    expect(locateItems(bytes, 'releases')).toEqual(locateList(bytes, 'releases'));
  });

  it('never splits inside an item written with irregular indentation: it declines or is exact', () => {
    // A deeper object closed at the items' indentation, and two items on one line.
    const text = '{\n  "releases": [\n    {\n      "ocid": "a", "x": {\n    },\n    "y": 1\n    },\n    {"ocid": "b"}, {"ocid": "c"}\n  ]\n}';
    const read = readBack(text);
    if (read) expect(read.items).toEqual((JSON.parse(text) as { releases: unknown[] }).releases);
  });

  it.each([
    ['the key written twice', '{"releases": [{"ocid": "a"}], "releases": []}'],
    ['the key written with an escape', '{"rel\\u0065ases": [{"ocid": "a"}]}'],
    ['no such key', '{"records": []}'],
    ['the key nested deeper', '{"x": {"releases": [{"ocid": "a"}]}}'],
    ['a list that is not a list', '{"releases": {"ocid": "a"}}'],
    ['a string where the list goes', '{"releases": "[]", "b": [1]}'],
    ['text after the document', '{"releases": [{"ocid": "a"}]} {}'],
    ['a byte-order mark', '\ufeff{"releases": [{"ocid": "a"}]}'],
    ['no document', '   '],
  ])('declines %s (the caller then parses the whole text, with its usual messages)', (_, text) => {
    expect(readBack(text)).toBeUndefined();
  });

  it.each([
    ['a missing comma', '{"releases": [{"ocid": "a"} {"ocid": "b"}]}'],
    ['a doubled comma', '{"releases": [{"ocid": "a"},, {"ocid": "b"}]}'],
    ['a trailing comma', '{"releases": [{"ocid": "a"},]}'],
    ['a broken item', '{\n  "releases": [\n    {\n      "ocid": "a",\n    },\n    {\n      "ocid": "b"\n    }\n  ]\n}'],
    ['a broken envelope', '{"uri": , "releases": [{"ocid": "a"}]}'],
  ])('leaves no invalid byte unread: with %s it declines, or an item or the envelope does not parse', (_, text) => {
    expect(() => {
      if (readBack(text) === undefined) throw new Error('declined');
    }).toThrow();
  });
});

describe('streamPrettyItems (an indented package read through a window)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locate-list-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Items seen by the callback, and the result; windows far smaller than an item make it move and grow. */
  function stream(text: string, windowSize: number): { seen: unknown[]; items?: unknown[]; outer?: unknown } {
    const file = path.join(dir, 'paquete.json');
    fs.writeFileSync(file, text);
    const fd = fs.openSync(file, 'r');
    try {
      const seen: unknown[] = [];
      const list = streamPrettyItems(fd, fs.fstatSync(fd).size, 'releases', (w, from, to) => seen.push(JSON.parse(w.toString('utf8', from, to))), windowSize);
      if (!list) return { seen };
      const bytes = fs.readFileSync(file);
      return { seen, items: list.starts.map((s, i) => JSON.parse(bytes.toString('utf8', s, list.ends[i])) as unknown), outer: JSON.parse(`${list.head}[]${list.tail}`) as unknown };
    } finally {
      fs.closeSync(fd);
    }
  }

  const many = Array.from({ length: 40 }, (_, i) => ({ ocid: `ocds-${i % 7}`, id: String(i), texto: 'ñ🚧漢'.repeat(i % 5), tender: { items: [{ id: i }] } }));
  it.each([
    ['a package, list last', { uri: 'x', publisher: { name: 'Mérida' }, releases: many }, 2],
    ['a package indented by 4', { uri: 'x', releases: many }, 4],
    ['a bare list', many, 2],
    ['one release', { releases: many.slice(0, 1) }, 2],
    ['an empty list', { releases: [] }, 2],
  ] as [string, Doc, number][])('reads %s exactly, whatever the window', (_, doc, indent) => {
    const text = `${JSON.stringify(doc, null, indent)}\n`;
    const parsed = JSON.parse(text) as Doc;
    const releases = Array.isArray(parsed) ? parsed : parsed.releases;
    for (const windowSize of [64, 100, 333, 4096, 1 << 20]) {
      const got = stream(text, windowSize);
      expect(got.items).toEqual(releases);
      expect(got.seen).toEqual(releases);
      expect(got.outer).toEqual(Array.isArray(parsed) ? [] : { ...parsed, releases: [] });
    }
  });

  it.each([
    ['on one line', JSON.stringify({ releases: many })],
    ['with the list not last', JSON.stringify({ releases: many, uri: 'x' }, null, 2)],
    ['with text after it', `${JSON.stringify({ releases: many }, null, 2)} x`],
    ['with two items on one line', JSON.stringify({ releases: many.slice(0, 3) }, null, 2).replace(/\n {4}\},\n {4}\{/, '}, {')],
  ])('declines a package %s, or an item it hands over does not parse (the caller then reads the file whole)', (_, text) => {
    expect(() => {
      if (stream(text, 64).items === undefined) throw new Error('declined');
    }).toThrow();
  });
});

describe('indexOfLine', () => {
  it('finds what Buffer.indexOf finds, from every offset', () => {
    const text = Buffer.from(`${JSON.stringify({ releases: [...many(), { a: '}}\n    }' }] }, null, 4)}\n    }`);
    for (const line of ['\n    }', '\n        }', '\n}', '\n\t}', '}']) {
      const needle = Buffer.from(line);
      for (let from = 0; from <= text.length + 2; from++) expect(indexOfLine(text, needle, from)).toBe(text.indexOf(needle, from));
    }
  });

  function many(): unknown[] {
    return Array.from({ length: 6 }, (_, i) => ({ id: String(i), tender: { items: [{ id: i }, {}], empty: {} } }));
  }
});
