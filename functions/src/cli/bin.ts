/**
 * The built CLI's entry (dist/cli.js): `--help` and an empty command line answer from this small file; every
 * other command loads the full CLI bundle (dist/cli-main.js, main.ts). Parsing that 5 MB bundle — schemas,
 * validators, the server — cost `--help` about 0.3 s even with each command's packages loaded lazily.
 */
import { HELP } from './help';

const [command] = process.argv.slice(2);
if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
  console.log(HELP);
} else {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  // Resolved next to this file at run time (both are in dist/); not bundled into this entry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(`${__dirname}/cli-main.js`) as typeof import('./main');
  void main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => { process.exitCode = code; });
}
