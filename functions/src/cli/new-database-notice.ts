/**
 * A command that created the database it works on says so, with its full path. Run without the server's variables
 * (`/etc/infra-abierta.env` not loaded) or from another folder, `publishers list` answered «Aún no hay publicadores»
 * and `users add` printed a key for an account in a new, empty database nobody serves — as if the server's data were
 * gone, or the key did not work. Registering publishers before the first start (README) creates it on purpose: a
 * notice, said after the command's own lines.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Asked before the command runs, whether `sqlitePath` exists; the function returned gives, once it has run, the
 * notice if the command created it (undefined otherwise: it existed, or the command stopped before opening it).
 */
export function newDatabaseNotice(sqlitePath: string, env: NodeJS.ProcessEnv): () => string | undefined {
  // An absolute INFRA_SQLITE names the base on purpose (docs/operations.md writes it so): only the default, or a
  // relative path, depends on the folder the command runs from.
  if (sqlitePath === ':memory:' || path.isAbsolute(sqlitePath) || fs.existsSync(sqlitePath)) return () => undefined;
  return () => (fs.existsSync(sqlitePath) ? createdNotice(sqlitePath, env) : undefined);
}

function createdNotice(sqlitePath: string, env: NodeJS.ProcessEnv): string {
  const full = path.resolve(sqlitePath);
  const which = env.INFRA_SQLITE
    ? `la que dice INFRA_SQLITE («${env.INFRA_SQLITE}»), una ruta relativa a la carpeta desde la que se ejecuta la orden (${process.cwd()})`
    : `la predeterminada, sin INFRA_SQLITE: .data/infra-abierta.sqlite dentro de la carpeta desde la que se ejecuta la orden (${process.cwd()})`;
  return `Aviso: no había base de datos en «${full}», ${which}; esta orden la creó. Si su servidor ya tiene datos, no es la suya: cargue sus variables (set -a; . /etc/infra-abierta.env; set +a, o el guion infra-abierta de docs/operations.md) y repita la orden.`;
}
