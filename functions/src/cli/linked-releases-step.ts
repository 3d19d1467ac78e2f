/**
 * What `history` and `import` share about the releases a record only links by address (url): their options, with one
 * meaning in both (--sin-descargar: only among the files given; --espera: seconds for each address; --aceptar-faltantes:
 * go on without the ones that cannot be had, listed), bringing them with the same words and progress, and the report
 * of those that could not be had. Without --aceptar-faltantes, one missing stops the command: the history would be
 * published once and for all without it, and the workbook would hold its process without that release's data.
 */
import type { Finding } from '../../../core/findings/finding';
import type { FileFinding } from '../../../core/import/published-releases';
import type { LinkedDocument, ReleaseLink } from '../../../core/import/linked-releases';
import { renderMessage } from '../../../core/messages/render';
import { formatCount } from '../../../core/format/es-mx';
import { type ParsedArgs, UsageError } from './args';
import type { CliIo } from './convert-command';
import { DEFAULT_FETCH_LIMITS, linkedDocuments, type FetchLimits } from './linked-documents';
import { progressReporter } from './progress';

/** Linked releases listed unless --todos: a record's links fail together (the INAI's 86, its server gone). */
const SHOWN = 10;

export interface LinkOptions {
  offline: boolean;
  acceptMissing: boolean;
  limits: FetchLimits;
}

/** --sin-descargar, --aceptar-faltantes and --espera (seconds for each linked release's address, 30 when not said). */
export function linkOptions(args: ParsedArgs): LinkOptions {
  const raw = args.options.espera;
  let timeoutMs = DEFAULT_FETCH_LIMITS.timeoutMs;
  if (raw !== undefined) {
    const seconds = typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`--espera es cuántos segundos esperar cada entrega enlazada: un número mayor que 0 y hasta 600 (se recibió «${raw === true ? '' : raw}»).`);
    timeoutMs = seconds * 1000;
  }
  return { offline: args.options['sin-descargar'] === true, acceptMissing: args.options['aceptar-faltantes'] === true, limits: { ...DEFAULT_FETCH_LIMITS, timeoutMs } };
}

/**
 * The documents of `links`, from the files given or their addresses, said as it goes: what is brought and how
 * (unless offline), a progress line, and how many addresses were fetched. `label`: the file the links are in, when
 * said file by file (import reads its files one at a time).
 */
export async function bringLinkedReleases(links: readonly ReleaseLink[], files: readonly { file: string; value: unknown }[], options: LinkOptions, io: CliIo, label?: string): Promise<ReadonlyMap<string, LinkedDocument>> {
  if (!links.length) return new Map();
  const { limits } = options;
  const seconds = limits.timeoutMs / 1000;
  const records = new Set(links.map((l) => `${l.file}\u0000${l.recordOcid}`)).size;
  if (!options.offline) io.err(`${label ? `${label}: ` : ''}${formatCount(records, 'registro enlaza', 'registros enlazan')} ${formatCount(links.length, 'entrega', 'entregas')} por su dirección, sin su contenido: se ${links.length === 1 ? 'trae' : 'traen'} de los archivos indicados o, si no están, de esas direcciones (${limits.concurrency} a la vez, hasta ${seconds} ${seconds === 1 ? 'segundo' : 'segundos'} y ${Math.round(limits.maxBytes / (1024 * 1024))} MB cada una)…`);
  const bar = progressReporter();
  const got = await linkedDocuments(links, files, { offline: options.offline, limits, progress: (done, total) => bar.update(`Descargando entregas enlazadas: ${done} de ${total}…`) });
  bar.done();
  if (got.fetched) io.err(`Descargadas ${got.fetched - got.failed} de ${formatCount(got.fetched, 'dirección', 'direcciones')}${got.failed ? `; ${got.failed === 1 ? 'una no se pudo traer' : `${got.failed} no se pudieron traer`} (abajo)` : ''}.`);
  return got.documents;
}

/** Whether a finding is about a linked release (could not be had, or is not the record's). */
export const isLinkFinding = (f: Finding): boolean => f.code.startsWith('history.link-');

/** A finding's line: its file, its JSON path there, and its text. */
export function fileFindingLine(f: FileFinding): string {
  return `${f.file}${f.finding.pointer ? ` ${f.finding.pointer}` : ''}: ${renderMessage(f.finding)}`;
}

/** What a command does without the linked releases it lacks: publishes the history, or writes the workbook. */
export type LinkCommand = 'history' | 'import';

/**
 * The linked releases that could not be had: those left out with --aceptar-faltantes (warnings), said first with
 * what that means, then those that stop the command (errors); SHOWN of each unless `all` (--todos).
 */
export function reportLinkFindings(findings: readonly FileFinding[], io: CliIo, command: LinkCommand, all: boolean): void {
  const capped = (list: readonly FileFinding[], indent: string): void => {
    for (const f of all ? list : list.slice(0, SHOWN)) io.err(`${indent}${fileFindingLine(f)}`);
    if (!all && list.length > SHOWN) io.err(`${indent}… y ${formatCount(list.length - SHOWN, 'entrega enlazada más', 'entregas enlazadas más')} (véalas todas con --todos).`);
  };
  const skipped = findings.filter((f) => isLinkFinding(f.finding) && f.finding.severity === 'warning');
  if (skipped.length) {
    const count = formatCount(skipped.length, 'entrega enlazada', 'entregas enlazadas');
    const could = skipped.length === 1 ? 'pudo' : 'pudieron';
    io.err(command === 'history'
      ? `Con --aceptar-faltantes, la historia se publica sin ${count} que no se ${could} traer; el registro de su proceso tendrá solo las demás:`
      : `Con --aceptar-faltantes, el libro se escribe sin ${count} que no se ${could} traer; su proceso lleva en el libro solo los datos de las demás:`);
    capped(skipped, '  ');
  }
  capped(findings.filter((f) => isLinkFinding(f.finding) && f.finding.severity === 'error'), '');
}

/** The way on when a linked release stopped the command (its old server gone for good). */
export function missingLinksHint(command: LinkCommand): string {
  return command === 'history'
    ? 'Si alguna entrega enlazada ya no se puede obtener (el servidor anterior ya no existe), agregue sus archivos si los tiene, o repita con --aceptar-faltantes para publicar la historia sin ella: el registro de su proceso tendrá solo las entregas que sí se trajeron, y no se podrá agregar después (la historia solo se publica una vez).'
    : 'Si alguna entrega enlazada ya no se puede obtener (el servidor anterior ya no existe), agregue sus archivos si los tiene, o repita con --aceptar-faltantes para escribir el libro sin ella: su proceso llevará en el libro solo los datos de las entregas que sí se trajeron.';
}
