import { parseArgs } from './args';
import { withoutExamples } from './serve-options';

// `npm start --sin-ejemplos` (without the `--`): npm keeps the option, says nothing, and sets npm_config_sin_ejemplos.
// The server saw no option and published the fictitious examples into a real server's first database.
test('the examples are left out with --sin-ejemplos, or with npm start --sin-ejemplos typed without the --', () => {
  expect(withoutExamples(parseArgs(['--sin-ejemplos']), {})).toBe(true);
  expect(withoutExamples(parseArgs([]), { npm_config_sin_ejemplos: 'true' })).toBe(true);
  expect(withoutExamples(parseArgs([]), {})).toBe(false);
  expect(withoutExamples(parseArgs([]), { npm_config_sin_ejemplos: 'false' })).toBe(false);
});
