/**
 * Characters nobody sees: bidirectional controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) can make a text
 * display in another order than it is stored ("Trojan Source", CVE-2021-42574) — an amount or an RFC that reads
 * differently on the dashboard than in the data; zero-width characters and other control characters make two
 * identical-looking names different. Tabs and line breaks are fine. Unflatten already trims them at the edges of a
 * cell; inside a text they are warned with their code points: `text.invisibleCharacters` (warning). An official
 * reads what kind of character it is (`kinds`, in Spanish): «U+200B» told them nothing.
 */
import type { ValueCheck } from './types';

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]/g;

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;
const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/**
 * Not characters at all (Unicode's noncharacters): a text decoded in the wrong byte order. Shown as «�» or nothing, and
 * an .xlsx cannot hold them: datos.xlsx drops them (core/format/excel-text.ts), so the official is told here instead.
 */
const NONCHARACTER = /[\ufffe\uffff]/;

/** What a character is, in the words the sheet's message uses. */
function kindOf(c: string): string {
  if (ZERO_WIDTH.test(c)) return 'espacios sin ancho';
  if (DIRECTION.test(c)) return 'marcas de dirección del texto';
  if (NONCHARACTER.test(c)) return 'caracteres no válidos';
  return 'caracteres de control';
}

export const invisibleCharacters: ValueCheck = {
  on: 'string',
  visitor: ({ report }) => (value, p) => {
    if (typeof value !== 'string') return;
    INVISIBLE.lastIndex = 0;
    if (!INVISIBLE.test(value)) return;
    const chars = [...new Set(value.match(INVISIBLE) ?? [])];
    const found = chars.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    const kinds = [...new Set(chars.map(kindOf))].join(', ');
    report('text.invisibleCharacters', 'warning', p(), { characters: found.join(', '), kinds: ` (${kinds})`, text: value.replace(INVISIBLE, '').slice(0, 60) });
  },
};
