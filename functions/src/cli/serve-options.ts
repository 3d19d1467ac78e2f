/**
 * What `serve` is told on its command line. Unlike the other commands, which name an unknown option and run on
 * (known-options.ts), `serve` refuses one before opening anything: the option a real server needs, --sin-ejemplos,
 * typed wrong (`--sin-ejemplo`, `sin-ejemplos` without its dashes) was ignored, and a first start published the three
 * fictitious implementers of the examples into the new database, where they stay (README: «una vez publicados no se
 * quitan»).
 */
import { type ParsedArgs, UsageError } from './args';
import { COMMON_OPTIONS, KNOWN_OPTIONS } from './known-options';

const SERVE_OPTIONS = KNOWN_OPTIONS.serve;

/** Throws a UsageError (exit 2) naming what `serve` does not read; nothing is started or opened. */
export function checkServeArguments(args: ParsedArgs): void {
  const unknown = Object.keys(args.options).filter((o) => !SERVE_OPTIONS.includes(o) && !COMMON_OPTIONS.includes(o));
  const stray = args.positional;
  if (!unknown.length && !stray.length) return;
  const named = [...unknown.map((o) => `«--${o}»`), ...stray.map((w) => `«${w}»`)].join(', ');
  const meant = [...unknown, ...stray].some((w) => /ejemplo/i.test(w)) ? ' ¿Quiso decir --sin-ejemplos?' : '';
  throw new UsageError(`No se arrancó el servidor: «serve» no conoce ${named}.${meant} Sus opciones: ${SERVE_OPTIONS.map((o) => `--${o}`).join(', ')}. `
    + 'Corrija la orden y repítala (con npm: «npm start -- --sin-ejemplos»). Un servidor que arranca con una base sin publicadores y sin --sin-ejemplos publica en ella los implementadores ficticios de ejemplo, y ya no se quitan.');
}

/**
 * Whether the examples are left out: --sin-ejemplos, or `npm start --sin-ejemplos` typed without the `--` that hands
 * it to the server — npm keeps the option for itself, says nothing, and passes it only as npm_config_sin_ejemplos.
 */
export function withoutExamples(args: ParsedArgs, env: NodeJS.ProcessEnv): boolean {
  if (args.options['sin-ejemplos'] !== undefined) return true;
  const viaNpm = env.npm_config_sin_ejemplos;
  return viaNpm !== undefined && viaNpm !== '' && viaNpm !== 'false';
}
