/**
 * A file a command is about to read, checked before any work is done: one this process's user may not reach or read is
 * said as such. The commands run as the server's own user (docs/operations.md), and with a workbook left in /root (a
 * folder that user cannot enter) `publish` said «No se encontró el archivo» of a file that was there; with one only
 * root could read, `publish` and `history` said «No se pudo escribir en el disco… Revise el espacio libre (df -h)… de
 * INFRA_SQLITE y BULK_DIR» and `validate` «Error inesperado: EACCES…»: the person went looking at the wrong thing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';
import { processUser } from '../lib/process-user';

/** Throws, in Spanish, when permissions keep this process from reading `file`; a missing file is each command's to say. */
export function checkReadable(file: string): void {
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'EACCES' && code !== 'EPERM') return;
    throw new UsageError(`No se puede leer «${path.resolve(file)}»: el usuario con el que se ejecuta esta orden («${processUser()}») no tiene permiso sobre el archivo o sobre una de sus carpetas. Póngalo en una carpeta que ese usuario pueda leer e indíquelo con su ruta completa (con el servidor como servicio, una de su usuario: docs/operations.md, «Servidor propio en producción»), o dele permiso.`);
  }
}

/**
 * «No se encontró el archivo» with the full path it was looked for at: a name alone («no-existe.xlsx») did not say in
 * which folder the command looked, and a relative path is taken from the folder the command runs in (the server's
 * own, or a script's), which is often not the one the person had in mind.
 */
export function fileNotFound(file: string, what = 'el archivo'): string {
  return `No se encontró ${what} «${path.resolve(file)}».`;
}

/**
 * An input file the command needs: one its user may not read said as such (checkReadable), then one that is not there
 * (fileNotFound). In that order: a folder the user cannot enter makes the file look missing to fs.existsSync.
 */
export function checkInputFile(file: string): void {
  checkReadable(file);
  if (!fs.existsSync(file)) throw new UsageError(fileNotFound(file));
}
