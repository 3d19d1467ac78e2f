/**
 * One `serve` per database. A single server takes at once what it finds unfinished — it resumes every `approved`
 * submission at start-up and takes over any «revisando»/«preparando» marker that is not its own (kept-state.ts,
 * `sole`) — because it assumes nobody else works on its files. A second server started by mistake on the same
 * INFRA_SQLITE (another PORT, a test in a terminal while the service runs) published again what the first was
 * publishing and told senders that live checks had been interrupted. (The same port is refused earlier: local-server.ts
 * checkPortFree.) `serve --procesos N` holds it in its primary: its workers share the database by design.
 *
 * The lock is SQLite's own exclusive lock on a small file beside the database, `<base>.servidor`, held while the
 * server runs: the operating system releases it when the process ends in any way (kill -9, a crash, a reboot), so
 * there is never a stale lock to remove by hand.
 */
import * as path from 'path';
import Database from 'better-sqlite3';
import { StartupError } from './startup-error';
import { STOPPED } from './stop-on-signals';

export interface ServerLock { release(): void }

export function serverLockFile(sqlitePath: string): string {
  return `${path.resolve(sqlitePath)}.servidor`;
}

/** Holds the lock, or throws a Spanish StartupError when another server holds it. Nothing to hold for `:memory:`. */
export function holdServerLock(sqlitePath: string): ServerLock {
  if (sqlitePath === ':memory:') return { release: () => undefined };
  const file = serverLockFile(sqlitePath);
  let db: Database.Database;
  try {
    // timeout 0: a lock held is an answer, not something to wait for.
    db = new Database(file, { timeout: 0 });
  } catch {
    throw new StartupError(`No se pudo crear «${file}», el archivo con el que el servidor se asegura de ser el único sobre su base de datos (variable INFRA_SQLITE): dé permiso de escritura en esa carpeta al usuario con el que corre el servidor y arránquelo de nuevo.`);
  }
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if (String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY')) {
      throw new StartupError(`Ya hay un servidor atendiendo la base de datos «${sqlitePath}» (variable INFRA_SQLITE) en este equipo. Dos servidores sobre los mismos archivos se estorban: uno volvería a publicar lo que el otro está publicando. Detenga el que está en marcha (systemctl stop infra-abierta, o Ctrl+C en su terminal) antes de arrancar otro, o use otra base. Si lo acaba de detener, quizá termina una publicación: espere a que diga «${STOPPED}» (en su terminal, o en journalctl -u infra-abierta).`);
    }
    throw e;
  }
  return {
    release: () => {
      if (!db.open) return;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
