/** The embedded store of the self-hosted mode, in the configured file (its folder is created on first use). */
import * as fs from 'fs';
import * as path from 'path';
import { type Config, ConfigError } from '../config';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { processUser } from '../lib/process-user';

/**
 * Opens (creating its folder) the SQLite file, turning the driver's and the file system's English errors into what a
 * person can act on, naming INFRA_SQLITE: the server, its processes and every CLI command open it here (`users list`
 * printed «Error inesperado: ENOTDIR: not a directory, mkdir …»). loadConfig has refused the paths it can tell at
 * start-up (config-paths.ts); this covers the rest (no permission, a file that is not a database, a lock).
 */
export function openLocalStore(config: Pick<Config, 'sqlitePath'>): Store {
  try {
    if (config.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.sqlitePath)), { recursive: true });
    return openSqliteStore(config.sqlitePath);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // A copy restored or moved into place as root: the server's user can read it but not write it, and the message
    // said «los permisos» without whose or how.
    if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'SQLITE_READONLY_DIRECTORY') {
      const user = processUser();
      throw new ConfigError(`No se pudo abrir la base de datos «${config.sqlitePath}» (variable INFRA_SQLITE): el usuario con el que se ejecuta («${user}») no tiene permiso para escribirla. Si la restauró, copió o movió como root, désela a ese usuario (chown ${user}: ${path.resolve(config.sqlitePath)}, y lo mismo a su carpeta si tampoco es suya) y vuelva a intentarlo.`);
    }
    const why = code === 'SQLITE_NOTADB' ? 'el archivo existe pero no es una base de datos SQLite'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' ? 'no hay permiso para leer o escribir en esa ubicación'
        : code === 'ENOTDIR' || code === 'EEXIST' ? 'una parte de la ruta es un archivo, no una carpeta'
          : code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' ? 'otro programa la tiene bloqueada'
            : 'no se pudo abrir ni crear el archivo';
    throw new ConfigError(`No se pudo abrir la base de datos «${config.sqlitePath}»: ${why}. Revise la ruta (variable INFRA_SQLITE) y los permisos, y vuelva a intentarlo.`);
  }
}
