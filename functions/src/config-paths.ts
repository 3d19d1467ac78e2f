/**
 * The self-hosted data locations (INFRA_SQLITE, BULK_DIR), checked once at start-up with the rest of the configuration
 * (config.ts), before anything creates a folder. Two cases failed badly when the folder was first created:
 * - inside /proc or /sys (a typo, or a path through /dev/fd, which leads there): Node's recursive mkdir never returns
 *   there — the CLI and the server hung with no word;
 * - under a plain file (`datos.sqlite/base.sqlite`): the CLI printed Node's English «ENOTDIR: not a directory, mkdir».
 * Both are said here in Spanish, naming the variable.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Kernel file systems: they hold no files of ours, and mkdir inside them hangs (above). */
const SYSTEM_ROOTS = ['/proc', '/sys'];

function systemRootOf(p: string): string | undefined {
  return SYSTEM_ROOTS.find((root) => p === root || p.startsWith(`${root}/`));
}

/** The deepest part of `dir` that exists (itself if it does), and whether it is a folder. */
export function existingPart(dir: string): { at: string; folder: boolean } | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      return { at, folder: fs.statSync(at).isDirectory() };
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      // Missing, or behind a file (ENOTDIR): look further up. Anything else (no permission to look) is left for
      // the store to report when it opens the file.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
    }
    if (path.dirname(at) === at) return undefined;
  }
}

/**
 * Why `folder` (where the variable `name` puts its files) cannot hold them, in Spanish; undefined when it may.
 * `what` names the location for the message («la base de datos «…»», «la carpeta de descargas «…»»).
 */
export function unusableFolder(name: string, folder: string, what: string): string | undefined {
  const resolved = path.resolve(folder);
  const lexical = systemRootOf(resolved);
  const part = existingPart(resolved);
  let real: string | undefined;
  try {
    real = part && fs.realpathSync(part.at);
  } catch {
    real = undefined;
  }
  const root = lexical ?? (real !== undefined ? systemRootOf(real) : undefined);
  if (root !== undefined) {
    const where = lexical !== undefined ? `queda dentro de ${root}` : `lleva a ${real ?? root} (un enlace), dentro de ${root}`;
    return `No se puede usar ${what} (variable ${name}): ${where}, una carpeta del sistema que no guarda archivos. Indique una ruta en una carpeta de datos, por ejemplo /var/lib/infra-abierta.`;
  }
  if (part && !part.folder) {
    return `No se pudo abrir ${what}: una parte de la ruta es un archivo, no una carpeta («${part.at}»). Revise la ruta (variable ${name}): indique una carpeta que exista o que se pueda crear.`;
  }
  return undefined;
}
