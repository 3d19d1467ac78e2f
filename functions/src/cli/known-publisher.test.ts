import { registeredIdsText } from './known-publisher';

const national = Array.from({ length: 98 }, (_, i) => `imp${String(i).padStart(3, '0')}`);

test('a few registered ids are listed whole', () => {
  expect(registeredIdsText('merda', ['tampico', 'merida'])).toBe('Publicadores registrados: merida, tampico.');
});

test('at national scale, only the ids within two typos of the one typed, and where to see them all', () => {
  // The one typo away first; the list stays short.
  expect(registeredIdsText('imp104', national, ' --nube')).toBe('Con un identificador parecido: imp004, imp000, imp001, imp002, imp003, imp005, imp006, imp007, imp008, imp009; vea los 98 registrados con «infra-abierta publishers list --nube».');
  expect(registeredIdsText('Imp-014', national)).toMatch(/^Con un identificador parecido: imp014, /);
  expect(registeredIdsText('tampico', national)).toBe('Ninguno registrado se le parece: vea los 98 registrados con «infra-abierta publishers list».');
});
