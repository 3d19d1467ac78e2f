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
import { commandHelp, HELP } from './help';
import { ENGINE_COMMANDS } from './engine-commands';

/** Workbooks up to this size (the .xlsx files) make a short run: see tuneForShortRun. */
const SMALL_WORKBOOK_BYTES = 2 * 2 ** 20;
/** JSON packages up to this size (validate, compile) make a short run too. */
const SMALL_PACKAGE_BYTES = 64 * 2 ** 20;

/**
 * V8 settings for a run of about a second (issue 17), set before the bundle loads; not for the server, nor for
 * large inputs (each measured on this 2-core VM, the whole command, interleaved runs):
 * - Optimize later and smaller (`--interrupt-budget`: V8's default 67,584 → 200,000 bytecodes run before a function
 *   is considered hot; `--no-turbo-inlining`). Compiling a large function with TurboFan takes 50–120 ms of the other
 *   core here (`documentStatus`, ajv's validators, callees inlined), which the garbage collector's helpers share, and
 *   at exit Node waits for the compilations still in flight. A short run ends before most of them pay back.
 *   Medians of 8–10 interleaved runs: `validate` of 1,000 releases (15 MB) 0.56 → 0.40 s, `convert` of 1,000
 *   processes 0.87 → 0.74 s (CPU −20 to −40 %, ~3,000 fewer page faults), 2,000 processes 1.31 → 1.17 s, 3,000
 *   releases 0.82 → 0.73 s, `compile --versionadas` 1,000 × 3 0.53 → 0.48 s. Neutral at about 4,000 processes or
 *   5,000 releases (77 MB), 2–3 % slower at 10,000: hence the bounds.
 * - Keep the young generation at its initial size (`--semi-space-growth-factor=1`). A conversion keeps nearly all
 *   it allocates until the end, so V8 keeps doubling the young generation (up to two 16 MB semi-spaces), and on this
 *   kind of VM each first touch of a 4 KB page costs ~17 µs: converting 1,000 processes (0.8 MB) took some 28,000
 *   page faults, 21,000 with the young generation left small — about 0.1 s less wall time and 0.2 s less CPU. A
 *   package read item by item or compiled gains too: `validate` 1,000 releases 0.42 → 0.40 s, 3,000 0.79 → 0.74 s;
 *   `compile` 1,000 × 3 0.36 → 0.33 s, with versioned releases 0.51 → 0.46 s. For 10,000 processes (8 MB) the many
 *   more scavenges cost more than the pages saved (+0.6 s). V8 reads the growth factor whenever it considers growing.
 */
function tuneForShortRun(command: string, args: string[]): void {
  if (command !== 'convert' && command !== 'validate' && command !== 'compile') return;
  let workbooks = 0;
  let packages = 0;
  for (const [i, arg] of args.entries()) {
    if (args[i - 1] === '-o' || args[i - 1] === '--salida') continue; // the output, perhaps left by an earlier run
    const kind = /\.xlsx$/i.test(arg) ? 'xlsx' : /\.json$/i.test(arg) ? 'json' : undefined;
    if (!kind) continue;
    let bytes: number;
    try {
      bytes = statSync(arg).size;
    } catch {
      continue; // an output not written yet, or a path the command itself will say is wrong
    }
    if (kind === 'xlsx') workbooks += bytes;
    else if (command !== 'convert') packages += bytes;
  }
  if (workbooks === 0 && packages === 0) return;
  if (workbooks > SMALL_WORKBOOK_BYTES || packages > SMALL_PACKAGE_BYTES) return;
  setFlagsFromString('--interrupt-budget=200000');
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString('--semi-space-growth-factor=1');
}

const [command, ...rest] = process.argv.slice(2);
// Help anywhere on the line is only help: `template --ayuda` must not write a template, nor `serve --help` start a
// server (main.ts says the same for the commands it runs).
// `infra-abierta validate --help` (and `infra-abierta ayuda validate`): that command's help, not the whole text.
if (command === undefined || command === '--help' || command === '-h' || command === '--ayuda') {
  console.log(HELP);
} else if (command === 'help' || command === 'ayuda') {
  console.log(commandHelp(rest[0]));
} else if (rest.some((a) => a === '--help' || a === '-h' || a === '--ayuda')) {
  console.log(commandHelp(command, rest.find((a) => !a.startsWith('-'))));
} else {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  tuneForShortRun(command, process.argv.slice(3));
  // Resolved next to this file at run time (all are in dist/); not bundled into this entry.
  // `compile` has a smaller bundle of its own (compile-main.ts).
  // `validate --publicador` reads the local database: the full bundle (validate-registered.ts).
  const registered = command === 'validate' && rest.some((a) => a === '--publicador' || a.startsWith('--publicador='));
  const bundle = command === 'compile' ? 'cli-compile.js' : ENGINE_COMMANDS.has(command) && !registered ? 'cli-engine.js' : 'cli-main.js';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(`${__dirname}/${bundle}`) as typeof import('./main');
  void main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => { process.exitCode = code; });
}
