/**
 * A package's `uri`: OCDS and OC4IDS package schemas require it, the URI that identifies the package, best one where
 * a copy can be downloaded. The CLI cannot know where the file will be published: `--url` says it. Without it the
 * package names its file alone (`file:///salida.json`), never its folder on this computer — a published
 * `file:///home/juan.perez/Documentos/…` gives away the official's user name and folders.
 */
import * as path from 'path';
import { type ParsedArgs, stringOption, UsageError } from './args';

/** `--url`, checked: a web address (http:// or https://), as the public will follow it. */
export function publishedUrl(args: ParsedArgs): URL | undefined {
  const given = stringOption(args, 'url');
  if (given === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(`--url debe ser la dirección web completa donde publicará el archivo, por ejemplo --url https://www.municipio.gob.mx/datos/salida.json (se recibió «${given}»).`);
  }
  return url;
}

/**
 * The `uri` of the package written to `file`. With `--url` (the address of the main output), a second file written
 * beside it (the projects package) is named by its own file name at the same place.
 */
export function packageUri(file: string, url: URL | undefined, main: string = file): string {
  const name = path.basename(file);
  if (!url) return `file:///${encodeURIComponent(name)}`;
  return file === main ? url.href : new URL(encodeURIComponent(name), url).href;
}

/** Told once per command when `--url` is missing. */
export const NO_URL_NOTICE = 'Aviso: sin --url, el paquete se identifica solo con el nombre del archivo. Al publicarlo, indique con --url la dirección web donde quedará (p. ej. --url https://www.municipio.gob.mx/datos/salida.json).';
