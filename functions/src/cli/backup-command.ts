/**
 * `backup -o copia.sqlite`: a consistent copy of the self-hosted database while the server keeps running (SQLite's
 * online backup). The database runs in WAL mode: what was written lately lives in `…-wal` until a checkpoint, so
 * copying the main file with `cp` while the server runs gave a copy without it — seen: a copy with no tables at all.
 */
import * as fs from 'fs';
import * as path from 'path';
import Database from 'better-sqlite3';
import { formatNumber } from '../../../core/format/es-mx';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { checkOutput } from './output-path';
import { diskTrouble } from '../lib/disk-trouble';
import { fileOwner } from '../lib/file-owner';

export async function backupCommand(args: ParsedArgs, sqlitePath: string, io: CliIo): Promise<number> {
  if (args.options.nube !== undefined) throw new UsageError('En la nube los datos están en Firestore: respáldelos con «gcloud firestore export» (docs/deploy.md, «Respaldos»).');
  const output = stringOption(args, 'salida');
  if (!output) throw new UsageError('Indique el archivo de la copia con -o, por ejemplo: -o respaldo-2025-01-31.sqlite');
  if (sqlitePath === ':memory:' || !fs.existsSync(sqlitePath)) throw new UsageError(`No hay base de datos que respaldar en «${sqlitePath}» (INFRA_SQLITE).`);
  checkOutput(output, [sqlitePath], { keepExisting: args.options.sobrescribir !== true, example: 'respaldo.sqlite' });
  // Written beside the output and renamed when complete: an interrupted copy never looks like a backup.
  const partial = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.parcial`);
  const db = new Database(sqlitePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    try {
      await db.backup(partial);
      // One self-contained file: the copy leaves WAL mode (the server sets it again when it opens a restored copy).
      const copy = new Database(partial);
      try { copy.pragma('journal_mode = DELETE'); } finally { copy.close(); }
      fs.renameSync(partial, output);
    } catch (e) {
      // The copy's disk, not the database's: the general advice (INFRA_SQLITE, BULK_DIR) pointed elsewhere.
      const why = diskTrouble(e);
      if (why === undefined) throw e;
      io.err(`No se pudo escribir la copia en «${output}»: ${why}. Libere espacio en ese disco o indique otro lugar con -o; no quedó ninguna copia a medias.`);
      return 3;
    }
  } finally {
    db.close();
    // With SQLite's own files of the copy: a failed one left its «-journal» beside the output.
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  }
  // Restored with `cp` or `mv` by root, the copy was root's and a server running as its own user did not start: the
  // owner it needs is said here, where the restore is described.
  const owner = fileOwner(sqlitePath);
  const put = owner ? `, con el dueño que tiene la base: install -o ${owner.user} -g ${owner.group} -m 640 ${output} ${sqlitePath} (con otro dueño el servidor no arranca)` : '';
  io.err(`Copia de la base escrita en ${output} (${formatNumber(fs.statSync(output).size / 2 ** 20, 1)} MB). Para restaurarla, detenga el servidor, borre ${path.basename(sqlitePath)}-wal y ${path.basename(sqlitePath)}-shm si existen y póngala en lugar de ${sqlitePath}${put}.`);
  return 0;
}
