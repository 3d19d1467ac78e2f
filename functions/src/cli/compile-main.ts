/**
 * `compile` in a bundle of its own (dist/cli-compile.js): it needs the merge engine and the packages, not the
 * workbook reader, the templates or the validators of the engine's bundle (dist/cli-engine.js, 0.65 MB), whose
 * reading and compiling was a tenth of the command at N = 1,000 (issue 17). main.ts and engine.ts still run
 * `compile` the same way.
 */
import { parseArgs } from './args';
import type { CliIo } from './convert-command';
import { compileCommand } from './compile-command';
import { reportErrors } from './report-errors';
import { warnUnknownOptions } from './known-options';

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  warnUnknownOptions(command, args, io);
  return reportErrors(io, async () => {
    if (command !== 'compile') throw new Error(`not the compile command: ${String(command)}`);
    return compileCommand(args, io);
  });
}
