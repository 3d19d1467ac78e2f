import { shownValue } from './shown-value';

test('a value as the official reads it: es-MX numbers and dates, codes by their drop-down title, lists with «; »', () => {
  const method = { type: 'string' as const, codelist: 'method', options: [{ code: 'direct', title: 'Adjudicación directa' }, { code: 'open', title: 'Licitación pública' }] };
  expect(shownValue(3050000)).toBe('3,050,000');
  expect(shownValue(91168415.75)).toBe('91,168,415.75');
  expect(shownValue(-5000)).toBe('-5,000');
  expect(shownValue('2024-07-31T00:00:00-06:00')).toBe('31/07/2024');
  expect(shownValue('2024-07-31T14:30:00-06:00')).toBe('31/07/2024 14:30');
  expect(shownValue('2024-07-31')).toBe('31/07/2024');
  expect(shownValue('direct', method)).toBe('Adjudicación directa');
  expect(shownValue(['direct', 'open', 'otro'], method)).toBe('Adjudicación directa; Licitación pública; otro');
  expect(shownValue('DOP-AD-SRO-007-2024')).toBe('DOP-AD-SRO-007-2024');
  expect(shownValue('x'.repeat(100))).toHaveLength(78);
});
