import { otherScriptLetters } from './other-script-letters';

test('only what looks Latin without being it: Cyrillic, Greek, an accent written apart; Ñ and accents typed are Latin', () => {
  expect(otherScriptLetters('ocds-abc123-OBRA-AÑO-Mérida-2024')).toEqual([]);
  expect(otherScriptLetters('ocds-abc123-D\u041eP-\u041e01')).toEqual(['«О» (U+041E, letra cirílica)']);
  expect(otherScriptLetters('oc4ids-abc123-\u039f1')).toEqual(['«Ο» (U+039F, letra griega)']);
  expect(otherScriptLetters('oc4ids-abc123-ME\u0301RIDA')).toEqual(['«◌́» (U+0301, acento o signo escrito como carácter aparte)']);
});
