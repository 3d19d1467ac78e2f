/** memo-formats.ts answers as ajv-formats' formats, asked once or again. */
import { fullFormats as original } from 'ajv-formats/dist/formats';
import { fullFormats } from './memo-formats';

const uri = fullFormats.uri as (text: string) => boolean;
const originalUri = original.uri as (text: string) => boolean;

describe('uri', () => {
  it.each([
    'https://compras.merida.gob.mx/ocds-mer001-LO-031-2024/bases.pdf', 'http://example.com', 'HTTPS://EXAMPLE.COM/A?b=c#d',
    'https://example.com:8080/a/b;c=d/e@f?x=1&y=2/3?#frag/ment?', 'https://example.com:/', 'https://', 'http:///x',
    'https://user:pw@example.com/', 'https://[::1]/x', 'https://192.168.0.1/x', 'https://example.com/a%20b', 'https://example.com/a%2',
    'https://example.com/a b', 'https://example.com/ñandú', 'https://example.com/a|b', 'https://example.com/a\\b', 'https://example.com/#a#b',
    'https://exa mple.com', 'https:example.com', 'ftp://example.com/x', 'mailto:obras@merida.gob.mx', 'urn:isbn:0451450523', 'example.com',
    '/relative/path', '', 'https://example.com/\u017f', 'https://example.com/\u212a', 'https://example.com:80a/', 'https://example.com/x\n',
  ])('%j', (text) => {
    expect(uri(text)).toBe(originalUri(text));
    expect(uri(text)).toBe(originalUri(text));
  });
});
