/** The progress line on stderr: rewritten in place on a terminal, silent when stderr is a file or a pipe. */
import { progressReporter } from '../../functions/src/cli/progress';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => { written.push(s); return true; } } as unknown as NodeJS.WriteStream & { written: string[] };
}

test('on a terminal: one line rewritten with \\r, cleared at the end', () => {
  const stream = fakeStream(true);
  const progress = progressReporter(stream);
  progress.update('Leyendo «Contrataciones»: 5,000 filas…');
  progress.update('Leyendo «Contrataciones»: 10,000 filas…');
  progress.done();
  expect(stream.written).toHaveLength(3);
  expect(stream.written[0]).toMatch(/^\rLeyendo «Contrataciones»: 5,000 filas… +$/);
  expect(stream.written.every((s) => !s.includes('\n'))).toBe(true);
  expect(stream.written[2]).toMatch(/^\r +\r$/);
});

test('not a terminal (CI, redirected stderr): writes nothing', () => {
  const stream = fakeStream(false);
  const progress = progressReporter(stream);
  progress.update('Leyendo…');
  progress.done();
  expect(stream.written).toEqual([]);
});
