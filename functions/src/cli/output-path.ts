/**
 * Where a command is about to write, checked before any work is done: a missing folder or a folder given as the
 * file is said in Spanish (not ENOENT / EISDIR), a command never writes over one of its own inputs (`convert
 * libro.xlsx -o libro.xlsx` turned the official's workbook into JSON), and a workbook that already exists is only
 * replaced when asked (`--sobrescribir`): `template` or `import` over a filled workbook lost its data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';
import { processUser } from '../lib/process-user';
import { folderWriteRefusal } from '../lib/folder-write-refusal';

/**
 * The folder's refusal to take a new file, said in Spanish, or undefined when it can. Run as the server's own user
 * (docs/operations.md: the commands run as the service's user), `backup -o respaldo.sqlite` from `/root` or `/`
 * ended in «Error inesperado: unable to open database file» (SQLite's words), exit 3, with no hint of why.
 */
function unwritableFolder(folder: string): string | undefined {
  const refusal = folderWriteRefusal(folder);
  if (refusal === undefined) return undefined;
  const where = `No se puede escribir en la carpeta «${path.resolve(folder)}»`;
  if (refusal === 'read-only') return `${where}: está en un disco de solo lectura. Indique otra con -o.`;
  return `${where}: el usuario con el que se ejecuta esta orden («${processUser()}») no tiene permiso. Indique con -o, con su ruta completa, una carpeta donde pueda escribir (con el servidor como servicio, una de su usuario: docs/operations.md, «Servidor propio en producción»), o dele permiso.`;
}

const statOf = (file: string): fs.Stats | undefined => {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
};

/** `example`: the file name suggested when a folder is given as the file (a backup is not «salida.json»). */
export function checkOutput(output: string, inputs: readonly string[], opts: { keepExisting?: boolean; example?: string } = {}): void {
  const folder = path.dirname(output);
  if (!statOf(folder)?.isDirectory()) throw new UsageError(`No existe la carpeta «${folder}» donde se escribiría «${path.basename(output)}». Créela o indique otra ruta con -o.`);
  const refused = unwritableFolder(folder);
  if (refused !== undefined) throw new UsageError(refused);
  const existing = statOf(output);
  if (!existing) return;
  if (existing.isDirectory()) throw new UsageError(`«${output}» es una carpeta: indique con -o el nombre del archivo, por ejemplo -o ${path.join(output, opts.example ?? 'salida.json')}.`);
  for (const input of inputs) {
    const st = statOf(input);
    if (st && st.ino === existing.ino && st.dev === existing.dev) throw new UsageError(`La salida «${output}» es el mismo archivo que se lee: se perdería. Indique otro nombre con -o.`);
  }
  if (opts.keepExisting) throw new UsageError(`Ya existe «${output}»: para no perder lo que tiene, no se reemplaza. Indique otro nombre con -o, o agregue --sobrescribir para reemplazarlo.`);
}

/**
 * A file-system refusal while writing an output the official named, said in Spanish with what to do. On Windows a
 * workbook open in Excel is locked: `template -o plantilla.xlsx --sobrescribir` or `import … -o libro.xlsx
 * --sobrescribir` over it printed «Error inesperado: EBUSY: resource busy or locked», in English, or was told to
 * check INFRA_SQLITE and BULK_DIR (the server's folders, lib/disk-trouble.ts), naming import's hidden partial file.
 */
export function outputWriteRefusal(e: unknown, output: string): UsageError | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const head = `No se pudo escribir «${output}»`;
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') return new UsageError(`${head}: el archivo está abierto en otro programa (como Excel) o su usuario no tiene permiso para cambiarlo. Ciérrelo y repita la orden, o indique otro nombre con -o.`);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new UsageError(`${head}: el disco está lleno. Libere espacio o indique con -o un archivo en otro disco.`);
  return undefined;
}

/** Runs `write` (the output's writing), a refusal said as outputWriteRefusal does. */
export async function writingOutput<T>(output: string, write: () => T | Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw outputWriteRefusal(e, output) ?? e;
  }
}
