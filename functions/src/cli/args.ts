/** Minimal argv parsing for the CLI: positional arguments and `--name value` / `-o value` / `--flag`. */
export interface ParsedArgs { positional: string[]; options: Record<string, string | true> }

const ALIASES: Record<string, string> = { o: 'salida', h: 'ayuda', p: 'puerto' };
/**
 * Flags that never take a value: `validate --json libro.xlsx` keeps libro.xlsx as the file, and
 * `publishers add --nube itait …` keeps itait as the publisher's id.
 */
const FLAGS = new Set(['json', 'todos', 'estricto', 'versionadas', 'ayuda', 'help', 'nube', 'sobrescribir', 'sin-ejemplos', 'sin-descargar', 'aceptar-faltantes', 'cambiar-prefijo']);

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--?([\w-]+)(?:=(.*))?$/.exec(a);
    if (!m) { positional.push(a); continue; }
    const name = ALIASES[m[1]] ?? m[1];
    if (m[2] !== undefined) options[name] = m[2];
    else if (!FLAGS.has(name) && i + 1 < argv.length && !argv[i + 1].startsWith('-')) options[name] = argv[++i];
    else options[name] = true;
  }
  return { positional, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  return typeof v === 'string' ? v : undefined;
}

/** A usage mistake: printed as-is (Spanish), exit code 2. */
export class UsageError extends Error {}
