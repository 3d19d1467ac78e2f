import { normalRfc, partyRfc } from './party-rfc';

describe('partyRfc: the RFC that makes one contractor of a company across implementers', () => {
  it('reads the identifier under the RFC scheme, however the id is keyed and the RFC typed', () => {
    expect(partyRfc({ id: 'a3f9c2e1', identifier: 'CCN050314H72', scheme: 'MX-RFC' })).toBe('CCN050314H72');
    // Nuevo León's scheme «RFC»; hyphens and spaces typed inside; lowercase.
    expect(partyRfc({ id: '17', identifier: 'ccn-050314-h72', scheme: 'RFC' })).toBe('CCN050314H72');
    expect(partyRfc({ id: '17', identifier: 'CCN 050314 H72' })).toBe('CCN050314H72');
    // Without an identifier, the id the template writes.
    expect(partyRfc({ id: 'MX-RFC-GATH740915N31' })).toBe('GATH740915N31');
  });

  it('gives none for another register, a non-RFC, or SAT\'s generic RFCs (many suppliers share them)', () => {
    expect(partyRfc({ id: 'MX-INAI-610', identifier: '610', scheme: 'MX-INAI' })).toBeUndefined();
    expect(partyRfc({ id: 'x', identifier: 'Proveedor 12' })).toBeUndefined();
    expect(partyRfc({ id: 'a', identifier: 'XAXX010101000', scheme: 'MX-RFC' })).toBeUndefined();
    expect(partyRfc({ id: 'MX-RFC-XEXX010101000' })).toBeUndefined();
    expect(normalRfc('LP-OP-001')).toBeUndefined();
  });
});
