/**
 * A failure to write the self-hosted server's data (the SQLite file, BULK_DIR, uploads/) said in Spanish, for the
 * server's log and for the person whose request it stopped. A full disk logged «error interno: database or disk is
 * full», «ENOSPC: no space left on device, write» or «disk I/O error», and the person read «Ocurrió un error
 * interno. Intente de nuevo más tarde.» — trying again does not help until someone frees the disk.
 */

/** Why, in Spanish, from the error's code (Node's file-system codes and SQLite's); undefined when it is not one of these. */
export function diskTrouble(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'el disco del servidor está lleno (o se acabó la cuota de su usuario)';
  if (code === 'EFBIG') return 'un archivo pasó del tamaño máximo que el sistema permite a este proceso (ulimit -f)';
  if (code === 'EROFS') return 'el disco está montado como de solo lectura';
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) return 'el usuario con el que se ejecuta no tiene permiso de escritura';
  if (code.startsWith('SQLITE_IOERR')) return 'falló la escritura o la lectura en el disco (puede estar lleno o dañado)';
  return undefined;
}

/** The log line's advice after `diskTrouble`: where to look. */
export function diskTroubleAdvice(e: unknown): string | undefined {
  const why = diskTrouble(e);
  if (why === undefined) return undefined;
  const where = typeof (e as { path?: unknown }).path === 'string' ? ` («${(e as { path: string }).path}»)` : '';
  return `No se pudo escribir en el disco${where}: ${why}. Revise el espacio libre (df -h) y los permisos de las carpetas de INFRA_SQLITE y BULK_DIR.`;
}

/** What the person whose request it stopped reads (503: it is the server's, and trying again soon will not help). */
export const DISK_TROUBLE_MESSAGE = 'La plataforma no pudo guardar la información: su servidor no puede escribir en el disco (está lleno o sin permiso). Avise a quien administra la plataforma; lo ya publicado no se perdió.';
/** The same to someone who only reads (a bulk download built on demand): nothing of theirs was to be saved. */
export const DISK_TROUBLE_READ_MESSAGE = 'Esta descarga no está disponible por ahora: el servidor de la plataforma no puede escribir en su disco para prepararla (está lleno o sin permiso). Los datos publicados siguen en la API; si persiste, avise a quien administra la plataforma.';
