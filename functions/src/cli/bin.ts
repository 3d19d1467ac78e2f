/**
 * The built CLI's entry (dist/cli.js): `--help` and an empty command line answer from this small file; `validate`
 * and `convert` load the engine's bundle (dist/cli-engine.js, engine.ts: core and the workbook reader), `compile` a
 * smaller one of its own (dist/cli-compile.js, compile-main.ts: the merge engine and the packages); every other
 * command loads the full CLI bundle (dist/cli-main.js, main.ts: store, server, backend). Parsing one
 * 5 MB bundle — schemas, validators, the server — cost `--help` about 0.3 s and every engine command about 0.18 s.
 * The compiled validators are files of their own (dist/validators/, scripts/build.ts), loaded on first use.
 */
import { HELP } from './help';
import { ENGINE_COMMANDS } from './engine-commands';

const [command] = process.argv.slice(2);
if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
  console.log(HELP);
} else {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  // Resolved next to this file at run time (all are in dist/); not bundled into this entry.
  // `compile` has a smaller bundle of its own (compile-main.ts).
  const bundle = command === 'compile' ? 'cli-compile.js' : ENGINE_COMMANDS.has(command) ? 'cli-engine.js' : 'cli-main.js';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(`${__dirname}/${bundle}`) as typeof import('./main');
  void main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => { process.exitCode = code; });
}
