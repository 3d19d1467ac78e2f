import { formatCount } from './es-mx';

describe('formatCount', () => {
  it('agrees the words with the count, and groups thousands as es-MX does', () => {
    expect(formatCount(1, 'contratación nueva', 'contrataciones nuevas')).toBe('1 contratación nueva');
    expect(formatCount(0, 'contratación nueva', 'contrataciones nuevas')).toBe('0 contrataciones nuevas');
    expect(formatCount(1204, 'error', 'errores')).toBe('1,204 errores');
  });
});
