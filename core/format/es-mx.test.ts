import { formatCount, formatDate, formatDateTime } from './es-mx';

describe('formatCount', () => {
  it('agrees the words with the count, and groups thousands as es-MX does', () => {
    expect(formatCount(1, 'contratación nueva', 'contrataciones nuevas')).toBe('1 contratación nueva');
    expect(formatCount(0, 'contratación nueva', 'contrataciones nuevas')).toBe('0 contrataciones nuevas');
    expect(formatCount(1204, 'error', 'errores')).toBe('1,204 errores');
  });
});

describe('formatDate and formatDateTime', () => {
  it("keep a date published with its offset as written (the publisher's calendar, Cancún's or Tijuana's too)", () => {
    expect(formatDate('2024-03-20T00:00:00-06:00')).toBe('20/03/2024');
    expect(formatDate('2024-03-20T00:00:00-05:00')).toBe('20/03/2024');
    expect(formatDateTime('2024-03-01T09:30:15.250-05:00')).toBe('01/03/2024 09:30');
    expect(formatDate('2024-03-20')).toBe('20/03/2024');
  });

  it('show a UTC instant on the clock of Mexico City: an evening publication is not dated the next day', () => {
    expect(formatDate('2026-12-04T03:37:43Z')).toBe('03/12/2026');
    expect(formatDateTime('2026-12-04T03:37:43.120Z')).toBe('03/12/2026 21:37');
    expect(formatDate('2026-12-04T18:00:00Z')).toBe('04/12/2026');
    // UTC midnight is a date written as UTC, not an instant.
    expect(formatDate('2024-03-01T00:00:00Z')).toBe('01/03/2024');
    expect(formatDate('0001-01-01T00:00:00Z')).toBe('01/01/0001');
  });
});
