/** `import paquete.json [otro.json …] -o libro.xlsx`: published packages → a filled template (upgrading old quirks). */
import * as fs from 'fs';
import * as path from 'path';
import { amountsOnlyWithTax, compileProcesses, datesKeptAsText, groupFieldNotes, importDocuments, isNotCarriedNote, joinNotCarried, latestProjects, packageMetadata, packageTermsFindings, publisherNamesFinding, settingsFromPackages } from '../../../core/import';
import { flattenSheet } from '../../../core/flatten';
import { DEFAULT_TIME_ZONE } from '../../../core/unflatten/time-zone';
import type { Finding } from '../../../core/findings/finding';
import { renderMessage } from '../../../core/messages/render';
import { formatCount } from '../../../core/format/es-mx';
import { templateSpec } from '../../../core/template/template-spec';
import { HEADER_ROWS, writeTemplateFile } from '../xlsx/write-template';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { checkOutput, writingOutput } from './output-path';
import { readJsonFile } from './read-json';
import { checkInputFile } from './input-path';
import { releaseLinks } from '../../../core/import/linked-releases';
import { unversionAcrossFiles, versionsNamedByProjects } from '../../../core/import/unversioned-ocid';
import { lowerOcidPrefix } from '../../../core/identifiers/lower-ocid-prefix';
import type { FileFinding } from '../../../core/import/published-releases';
import { bringLinkedReleases, isLinkFinding, linkOptions, missingLinksHint, reportLinkFindings } from './linked-releases-step';

