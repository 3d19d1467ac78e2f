/**
 * The engine commands — `validate`, `convert`, `compile` — in their own bundle (dist/cli-engine.js): they need the
 * core and the workbook reader, never the store, the server or the backend's packages. Issue 17 measured the
 * 5 MB single bundle at about 0.18 s of every run (reading and compiling it), a third of the 0.5 s target for
 * `validate paquete.json`. main.ts routes the same commands here, so both entries behave alike.
 */
import { parseArgs } from './args';
import type { CliIo } from './convert-command';
import { reportErrors } from './report-errors';
import { warnUnknownOptions } from './known-options';
import { checkProjectOptions } from './project-options';

export { ENGINE_COMMANDS } from './engine-commands';

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  return reportErrors(io, async () => {
    // A mix-up of --proyecto and --proyectos is refused with its own message, not the generic notice of unknown
    // options (project-options.ts).
    checkProjectOptions(command, args);
    warnUnknownOptions(command, args, io);
    switch (command) {
      case 'validate': return await (await import('./convert-command')).validateCommand(args, io);
      case 'convert': return await (await import('./convert-command')).convertCommand(args, io);
      case 'compile': return await (await import('./compile-command')).compileCommand(args, io);
      default: throw new Error(`not an engine command: ${String(command)}`);
    }
  });
}
