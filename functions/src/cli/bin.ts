/**
 * The built CLI's entry (dist/cli.js): `--help` and an empty command line answer from this small file; `validate`
 * and `convert` load the engine's bundle (dist/cli-engine.js, engine.ts: core and the workbook reader), `compile` a
 * smaller one of its own (dist/cli-compile.js, compile-main.ts: the merge engine and the packages); every other
 * command loads the full CLI bundle (dist/cli-main.js, main.ts: store, server, backend). Parsing one
 * 5 MB bundle — schemas, validators, the server — cost `--help` about 0.3 s and every engine command about 0.18 s.
 * The compiled validators are files of their own (dist/validators/, scripts/build.ts), loaded on first use.
 */
import { statSync } from 'fs';
import { setFlagsFromString } from 'v8';
import { HELP } from './help';
import { ENGINE_COMMANDS } from './engine-commands';

/** Workbooks up to this size (the .xlsx file) get a young generation that does not grow: see below. */
const SMALL_WORKBOOK_BYTES = 2 * 2 ** 20;

/**
 * Issue 17: a workbook's conversion keeps nearly all it allocates until the end, so V8 keeps doubling the young
 * generation (up to two 16 MB semi-spaces), and on this kind of VM each first touch of a 4 KB page costs ~17 µs:
 * converting 1,000 processes (0.8 MB) took some 28,000 page faults, 21,000 with the young generation left at its
 * initial size — about 0.1 s less wall time and 0.2 s less CPU. For 10,000 processes (8 MB) the many more
 * scavenges cost more than the pages saved (+0.6 s), so only small workbooks get it. Set before the bundle loads;
 * V8 reads the growth factor whenever it considers growing. Not for the server nor for JSON packages.
 */
function keepYoungGenerationSmall(command: string, args: string[]): void {
  if (command !== 'convert' && command !== 'validate') return;
  const books = args.filter((a) => /\.xlsx$/i.test(a));
  if (!books.length) return;
  let bytes = 0;
  for (const book of books) {
    try {
      bytes += statSync(book).size;
    } catch {
      return; // the command itself says what is wrong with the path
    }
  }
  if (bytes <= SMALL_WORKBOOK_BYTES) setFlagsFromString('--semi-space-growth-factor=1');
}

const [command] = process.argv.slice(2);
if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
  console.log(HELP);
} else {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  keepYoungGenerationSmall(command, process.argv.slice(3));
  // Resolved next to this file at run time (all are in dist/); not bundled into this entry.
  // `compile` has a smaller bundle of its own (compile-main.ts).
  const bundle = command === 'compile' ? 'cli-compile.js' : ENGINE_COMMANDS.has(command) ? 'cli-engine.js' : 'cli-main.js';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(`${__dirname}/${bundle}`) as typeof import('./main');
  void main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => { process.exitCode = code; });
}
