/**
 * UTF-8 in chunks: every character whole however the bytes are cut, the byte-order mark dropped, and bytes that
 * are not UTF-8 refused (as TextDecoder's fatal mode does), wherever they fall.
 */
import { Utf8Chunks } from './utf8-chunks';
import { ZipFormatError } from './zip-archive';

const TEXT = '\ufeffMérida ñandú ü ¿¡ €😀🇲🇽 中文 한국어 fin';

function decodeIn(bytes: Buffer, cuts: number[]): string {
  const decoder = new Utf8Chunks();
  let out = '';
  let at = 0;
  for (const cut of [...cuts, bytes.length]) { out += decoder.decode(bytes.subarray(at, cut)); at = cut; }
  decoder.end();
  return out;
}

test('every cut in two and every chunk size from 1 to 5 gives the text back, without its byte-order mark', () => {
  const bytes = Buffer.from(TEXT);
  const expected = TEXT.slice(1);
  for (let i = 0; i <= bytes.length; i++) expect(decodeIn(bytes, [i])).toBe(expected);
  for (let size = 1; size <= 5; size++) {
    const cuts: number[] = [];
    for (let i = size; i < bytes.length; i += size) cuts.push(i);
    expect(decodeIn(bytes, cuts)).toBe(expected);
  }
});

test.each([
  ['a lone continuation byte', [0x61, 0x80, 0x62]],
  ['a character cut off at the end', [0x61, 0xe2, 0x82]],
  ['a lead byte followed by ASCII', [0xc3, 0x28, 0x61]],
  ['an overlong encoding', [0xc0, 0xaf]],
  ['a surrogate', [0xed, 0xa0, 0x80]],
])('%s is refused wherever the chunk ends', (_what, raw) => {
  const bytes = Buffer.from([...Buffer.from('texto '), ...raw, ...Buffer.from(' más')]);
  for (let i = 0; i <= bytes.length; i++) expect(() => decodeIn(bytes, [i])).toThrow(ZipFormatError);
});
