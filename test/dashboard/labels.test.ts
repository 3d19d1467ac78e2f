/** How the dashboard words what the data write as codes and addresses. */
import { licenseName, partyKey } from '../../dashboard/src/labels';

test('licences read by their names, RFCs without the identifier scheme', () => {
  expect(licenseName('https://creativecommons.org/licenses/by/4.0/')).toBe('CC BY 4.0');
  expect(licenseName('https://creativecommons.org/licenses/by-sa/4.0/deed.es')).toBe('CC BY-SA 4.0');
  expect(licenseName('https://creativecommons.org/publicdomain/zero/1.0/')).toBe('CC0 1.0');
  expect(licenseName('https://datos.gob.mx/libreusomx')).toBe('Libre Uso MX');
  expect(licenseName('https://municipio.gob.mx/licencia')).toBe('https://municipio.gob.mx/licencia');
  expect([partyKey('MX-RFC-GCM140709Z53'), partyKey('MX-CURP-XX'), partyKey(undefined)]).toEqual(['GCM140709Z53', 'MX-CURP-XX', 'Sin dato']);
});
