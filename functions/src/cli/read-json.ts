/**
 * A JSON file the CLI reads whole (`validate`, `import`, `compile`): its UTF-8 byte-order mark dropped (Windows
 * editors write one, and JSON.parse refused the file), and when it is not JSON, where: «línea 12, columna 5».
 * A file that is not UTF-8 is read as Windows-1252, and said (legacyMessage).
 */
import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';
import { checkReadable, fileNotFound } from './input-path';

/** Where JSON.parse stopped (`… at position 123` in V8's message, or «line 2 column 5» in newer ones). */
function whereIn(text: string, message: string): string {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return ` (línea ${lineCol[1]}, columna ${lineCol[2]})`;
  const position = /position (\d+)/.exec(message);
  if (!position) return text.trim() === '' ? ' (está vacío)' : ' (termina antes de tiempo)';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return ` (línea ${line}, columna ${before.length - before.lastIndexOf('\n')})`;
}

export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A workbook given where a package goes: «no es JSON válido (termina antes de tiempo)» sent officials looking
  // for a broken file. An .xlsx is a zip («PK\x03\x04»).
  if (body.startsWith('PK\u0003\u0004')) {
    throw new UsageError(`El archivo «${path.basename(file)}» es un libro de Excel, no un paquete JSON. Para revisar un libro use «infra-abierta validate ${path.basename(file)}»; para obtener sus paquetes JSON, «infra-abierta convert ${path.basename(file)} -o paquete.json».`);
  }
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new UsageError(`El archivo «${path.basename(file)}» no es JSON válido${whereIn(body, e instanceof Error ? e.message : '')}.`);
  }
}

/**
 * The text of a file's bytes. JSON is UTF-8 (RFC 8259 §8.1), but servers and exports on Windows wrote Windows-1252
 * (Latin-1 and a few more): read as UTF-8, every «Í», «ñ» of such a file became «\uFFFD» (the replacement
 * character), imported and published so without a word («SECRETAR\uFFFDA»). Bytes that are not UTF-8 are read as
 * Windows-1252, where every byte is a character (`legacy`).
 */
export function decodeJsonBytes(bytes: Buffer): { text: string; legacy: boolean } {
  const text = bytes.toString('utf8');
  // isUtf8 only when a replacement character shows up: the fast path stays one decode.
  if (!text.includes('\uFFFD') || isUtf8(bytes)) return { text, legacy: false };
  return { text: new TextDecoder('windows-1252').decode(bytes), legacy: true };
}

/** Said when a file was read as Windows-1252 (decodeJsonBytes). */
function legacyMessage(file: string): string {
  return `El archivo «${path.basename(file)}» no está en UTF-8, la codificación de JSON: se leyó como Windows-1252 (Latin-1), la de muchos sistemas anteriores, para conservar sus acentos y eñes. Revise que los nombres se lean bien en lo que se escribió; si no, guarde el archivo como UTF-8 y repita.`;
}

/** A folder given for a file: reading it threw «EISDIR: illegal operation on a directory», in English. */
function folderMessage(file: string): string {
  return `«${path.basename(path.resolve(file))}» es una carpeta, no un archivo JSON. Indique los archivos de la carpeta, por ejemplo «${path.join(file, '*.json')}».`;
}

/**
 * Bytes `from` to `to` as UTF-8 text; throws when they are not UTF-8 (a replacement character in the text and bytes
 * that are not UTF-8), for readers of a file's parts that then read it whole (decodeJsonBytes).
 */
export function utf8Text(bytes: Buffer, from: number, to: number): string {
  const text = bytes.toString('utf8', from, to);
  if (text.includes('\uFFFD') && !isUtf8(bytes.subarray(from, to))) throw new Error('no es UTF-8');
  return text;
}

/**
 * Decoded at once (`Buffer.toString` is Node's fast path; a stream decodes chunk by chunk, slower). `note` is told
 * when the file was read as Windows-1252 and is JSON (a workbook or other binary file is said to be what it is).
 */
export function readJsonFile(file: string, note?: (message: string) => void): unknown {
  checkReadable(file);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  // `history` reads its files here without a check of its own: a missing one ended in Node's «ENOENT» (English).
  if (!stat) throw new UsageError(fileNotFound(file));
  if (stat.isDirectory()) throw new UsageError(folderMessage(file));
  const { text, legacy } = decodeJsonBytes(fs.readFileSync(file));
  const value = parseJsonText(text, file);
  if (legacy) note?.(legacyMessage(file));
  return value;
}
