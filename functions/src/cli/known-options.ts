/**
 * The options each command reads. One typed wrong is otherwise ignored without a word (`validate --jsn` printed
 * text, not JSON): it is named in a notice, with the command's options, and the command runs as before.
 */
import type { ParsedArgs } from './args';
import type { CliIo } from './convert-command';

export const COMMON_OPTIONS = ['ayuda', 'help'];
export const KNOWN_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  template: ['salida', 'sobrescribir', 'filas'],
  validate: ['json', 'todos', 'fecha'],
  convert: ['salida', 'proyectos', 'url', 'estricto', 'todos', 'fecha'],
  compile: ['salida', 'url', 'versionadas'],
  import: ['salida', 'sobrescribir', 'sin-descargar', 'aceptar-faltantes', 'espera'],
  publish: ['publicador', 'publisher', 'todos'],
  history: ['publicador', 'todos', 'nube', 'proyecto', 'entorno', 'aceptar-direccion-nueva', 'sin-descargar', 'aceptar-faltantes', 'espera'],
  serve: ['puerto', 'procesos', 'sin-ejemplos'],
  backup: ['salida', 'sobrescribir', 'nube'],
  users: ['email', 'rol', 'role', 'publicador', 'entidad', 'nube', 'proyecto'],
  publications: ['antes-de', 'publicador', 'confirmar', 'nube', 'proyecto', 'entorno', 'texto', 'textos', 'motivo'],
  transfer: ['a-la-nube', 'de-la-nube', 'aceptar-direccion-nueva', 'proyecto', 'entorno', 'nube'],
  verificar: ['huellas', 'bitacora', 'url', 'nube', 'proyecto'],
  publishers: ['nombre', 'entidad', 'orden', 'prefijo-ocid', 'prefijo-proyectos', 'licencia', 'politica', 'sitio', 'proyectos', 'periodicidad', 'archivo', 'cambiar-prefijo', 'nube', 'proyecto'],
};

export function warnUnknownOptions(command: string | undefined, args: ParsedArgs, io: CliIo): void {
  const known = command === undefined ? undefined : KNOWN_OPTIONS[command];
  if (!known) return;
  const unknown = Object.keys(args.options).filter((o) => !known.includes(o) && !COMMON_OPTIONS.includes(o));
  if (!unknown.length) return;
  const named = unknown.map((o) => `«--${o}»`).join(', ');
  io.err(`Aviso: se ignora${unknown.length === 1 ? '' : 'n'} ${named}: «${command}» no ${unknown.length === 1 ? 'la' : 'las'} conoce. Sus opciones: ${known.map((o) => (o === 'salida' ? '-o' : `--${o}`)).join(', ')}.`);
}
