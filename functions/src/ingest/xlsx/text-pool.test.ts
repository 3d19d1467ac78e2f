import { TextPool } from './text-pool';

describe('TextPool', () => {
  test('gives back each text exactly, short or long, repeated or not, slices of a decoded chunk included', () => {
    const pool = new TextPool();
    const chunk = `<v>Mérida</v><v>${'Descripción larga de la obra '.repeat(5)}</v><v>MXN</v><v>Mérida</v>`;
    const values = [...chunk.matchAll(/<v>([^<]*)<\/v>/g)].map((m) => m[1]);
    expect(values.map((v) => pool.own(v))).toEqual(values);
    expect(pool.own('😀 北京 ñ')).toBe('😀 北京 ñ');
  });

  test('stays correct past its bound of distinct texts', () => {
    const pool = new TextPool();
    // One expect over all of them: 131,082 expect() calls took ~10 s of the suite.
    const wrong: string[] = [];
    for (let i = 0; i < (1 << 17) + 10; i++) if (pool.own(`t${i}`) !== `t${i}`) wrong.push(`t${i}`);
    expect(wrong).toEqual([]);
    expect(pool.own('t5')).toBe('t5');
  });
});
