/**
 * Whether the server can write where it keeps its data: the SQLite file (INFRA_SQLITE, with its `-wal` and `-shm`
 * beside it), the bulk files' folder (BULK_DIR) and the uploaded workbooks' folder (`uploads/` next to the database).
 * Asked once at start-up, before anything is served. A database the server's user may only read opens without a
 * word (SQLite falls back to reading), so the server announced its address and then answered every send, approval
 * and account change with «Ocurrió un error interno», its log saying «attempt to write a readonly database»; a bulk
 * folder it could not write made every download a 500. Both happen after a restore or a copy made as another user
 * (root) than the one the service runs as.
 */
import * as path from 'path';
import Database from 'better-sqlite3';
import type { Config } from '../config';
import { existingPart } from '../config-paths';
import { folderWriteRefusal } from '../lib/folder-write-refusal';

/** Writes nothing: the write is rolled back. Busy (another process writing) waits like the store does. */
function databaseRefusesWrites(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5000 });
    db.exec('BEGIN IMMEDIATE');
    try {
      // BEGIN IMMEDIATE succeeds on a read-only file in WAL mode: only a write says it.
      const version = Number(db.pragma('user_version', { simple: true }));
      db.pragma(`user_version = ${version}`);
    } finally {
      db.exec('ROLLBACK');
    }
    return false;
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM';
  } finally {
    db?.close();
  }
}

/** The folder, or the part of its path that exists (the folder is created there), cannot be written. */
function folderRefusesWrites(folder: string): string | undefined {
  const part = existingPart(path.resolve(folder));
  if (!part?.folder) return undefined; // a path through a file: said by loadConfig (config-paths.ts)
  const refusal = folderWriteRefusal(part.at);
  if (refusal === undefined) return undefined;
  return refusal === 'read-only' ? `«${part.at}» está en un disco de solo lectura` : `no hay permiso para escribir en «${part.at}»`;
}

const USER_HINT = 'Dé permiso de escritura al usuario con el que corre el servidor (el de «User=» en su unidad de systemd; por ejemplo, «chown -R usuario carpeta») y arránquelo de nuevo.';

/**
 * Spanish messages, one per place the server could not write (none when it can). `uploadsDir`: where the uploaded
 * workbooks are kept (local-services.ts).
 */
export function unwritableData(config: Pick<Config, 'sqlitePath' | 'bulkDir'>, uploadsDir: string): string[] {
  if (config.sqlitePath === ':memory:') return [];
  const problems: string[] = [];
  if (databaseRefusesWrites(config.sqlitePath)) {
    problems.push(`La base de datos «${config.sqlitePath}» (variable INFRA_SQLITE) solo se puede leer: el servidor no podría recibir envíos, aprobar ni publicar. Revise que el archivo, sus archivos «-wal» y «-shm» y su carpeta se puedan escribir. ${USER_HINT}`);
  }
  if (config.bulkDir !== undefined) {
    const why = folderRefusesWrites(config.bulkDir);
    if (why) problems.push(`No se pueden escribir los archivos de descarga masiva en «${config.bulkDir}» (variable BULK_DIR): ${why}. ${USER_HINT}`);
  }
  const uploadsWhy = folderRefusesWrites(uploadsDir);
  if (uploadsWhy) problems.push(`No se pueden guardar los libros enviados en «${uploadsDir}» (junto a la base de datos, variable INFRA_SQLITE): ${uploadsWhy}. ${USER_HINT}`);
  return problems;
}
