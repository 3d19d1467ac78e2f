import { instructionLines, minimumLines } from './instructions';
import { templateSpec } from './template-spec';
import { SETTINGS_SHEET } from './settings';

/**
 * With a server the registration decides the publisher's name, state and prefixes: the Instrucciones sheet told every
 * official to fill them first, as the minimum to publish, and a new one spent time on cells that did nothing.
 */
test('Instrucciones says what Configuración needs with a server (nothing) and with the command line alone', () => {
  const spec = templateSpec();
  const settings = minimumLines(spec).find((l) => l.startsWith(`• ${SETTINGS_SHEET}:`)) ?? '';
  expect(settings).toMatch(/servidor donde su institución está registrada, nada/);
  expect(settings).toMatch(/solo con la herramienta de línea de comandos, nombre del publicador, entidad federativa y prefijos/);
  const rule = instructionLines(spec).find((l) => l.startsWith('1. ')) ?? '';
  expect(rule).toMatch(/son los de ese registro, y no necesita escribirlos/);
  expect(rule).not.toMatch(/^1\. Llene primero/);
});