export async function importCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const output = stringOption(args, 'salida');
  if (!args.positional.length) throw new UsageError('Indique uno o más paquetes JSON a importar.');
  if (!output) throw new UsageError('Indique el libro de salida con -o, por ejemplo: -o libro.xlsx');
  if (!/\.xlsx$/i.test(output)) throw new UsageError(`La salida de import es un libro de Excel: su nombre debe terminar en .xlsx (se recibió «${output}»), por ejemplo: -o libro.xlsx`);
  checkOutput(output, args.positional, { keepExisting: args.options.sobrescribir !== true });
  const options = linkOptions(args);
  // The linked releases that could not be had, said after all the files (reportLinkFindings, shared with history).
  const linkFindings: FileFinding[] = [];
  const releases: Record<string, unknown>[] = [];
  // Each file's releases, and the process a record gives a versioned ocid: for its release read from another file.
  const releasesByFile: { file: string; releases: Record<string, unknown>[] }[] = [];
  const processOf = new Map<string, string>();
  // The same, named by a project given with them (no record): versionsNamedByProjects.
  const namedByProject = new Map<string, string>();
  const projects: Record<string, unknown>[] = [];
  const packages: unknown[] = [];
  const notCarried: Finding[] = [];
  let errors = 0;
  // The files given, each read when a linked release is looked for among them (rare: see below), and then kept.
  const given = args.positional.map((file) => {
    let value: unknown;
    return { file: path.basename(file), get value(): unknown { return (value ??= readJsonFile(file)); } };
  });
  for (const file of args.positional) {
    const label = path.basename(file);
    checkInputFile(file);
    const parsed = readJsonFile(file, (message) => io.err(`${label}: ${message}`));
    // Its metadata only: the documents are copied by importDocuments, and the parsed file can go.
    packages.push(packageMetadata(parsed));
    // A record with no content of its own, only links to its releases: they are brought from the files given, or
    // fetched from their addresses, as `history` brings every linked release (linked-releases-step.ts).
    const links = releaseLinks([{ file: label, value: parsed }], true);
    const documents = await bringLinkedReleases(links, given, options, io, label);
    const result = importDocuments(parsed, label, links.length ? { documents, acceptMissing: options.acceptMissing } : undefined);
    releases.push(...result.releases);
    releasesByFile.push({ file: label, releases: result.releases });
    for (const [versioned, ocid] of result.versionedOcids) processOf.set(versioned, ocid);
    // Keyed as the releases' ocids are in the workbook, their prefix in lower case (importDocuments).
    for (const [versioned, ocid] of versionsNamedByProjects([parsed])) namedByProject.set(lowerOcidPrefix(versioned) ?? versioned, lowerOcidPrefix(ocid) ?? ocid);
    projects.push(...result.projects);
    // What the workbook does not carry is said once for all the files, below.
    notCarried.push(...result.findings.filter(isNotCarriedNote));
    linkFindings.push(...result.findings.filter(isLinkFinding).map((finding) => ({ file: label, finding })));
    // One line per kind of note (field-notes.ts): a capture-tool file gave dozens, one per field.
    for (const f of groupFieldNotes(result.findings.filter((x) => !isNotCarriedNote(x) && !isLinkFinding(x)))) {
      if (f.severity === 'error') errors++;
      // The whole file («/») is already named by the line's start.
      io.err(`${label}${f.pointer && f.pointer !== '/' ? ` ${f.pointer}` : ''}: ${renderMessage(f)}`);
    }
  }
  // Every one listed (import has no --todos): only records without a compiled release are fetched, rarely many.
  reportLinkFindings(linkFindings, io, 'import', true);
  const missing = linkFindings.filter((f) => f.finding.severity === 'error').length;
  if (missing) {
    // As `history` publishes nothing: the workbook would hold those processes without the missing releases' data.
    io.err(`No se escribió ${path.basename(output)}: ${formatCount(missing, 'entrega enlazada no se pudo traer', 'entregas enlazadas no se pudieron traer')}, y sin ${missing === 1 ? 'ella su proceso quedaría incompleto' : 'ellas sus procesos quedarían incompletos'} en el libro.`);
    io.err(missingLinksHint('import'));
    return 1;
  }
  // Nuevo León's release package beside the record that links it: its process is the one the record names.
  for (const f of unversionAcrossFiles(releasesByFile, processOf)) io.err(renderMessage(f));
  // Without its record, its process is the one a project given with it names (Nuevo León's projects).
  for (const f of unversionAcrossFiles(releasesByFile, namedByProject, 'project')) io.err(renderMessage(f));
  // One process published a file per release (Ciudad de México, the SHCP): its files' releases make one process.
  const acrossFiles = compileProcesses(releases);
  releases.splice(0, releases.length, ...acrossFiles.releases);
  for (const f of acrossFiles.findings) io.err(renderMessage(f));
  // Amounts published only with VAT have no column: said once, as the processes stand in the workbook (compiled).
  const withTax = amountsOnlyWithTax(releases, templateSpec());
  if (withTax) io.err(renderMessage(withTax));
  // …and one project published in versions, a file each (Nuevo León's -v000001, -v000002): its latest.
  const versions = latestProjects(projects);
  projects.splice(0, projects.length, ...versions.projects);
  for (const f of versions.findings) io.err(renderMessage(f));
  for (const f of joinNotCarried(notCarried, releases.length, projects.length)) io.err(renderMessage(f));
  // Nothing came in (no file was a package): a blank template would be written, looking like an import that worked.
  if (!releases.length && !projects.length) {
    io.err(`No se escribió ${path.basename(output)}: ${args.positional.length === 1 ? 'el archivo no trae' : 'ningún archivo trae'} procesos de contratación ni proyectos. Para una plantilla en blanco use «infra-abierta template».`);
    return 1;
  }
  // Configuración as the packages say (publisher, licence, policy, prefixes, state, time zone), not the defaults.
  const settings = settingsFromPackages(packages, { releases, projects });
  // Configuración keeps one publisher name: the others the packages gave are said, not dropped in silence.
  const publishers = publisherNamesFinding(packages, { releases, projects });
  if (publishers) io.err(renderMessage(publishers));
  // …and one licence and one publication policy: the others are said too.
  for (const f of packageTermsFindings(packages, { releases, projects })) io.err(renderMessage(f));
  // Each sheet is flattened when it is written and streamed row by row: one sheet's rows in memory at a time. The
  // workbook goes to a file beside the output and takes its name only when complete, so a failure (a full disk)
  // leaves no half-written workbook, nor loses one replaced with --sobrescribir.
  const partial = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.parcial`);
  // The dates left as their published text (not a midnight or a time of that zone), said after the workbook is written.
  const datesAsText: Finding[] = [];
  try {
    await writingOutput(output, () => writeTemplateFile(partial, templateSpec(), {
      settings,
      // Dates in the zone Configuración states: its midnights and times of day are date cells that read back the same.
      rowsOf: (sheet) => {
        const rows = flattenSheet(sheet, sheet.standard === 'ocds' ? releases : projects, settings.timeZone ? { timeZone: settings.timeZone } : {}).rows.slice(HEADER_ROWS);
        datesAsText.push(...datesKeptAsText(sheet, rows, settings.timeZone ?? DEFAULT_TIME_ZONE));
        return rows;
      },
    }));
    await writingOutput(output, () => fs.renameSync(partial, output));
  } finally {
    fs.rmSync(partial, { force: true });
  }
  for (const f of groupFieldNotes(datesAsText)) io.err(renderMessage(f));
  io.err(`Escrito ${output}: ${formatCount(releases.length, 'proceso de contratación', 'procesos de contratación')} y ${formatCount(projects.length, 'proyecto', 'proyectos')}.`);
  // What to do with it: the report above says what changed, not whether the workbook can be published.
  io.err(`Siguiente paso: abra ${path.basename(output)}, complete o corrija lo que dicen las notas de arriba y revíselo con «infra-abierta validate ${path.basename(output)}», que señala cada celda por corregir.`);
  return errors ? 1 : 0;
}
