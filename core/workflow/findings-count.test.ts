import { findingsCountText, findingsTotal } from './findings-count';

test('a send\'s findings are counted with its avisos, so the summary adds up to the list below it', () => {
  // The 400-process send of the coordinator's week: 720 findings listed «de 720», 200 of them avisos.
  expect(findingsCountText({ errors: 0, warnings: 520, infos: 200 })).toBe('0 errores, 520 advertencias y 200 avisos');
  expect(findingsTotal({ errors: 0, warnings: 520, infos: 200 })).toBe(720);
  expect(findingsCountText({ errors: 1, warnings: 1, infos: 1 })).toBe('1 error, 1 advertencia y 1 aviso');
  expect(findingsCountText({ errors: 2, warnings: 1_250, infos: 3 })).toBe('2 errores, 1,250 advertencias y 3 avisos');
  // No avisos: as the page said before.
  expect(findingsCountText({ errors: 0, warnings: 9, infos: 0 })).toBe('0 errores, 9 advertencias');
  expect(findingsCountText({ errors: 0, warnings: 9 })).toBe('0 errores, 9 advertencias');
});
