/**
 * The options each command reads. One typed wrong is otherwise ignored without a word (`validate --jsn` printed
 * text, not JSON): it is named in a notice, with the command's options, and the command runs as before — unless
 * the command was told --confirmar (below).
 */
import { type ParsedArgs, UsageError } from './args';
import type { CliIo } from './convert-command';

export const COMMON_OPTIONS = ['ayuda', 'help'];
export const KNOWN_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  template: ['salida', 'sobrescribir', 'filas'],
  validate: ['json', 'todos', 'fecha', 'publicador'],
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
  const options = known.map((o) => (o === 'salida' ? '-o' : `--${o}`)).join(', ');
  // With --confirmar the command deletes or rewrites (prune, redact, republish): `prune … --publicadr merida
  // --confirmar` ignored the misspelt scope and pruned every publisher's replaced publications. Refused, before
  // anything is opened.
  if (known.includes('confirmar') && args.options.confirmar !== undefined) throw new UsageError(`No se hizo nada: «${command}» no conoce ${named}, y con --confirmar la orden borra o vuelve a escribir datos: ignorar una opción mal escrita (como --publicador) la extendería a lo que no se pidió. Corrija la orden y repítala. Sus opciones: ${options}.`);
  io.err(`Aviso: se ignora${unknown.length === 1 ? '' : 'n'} ${named}: «${command}» no ${unknown.length === 1 ? 'la' : 'las'} conoce. Sus opciones: ${options}.`);
}
