/**
 * The streaming XML scanner of worksheets and shared strings: the same events however the text is cut into chunks
 * (tags, entities, CR LF and CDATA split at every offset), the markup other writers use (prefixes, single quotes,
 * `>` inside a value, empty elements), and damaged parts refused.
 */
import { decodeText, ownString, XmlScanner, type Attributes, type XmlHandler } from './xml-scanner';
import { ZipFormatError } from './zip-archive';

/** Records what the scanner reports, adjacent text pieces joined, as one readable line per event. */
function recorder(): { handler: XmlHandler; done: () => string[] } {
  const events: string[] = [];
  let text: string | undefined;
  const flush = (): void => { if (text !== undefined) events.push(`text ${JSON.stringify(text)}`); text = undefined; };
  const handler: XmlHandler = {
    open(s, nameStart, nameEnd, attributes: Attributes) {
      flush();
      const attrs: string[] = [];
      for (let i = 0; i < attributes.count; i++) {
        const r = attributes.ranges;
        attrs.push(`${s.slice(r[i * 5], r[i * 5 + 2])}(${s.slice(r[i * 5 + 1], r[i * 5 + 2])})=${JSON.stringify(attributes.value(i))}`);
      }
      events.push(`open ${s.slice(nameStart, nameEnd)}${attrs.length ? ` ${attrs.join(' ')}` : ''}`);
    },
    close(s, nameStart, nameEnd) { flush(); events.push(`close ${s.slice(nameStart, nameEnd)}`); },
    text(s, start, end, cdata) { text = (text ?? '') + decodeText(s, start, end, cdata); },
  };
  return { handler, done: () => { flush(); return events; } };
}

function scanChunks(chunks: string[]): string[] {
  const { handler, done } = recorder();
  const scanner = new XmlScanner(handler);
  for (const c of chunks) scanner.write(c);
  scanner.end();
  return done();
}

/** Every way of cutting `xml` in two, and in pieces of 1 to 7 characters. */
function cuts(xml: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= xml.length; i++) out.push([xml.slice(0, i), xml.slice(i)]);
  for (let size = 1; size <= 7; size++) {
    const pieces: string[] = [];
    for (let i = 0; i < xml.length; i += size) pieces.push(xml.slice(i, i + size));
    out.push(pieces);
  }
  return out;
}

const SHEET = '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- escrito a mano -->'
  + '<x:worksheet xmlns:x="urn:x"><x:sheetData>'
  + '<x:row x:r="1"><x:c x:r="A1" t=\'inlineStr\'><x:is><x:t>Mérida &amp; Progreso &lt;norte&gt; &#233;&#xE9; &quot;&apos;</x:t></x:is></x:c>'
  + '<c r = "B1"  s="3"/><c r="C1" t="s" ><v>7</v></c><c r="D1" t="str" note="a > b"><v>línea 1\r\nlínea 2\rfin</v></c>'
  + '<c r="E1"><v><![CDATA[<no es > etiqueta & ni entidad>]]></v></c><?proc instrucción?><c r="F1"\n\tt="b"><v>1</v></c></x:row>'
  + '</x:sheetData></x:worksheet>';

describe('the same events however the text is cut', () => {
  const whole = scanChunks([SHEET]);

  test('the events of the whole text', () => {
    expect(whole).toEqual([
      'text "\\n"', // the prolog's CR LF, one line break
      'open worksheet xmlns:x(x)="urn:x"', 'open sheetData',
      'open row x:r(r)="1"', 'open c x:r(r)="A1" t(t)="inlineStr"', 'open is', 'open t',
      'text "Mérida & Progreso <norte> éé \\"\'"', 'close t', 'close is', 'close c',
      'open c r(r)="B1" s(s)="3"', 'close c',
      'open c r(r)="C1" t(t)="s"', 'open v', 'text "7"', 'close v', 'close c',
      'open c r(r)="D1" t(t)="str" note(note)="a > b"', 'open v', 'text "línea 1\\nlínea 2\\nfin"', 'close v', 'close c',
      'open c r(r)="E1"', 'open v', 'text "<no es > etiqueta & ni entidad>"', 'close v', 'close c',
      'open c r(r)="F1" t(t)="b"', 'open v', 'text "1"', 'close v', 'close c', 'close row',
      'close sheetData', 'close worksheet',
    ]);
  });

  test('tags, entities, CR LF, CDATA and comments split at every offset read the same', () => {
    for (const chunks of cuts(SHEET)) expect(scanChunks(chunks)).toEqual(whole);
  });

  test('a construct longer than the scanner keeps whole (a 200,000-character attribute) is collected in pieces', () => {
    const long = 'x>y'.repeat(70_000);
    const xml = `<a><b v="${long}" w='1'/><!-- ${'-'.repeat(1000)}${'c'.repeat(150_000)} --><c>fin</c></a>`;
    for (const size of [4096, 65_536, 100_000]) {
      const pieces: string[] = [];
      for (let i = 0; i < xml.length; i += size) pieces.push(xml.slice(i, i + size));
      expect(scanChunks(pieces)).toEqual(['open a', `open b v(v)="${long}" w(w)="1"`, 'close b', 'open c', 'text "fin"', 'close c', 'close a']);
    }
  });
});

describe('damaged parts are refused', () => {
  test.each([
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'],
    ['an unknown entity in read text', '<a>&nbsp;</a>'],
    ['an element left open', '<a><b>texto</b>'],
    ['a cut-off tag', '<a><b r="1"'],
    ['an end tag without a start', '<a></a></b>'],
    ['a second root', '<a/><b/>'],
    ['an attribute without quotes', '<a r=1/>'],
    ['no element at all', '   '],
  ])('%s', (_what, xml) => {
    expect(() => {
      const { handler } = recorder();
      const scanner = new XmlScanner(handler);
      scanner.write(xml);
      scanner.end();
    }).toThrow(ZipFormatError);
  });
});

test('a value owns its characters and keeps its text', () => {
  const chunk = `${'x'.repeat(1000)}Municipio de Mérida${'y'.repeat(1000)}`;
  const value = ownString(chunk.slice(1000, 1019));
  expect(value).toBe('Municipio de Mérida');
  expect(ownString('corto')).toBe('corto');
});

test('a tag with more attributes than the first room holds keeps them all', () => {
  const attrs = Array.from({ length: 40 }, (_v, i) => `a${i}="${i}"`);
  expect(scanChunks([`<a ${attrs.join(' ')}/>`])).toEqual([`open a ${attrs.map((a, i) => `a${i}(a${i})="${i}"`).join(' ')}`, 'close a']);
});
