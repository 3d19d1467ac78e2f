/**
 * Where a command is about to write, checked before any work is done: a missing folder or a folder given as the
 * file is said in Spanish (not ENOENT / EISDIR), a command never writes over one of its own inputs (`convert
 * libro.xlsx -o libro.xlsx` turned the official's workbook into JSON), and a workbook that already exists is only
 * replaced when asked (`--sobrescribir`): `template` or `import` over a filled workbook lost its data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';

const statOf = (file: string): fs.Stats | undefined => {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
};

export function checkOutput(output: string, inputs: readonly string[], opts: { keepExisting?: boolean } = {}): void {
  const folder = path.dirname(output);
  if (!statOf(folder)?.isDirectory()) throw new UsageError(`No existe la carpeta «${folder}» donde se escribiría «${path.basename(output)}». Créela o indique otra ruta con -o.`);
  const existing = statOf(output);
  if (!existing) return;
  if (existing.isDirectory()) throw new UsageError(`«${output}» es una carpeta: indique con -o el nombre del archivo, por ejemplo -o ${path.join(output, 'salida.json')}.`);
  for (const input of inputs) {
    const st = statOf(input);
    if (st && st.ino === existing.ino && st.dev === existing.dev) throw new UsageError(`La salida «${output}» es el mismo archivo que se lee: se perdería. Indique otro nombre con -o.`);
  }
  if (opts.keepExisting) throw new UsageError(`Ya existe «${output}»: para no perder lo que tiene, no se reemplaza. Indique otro nombre con -o, o agregue --sobrescribir para reemplazarlo.`);
}
