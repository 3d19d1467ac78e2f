/**
 * The programs benches run as `serve` runs (run-as-served.ts), in one bundle: the first argument names the program,
 * the rest are its own. They share nearly all their code (the server, the publication, the validators), so one
 * bundle serves bench:publish, bench:preview and bench:send; each program's module runs only when named here.
 */
const program = process.argv.splice(2, 1)[0];

// Static requires, so that esbuild bundles each program (and loads none until it is asked for).
if (program === 'publish-child') require('./publish-child');
else if (program === 'serve-during-review') require('./serve-during-review');
else if (program === 'preview-timing') require('./preview-timing');
else if (program === 'send-timing') require('./send-timing');
else {
  console.error(`Programa desconocido: «${program}» (scripts/bench/served.ts)`);
  process.exitCode = 1;
}
