import { sameReleaseContent } from './same-release-content';

const release = (level: unknown, description = 'Obra') => ({ id: 'x', date: '2024-01-01T00:00:00Z', tag: ['planning'], ocid: 'ocds-abc123-1', planning: { budget: { description, budgetBreakdown: [{ id: 'P1', budgetLines: [{ id: '44', components: [{ name: 'branch', level, code: '44' }] }] }] } } });

describe('sameReleaseContent compares values as a workbook cell gives them back', () => {
  it('an integer published elsewhere and its text from the template are the same; another text is not', () => {
    expect(sameReleaseContent(release(1), release('1'))).toBe(true);
    expect(sameReleaseContent(release('1'), release(1))).toBe(true);
    expect(sameReleaseContent(release(1), release('01'))).toBe(false);
    expect(sameReleaseContent(release(1), release('2'))).toBe(false);
    expect(sameReleaseContent(release(1.5), release('1.5'))).toBe(false);
  });

  it('where the schema takes a number only, a text published elsewhere and the workbook\'s number differ (the number corrects it)', () => {
    const amount = (value: unknown) => ({ ...release(1), tender: { value: { amount: value, currency: 'MXN' } } });
    expect(sameReleaseContent(amount('1000'), amount(1000))).toBe(false);
    expect(sameReleaseContent(amount(1000), amount(1000))).toBe(true);
  });

  it('texts whatever their line endings', () => {
    expect(sameReleaseContent(release(1, 'a\r\nb'), release(1, 'a\nb'))).toBe(true);
    expect(sameReleaseContent(release(1, 'a b'), release(1, 'a\nb'))).toBe(false);
  });
});
