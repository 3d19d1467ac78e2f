import { parseArgs } from './args';

test('a flag never takes the next word as its value: it stays a positional argument', () => {
  expect(parseArgs(['publishers', 'add', '--nube', 'itait', '--nombre', 'Instituto'])).toEqual({ positional: ['publishers', 'add', 'itait'], options: { nube: true, nombre: 'Instituto' } });
  expect(parseArgs(['validate', '--json', 'libro.xlsx'])).toEqual({ positional: ['validate', 'libro.xlsx'], options: { json: true } });
  // Options with a value take it, separated or with `=`; aliases name the long option.
  expect(parseArgs(['convert', 'libro.xlsx', '-o', 'salida.json', '--proyecto=demo-x'])).toEqual({ positional: ['convert', 'libro.xlsx'], options: { salida: 'salida.json', proyecto: 'demo-x' } });
});
