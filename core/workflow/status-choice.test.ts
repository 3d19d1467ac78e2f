import { statusChoiceText } from './status-choice';

test('a wrong «status» of the submissions list is answered in Spanish too: each value with its situation\'s name', () => {
  expect(statusChoiceText('pendiente')).toBe('El parámetro «status» elige la situación de los envíos: «draft» (Borrador), «submitted» (En revisión), «approved» (Aprobado, publicando), «returned» (Devuelto con comentarios), «published» (Publicado), «failed» (La publicación falló) o «withdrawn» (Retirado); sin él, todas (se recibió «pendiente»).');
});
