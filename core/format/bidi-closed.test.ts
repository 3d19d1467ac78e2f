import { closeBidi } from './bidi-closed';
import { renderFinding } from '../messages/render';
import { finding } from '../findings/finding';
import '../unflatten/unflatten-messages';

const [RLO, PDF, RLI, PDI] = ['\u202e', '\u202c', '\u2067', '\u2069'];

test('closeBidi closes what a text opens, innermost first, and leaves other text as it is', () => {
  expect(closeBidi('Puente sobre el río')).toBe('Puente sobre el río');
  expect(closeBidi(`${RLO}abc${PDF}`)).toBe(`${RLO}abc${PDF}`);
  expect(closeBidi(`${RLO}abc`)).toBe(`${RLO}abc${PDF}`);
  expect(closeBidi(`${RLI}a${RLO}b`)).toBe(`${RLI}a${RLO}b${PDF}${PDI}`);
  // A PDI closes its isolate and what it holds; a closer with nothing open to close changes nothing.
  expect(closeBidi(`${RLI}a${RLO}b${PDI}${RLO}c`)).toBe(`${RLI}a${RLO}b${PDI}${RLO}c${PDF}`);
  expect(closeBidi(`${PDI}${PDF}${RLO}x`)).toBe(`${PDI}${PDF}${RLO}x${PDF}`);
});

test('a finding\'s message closes each value and sheet name, so the rest of it reads in order', () => {
  const text = renderFinding(finding('cell.not-a-number', 'error', { value: `${RLO}78` }, { cell: { sheet: `Hoja${RLO}`, row: 3, column: 5, header: `Avance${RLO}` } }));
  expect(text).toContain(`«${RLO}78${PDF}»`);
  expect(text).toContain(`Hoja «Hoja${RLO}${PDF}»`);
  expect(text).toContain(`(Avance${RLO}${PDF})`);
});
