import { validate } from '../validate';
import { renderMessage } from '../messages/render';

const release = (scheme: string) => ({
  ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-06:00', tag: ['tender'], initiationType: 'tender',
  parties: [{ id: 'RFC-CUR950920ER0', name: 'Constructora y Urbanizadora Regiomontana', roles: ['supplier'], identifier: { scheme, id: 'CUR950920ER0', legalName: 'Constructora y Urbanizadora Regiomontana, S.A. de C.V.' } }],
});
const schemeFinding = (scheme: string) => validate({ releases: [release(scheme)], projects: [] }).find((f) => f.pointer === '/releases/0/parties/0/identifier/scheme');

describe('a party\'s identifier scheme other than MX-RFC', () => {
  test('the RFC under scheme «RFC» (as Nuevo León publishes it) is told plainly to write MX-RFC', () => {
    const f = schemeFinding('RFC')!;
    expect(f.code).toBe('party.schemeRfcSpelling');
    // It read «…es «RFC», pero en EDCA-MX los actores se identifican con su RFC (esquema MX-RFC)», of a party that is.
    expect(renderMessage({ ...f, cell: { sheet: 'Actores', row: 3, column: 5 } })).toBe('El esquema del identificador es «RFC»: en EDCA-MX el esquema del RFC se escribe MX-RFC. Escriba MX-RFC en lugar de «RFC» (o deje la celda vacía, que se lee como MX-RFC); el RFC no cambia.');
    expect(renderMessage(f)).toBe('El esquema del identificador es «RFC»: en EDCA-MX el esquema del RFC se escribe MX-RFC. Escriba MX-RFC en lugar de «RFC»; el RFC no cambia.');
    expect(schemeFinding('r.f.c.')?.code).toBe('party.schemeRfcSpelling');
  });

  test('another register (a state\'s supplier register) keeps its own advice', () => {
    expect(schemeFinding('SIASI')?.code).toBe('party.schemeNotRfc');
    expect(schemeFinding('MX-RFC')).toBeUndefined();
  });
});
