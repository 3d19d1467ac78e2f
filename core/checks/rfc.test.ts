import { rfcCheckDigit, rfcProblem } from './rfc';

describe('RFC (SAT)', () => {
  it('accepts valid company and person RFCs and SAT generic ones', () => {
    for (const rfc of ['GODE561231GR8', 'MAB9307148T4', 'MME850101AB8', 'XAXX010101000', 'XEXX010101000']) expect(rfcProblem(rfc)).toBeUndefined();
  });

  it('asks for capitals: a lowercase RFC was published so, and its party id matched no reference in capitals', () => {
    expect(rfcProblem('gode561231gr8')).toBe('lowercase');
  });

  it('computes the check digit over the first 11 or 12 characters', () => {
    expect(rfcCheckDigit('GODE561231GR')).toBe('8');
    expect(rfcCheckDigit('MAB9307148T')).toBe('4');
    expect(rfcCheckDigit('COP990315K2')).toBe('A');
  });

  it('names the problem', () => {
    expect(rfcProblem('GODE561231G')).toBe('length');
    expect(rfcProblem('GODE561231GR')).toBe('format'); // 12 characters must start with 3 letters, not 4
    expect(rfcProblem('G0DE561231GR8')).toBe('format');
    expect(rfcProblem('GODE560231GR8')).toBe('date');
    expect(rfcProblem('MAB9302297T4')).toBe('date');
    expect(rfcProblem('VACE460910SX6')).toBe('checkDigit');
  });

  it('accepts 29 February only in leap years', () => {
    expect(rfcProblem(`ABC000229AB${rfcCheckDigit('ABC000229AB')}`)).toBeUndefined();
    expect(rfcProblem(`ABC010229AB${rfcCheckDigit('ABC010229AB')}`)).toBe('date');
  });
});
