/** `import paquete.json [otro.json …] -o libro.xlsx`: published packages → a filled template (upgrading old quirks). */
import * as fs from 'fs';
import * as path from 'path';
import { importDocuments, settingsFromPackages } from '../../../core/import';
import { flatten } from '../../../core/flatten';
import { renderMessage } from '../../../core/messages/render';
import { formatCount } from '../../../core/format/es-mx';
import { templateSpec } from '../../../core/template/template-spec';
import { HEADER_ROWS, templateBuffer } from '../xlsx/write-template';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { checkOutput } from './output-path';
import { readJsonFile } from './read-json';

export async function importCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const output = stringOption(args, 'salida');
  if (!args.positional.length) throw new UsageError('Indique uno o más paquetes JSON a importar.');
  if (!output) throw new UsageError('Indique el libro de salida con -o, por ejemplo: -o libro.xlsx');
  if (!/\.xlsx$/i.test(output)) throw new UsageError(`La salida de import es un libro de Excel: su nombre debe terminar en .xlsx (se recibió «${output}»), por ejemplo: -o libro.xlsx`);
  checkOutput(output, args.positional, { keepExisting: args.options.sobrescribir !== true });
  const releases: Record<string, unknown>[] = [];
  const projects: Record<string, unknown>[] = [];
  const packages: unknown[] = [];
  let errors = 0;
  for (const file of args.positional) {
    const label = path.basename(file);
    if (!fs.existsSync(file)) throw new UsageError(`No se encontró el archivo «${file}».`);
    const parsed = readJsonFile(file);
    packages.push(parsed);
    const result = importDocuments(parsed, label);
    releases.push(...result.releases);
    projects.push(...result.projects);
    for (const f of result.findings) {
      if (f.severity === 'error') errors++;
      io.err(`${label}${f.pointer ? ` ${f.pointer}` : ''}: ${renderMessage(f)}`);
    }
  }
  const workbook = flatten({ releases, projects }, templateSpec());
  const rows = Object.fromEntries(workbook.sheets.map((s) => [s.name, s.rows.slice(HEADER_ROWS)]));
  // Configuración as the packages say (publisher, licence, policy, prefixes, state, time zone), not the defaults.
  fs.writeFileSync(output, await templateBuffer(templateSpec(), { rows, settings: settingsFromPackages(packages, { releases, projects }) }));
  io.err(`Escrito ${output}: ${formatCount(releases.length, 'proceso de contratación', 'procesos de contratación')} y ${formatCount(projects.length, 'proyecto', 'proyectos')}.`);
  return errors ? 1 : 0;
}
