/** `validate` and `convert`: the core pipeline on a local workbook, findings printed in Spanish. */
import * as fs from 'fs';
import * as path from 'path';
import { formatCount } from '../../../core/format/es-mx';
import { oneLine, renderA1, renderMessage, renderReport, SEVERITY_ES } from '../../../core/messages/render';
import type { CellRef, Finding } from '../../../core/findings/finding';
import type { ForeignProcess, ForeignProject } from '../../../core/summary/foreign-processes';
import { releasePackage, projectPackage } from '../../../core/packages';
import { type ParsedArgs, stringOption, UsageError } from './args';
import { progressReporter } from './progress';
import { writePackageFile } from './write-package';
import { checkOutput, writingOutput } from './output-path';
import { NO_URL_NOTICE, packageUri, publishedUrl } from './package-uri';
import { SETTINGS, SETTINGS_SHEET } from '../../../core/template/settings';
import { packageTermsOf } from '../../../core/unflatten/settings-reader';
import { readJsonFile } from './read-json';
import { checkInputFile } from './input-path';
import { publicView } from '../../../core/privacy/privacy-filter';
import { deriveProjectSummaries, type ReleaseLink } from '../../../core/summary';
import { stringsOf } from '../../../core/json/json-values';

export interface CliIo { out: (line: string) => void; err: (line: string) => void }

/**
 * `validate --publicador ID` (validate-registered.ts): the implementer's prefixes as registered in the local store,
 * which win over the Configuración sheet's as at sending, and the lookup the send makes of the links to other
 * implementers (functions/src/workflow/link-findings.ts) in place of «se revisa al enviar».
 */
export interface Registered {
  ocidPrefix: string;
  projectIdPrefix: string;
  linkFindings(foreign: readonly (ForeignProcess & { cell?: CellRef })[], named: readonly (ForeignProject & { cell?: CellRef })[]): Promise<Finding[]>;
}

async function runPipeline(args: ParsedArgs, registered?: Registered) {
  // Loaded here: `validate paquete.json` needs neither the workbook reader nor the sheet engine.
  const [{ openSource }, { checkWorkbook }] = await Promise.all([import('./open-source'), import('../../../core/pipeline/check-workbook')]);
  const source = openSource(args.positional[0]);
  const progress = progressReporter();
  const workbook = await source.read((sheet, rows) => progress.update(`Leyendo «${sheet}»: ${formatCount(rows, 'fila', 'filas')}…`));
  progress.done();
  // A zip without worksheets (or an .xlsx saved by another program without any) is not a workbook we can read.
  if (!workbook.sheets.length) throw new UsageError(`El archivo «${source.label}» no contiene hojas: no parece un libro de la plantilla.`);
  const now = stringOption(args, 'fecha') ?? new Date().toISOString();
  const converted = checkWorkbook(workbook, registered ? { now, ocidPrefix: registered.ocidPrefix, projectIdPrefix: registered.projectIdPrefix } : { now });
  // The report lists the sheets in the workbook's tab order.
  const report = (shown: Finding[], all: Finding[]): string[] => renderReport(shown, all, workbook.sheets.map((s) => s.name));
  return { converted, findings: converted.findings, now, label: source.label, report, workbook };
}

/** Nothing to validate or convert: said plainly instead of writing an empty (schema-invalid) package. */
function reportEmpty(converted: { releases: unknown[]; projects: unknown[] }, label: string, print: (line: string) => void): boolean {
  if (converted.releases.length || converted.projects.length) return false;
  print(`El libro «${label}» no contiene contrataciones ni proyectos: revise que los datos empiecen en la fila 3 de las hojas «Contrataciones» y «Proyectos» (o en la fila 2 de un libro de flatten-tool).`);
  return true;
}

/** More lines than a person reads: a big workbook with a systematic mistake would print one per row. */
const MAX_PRINTED = 1000;
/**
 * Lines one kind of finding (its code, sheet and column) takes before the rest of that kind are only counted: a bad
 * date copied down 1,000 rows filled the report, and every other kind of error, cut off after it, went unseen.
 */
const MAX_PER_KIND = 10;
const MAX_REPEAT_LINES = 50;

/** What the report lists: errors first, at most MAX_PER_KIND of each kind, at most MAX_PRINTED; and what it only counts. */
function sample(findings: Finding[]): { shown: Finding[]; repeats: { count: number; example: string; where: string }[] } {
  const kinds = new Map<string, { listed: number; count: number; first: Finding }>();
  const chosen = new Set<Finding>();
  // Errors are chosen first, then warnings, then notices, each in the input's order.
  for (const severity of ['error', 'warning', 'info'] as const) {
    for (const f of findings) {
      if (f.severity !== severity) continue;
      const key = `${f.code}\u0000${f.cell?.sheet ?? ''}\u0000${f.cell?.column ?? ''}`;
      const kind = kinds.get(key) ?? { listed: 0, count: 0, first: f };
      kinds.set(key, kind);
      if (kind.listed < MAX_PER_KIND && chosen.size < MAX_PRINTED) { kind.listed++; chosen.add(f); } else kind.count++;
    }
  }
  // Listed in the input's order, as the report lists everything else.
  const shown = findings.filter((f) => chosen.has(f));
  const repeats = [...kinds.values()].filter((k) => k.count > 0 && k.listed > 0).map((k) => ({
    count: k.count,
    example: renderA1(k.first.cell) || k.first.pointer || '/',
    where: k.first.cell?.sheet ? ` en la hoja «${k.first.cell.sheet}»${k.first.cell.header ? `, columna «${k.first.cell.header}»` : ''}` : '',
  }));
  return { shown, repeats };
}

/**
 * `print`: stdout for `validate` (the report is its output: `> informe.txt`), stderr for `convert` (its output is
 * the file). `lines` renders the findings shown: grouped by sheet and cell for a workbook, one per JSON pointer for
 * a package; `summary` leads the closing count.
 */
export function printFindings(findings: Finding[], print: (line: string) => void, all: boolean, lines: (shown: Finding[], all: Finding[]) => string[] = renderReport, summary = '', counted: readonly Finding[] = findings): void {
  const { shown, repeats } = all ? { shown: findings, repeats: [] } : sample(findings);
  // One write for the whole report (the same text): a write per line was a thousand writes to the terminal.
  const text = lines(shown, findings);
  // formatCount (formatNumber's digits), not toLocaleString('es-MX'): the same «3,000», without loading ICU's locale
  // data (the first call took 60-100 ms on this VM, standalone; issue 17).
  const said = repeats.slice(0, MAX_REPEAT_LINES);
  for (const r of said) text.push(`… y ${formatCount(r.count, 'problema más', 'problemas más')} como el de ${r.example}${r.where}.`);
  const omitted = findings.length - shown.length;
  // When the lines above already count every problem left out, the total said them a second time, «… y 1 problema
  // más como el de H3 …» then «… y 1 problema más en total», read as two.
  if (omitted > 0 && omitted === said.reduce((n, r) => n + r.count, 0)) text.push(`Para ver ${omitted === 1 ? 'ese problema' : 'esos problemas'} también, agregue --todos (o use validate --json).`);
  else if (omitted > 0) text.push(`… y ${formatCount(omitted, 'problema más', 'problemas más')} en total (agregue --todos para verlos todos, o use validate --json).`);
  const count = (s: Finding['severity'], list: readonly Finding[] = counted): number => list.filter((f) => f.severity === s).length;
  // `counted`: what the summary counts when the report lists only part of it (publish leaves the avisos to validate):
  // «0 avisos» under a workbook that validate counted 12 in read as if there were none.
  const unlisted = count('info') - count('info', findings);
  const where = unlisted > 0 ? ` (${unlisted === 1 ? 'el aviso no se lista aquí: véalo' : 'los avisos no se listan aquí: véalos'} con «infra-abierta validate»)` : '';
  text.push(`${summary}Resumen: ${formatCount(count('error'), 'error', 'errores')}, ${formatCount(count('warning'), 'advertencia', 'advertencias')}, ${formatCount(count('info'), 'aviso', 'avisos')}${where}.`);
  print(text.join('\n'));
}

const SINGLE_ES = { release: 'una entrega (EDCA-MX / OCDS)', record: 'un registro (OCDS)', project: 'un proyecto (EDCAPI / OC4IDS)' } as const;
const PACKAGE_ES = { release: 'paquete de entregas (EDCA-MX / OCDS)', record: 'paquete de registros (OCDS)', project: 'paquete de proyectos (EDCAPI / OC4IDS)' } as const;

/** `validate paquete.json`: a published package, findings at JSON pointers. Exit code: 0 valid, 1 errors found. */
async function validateJsonCommand(file: string, args: ParsedArgs, io: CliIo): Promise<number> {
  const [{ validateDocument, validatePackage }, { validatePackageFile }] = await Promise.all([import('../../../core/validate/validate-package'), import('./validate-package-file')]);
  const label = path.basename(file);
  checkInputFile(file);
  const settings = { now: stringOption(args, 'fecha') ?? new Date().toISOString() };
  // An indented release or project package is read and checked item by item; anything else is read whole.
  let result = validatePackageFile(file, settings);
  if (!result) {
    // Decoded at once (read-json.ts): fs.promises.readFile decodes chunk by chunk, a tenth of the command for a
    // 15 MB package (issue 17).
    const json = readJsonFile(file);
    result = validatePackage(json, settings) ?? validateDocument(json, settings);
  }
  if (!result) throw new UsageError(`«${label}» no es un paquete de entregas, de registros ni de proyectos (no tiene «releases», «records» ni «projects»), ni una entrega o un proyecto sueltos.`);
  const { findings } = result;
  if (args.options.json === true) io.out(JSON.stringify(findings, null, 2));
  else {
    printFindings(findings, io.out, args.options.todos === true,
      (shown) => shown.map((f) => oneLine(`${SEVERITY_ES[f.severity]} — ${f.pointer || '/'}: ${renderMessage(f)}`)),
      result.single ? `${label}: ${SINGLE_ES[result.kind]}, sin paquete. ` : `${label}: ${PACKAGE_ES[result.kind]} con ${formatCount(result.count, 'elemento', 'elementos')}. `);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** Exit code: 0 valid, 1 errors found. The report goes to stdout; the program's own errors (exit 2, 3) to stderr. */
export async function validateCommand(args: ParsedArgs, io: CliIo, registered?: Registered): Promise<number> {
  const input = args.positional[0];
  if (input && /\.json$/i.test(input)) return validateJsonCommand(input, args, io);
  const { converted, label, report, workbook } = await runPipeline(args, registered);
  // What only the platform's registry tells, at sending or publishing: said at each cell as checked then, so that a
  // clean report is not read as all the platform will say (links-checked-at-sending.ts) — or, with the registry at
  // hand (--publicador), looked up there as the send does.
  const { linkReferences, placed, withCheckedAtSending } = await import('../../../core/pipeline/links-checked-at-sending');
  const references = linkReferences(converted);
  const told = registered
    ? await registered.linkFindings(references.processes.map((p) => ({ ...p, ...placed(converted.sourceMap, p.pointer) })), references.named.map((p) => ({ ...p, ...placed(converted.sourceMap, p.pointer) })))
    : undefined;
  const findings = withCheckedAtSending(workbook, converted, told);
  if (args.options.json === true) {
    io.out(JSON.stringify(findings, null, 2));
    // stdout is the findings array only: the plain sentence goes to stderr.
    if (reportEmpty(converted, label, io.err)) return 1;
  } else {
    // An empty workbook is said first, and without «Resumen: 0 errores» when nothing else was found: that summary
    // read as a pass right above the sentence that made the command fail.
    const empty = reportEmpty(converted, label, io.out);
    if (findings.length || !empty) printFindings(findings, io.out, args.options.todos === true, report);
    if (empty) return 1;
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/**
 * Writes the OCDS release package to `-o salida.json` and, when the workbook has projects, the OC4IDS project
 * package next to it (`salida-proyectos.json`, or `--proyectos ruta.json`). Errors are printed but the
 * conversion is still written unless `--estricto` is given, so people can inspect what came out.
 */
export async function convertCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const output = stringOption(args, 'salida');
  if (!output) throw new UsageError('Indique el archivo de salida con -o, por ejemplo: -o salida.json');
  const projectsOption = stringOption(args, 'proyectos');
  for (const file of [output, ...(projectsOption ? [projectsOption] : [])]) checkOutput(file, args.positional);
  const url = publishedUrl(args);
  const { converted, findings, now, label, report } = await runPipeline(args);
  printFindings(findings, io.err, args.options.todos === true, report);
  if (reportEmpty(converted, label, io.err)) return 1;
  const errors = findings.some((f) => f.severity === 'error');
  if (errors && args.options.estricto === true) {
    // Said, not only the exit code: a salida.json left from an earlier run read as this conversion's.
    io.err(`El libro tiene errores: no se escribió nada (--estricto)${fs.existsSync(output) ? `; «${path.basename(output)}» es el de una conversión anterior` : ''}. Corríjalos y convierta de nuevo.`);
    return 1;
  }
  const s = converted.settings;
  // The package names its publisher from the Configuración sheet (the server uses the registered publisher's own).
  if (!s.publisherName) io.err(`Aviso: el libro no dice quién publica (hoja «${SETTINGS_SHEET}», «${SETTINGS.find((x) => x.key === 'publisherName')?.title ?? ''}»): el paquete saldrá como «Sin nombre de publicador». Escríbalo ahí antes de publicar el archivo.`);
  const meta = {
    uri: packageUri(output, url), publishedDate: now,
    publisher: { name: s.publisherName || 'Sin nombre de publicador' },
    ...packageTermsOf(s),
  };
  // The packages are for the institution's own site (--url): filtered as the platform publishes (core/privacy, R-26),
  // or a payee's home address and telephone, withheld on the platform, were published there. A workbook holds one
  // release per process, so each is filtered on its own.
  const releases = converted.releases.map((r) => publicView(r as Record<string, unknown>));
  const viewed = converted.projects.map((p) => publicView(p as Record<string, unknown>));
  const filtered = releases.filter((r, i) => r !== converted.releases[i]).length + viewed.filter((p, i) => p !== converted.projects[i]).length;
  // Each project's processes the workbook holds get the summary publication gives them (core/summary, OC4IDS 0.9.5
  // «Linking to OCDS data»): derived from their release, as the platform derives it. The project package kept only
  // what «Procesos del proyecto» typed — an engineer who left the contract's amount, status and suppliers to the
  // EDCA-MX sheets, as validation now tells, published summaries with none of them.
  const byOcid = new Map(releases.map((r) => [String(r.ocid), r]));
  // With --url, each linked with its release in the release package written beside (OC4IDS requires the link's url:
  // the package's address with the release's #id, as OCDS links a release inside a package). Without it there is no
  // address the public can open (validation refuses a file:/// one), so no link.
  const links = new Map<string, ReleaseLink[]>(url ? releases.map((r) => [String(r.ocid), [{
    id: String(r.id), date: typeof r.date === 'string' ? r.date : undefined,
    tag: stringsOf(r.tag), url: `${meta.uri}#${encodeURIComponent(String(r.id))}`,
  }]]) : []);
  const projects = byOcid.size ? viewed.map((p) => deriveProjectSummaries(p, byOcid, links, { now })) : viewed;
  if (filtered) io.err(`Datos personales: de ${formatCount(filtered, 'entrega o proyecto', 'entregas o proyectos')} se quitaron el domicilio y los contactos de personas físicas que no participan como licitantes, proveedores ni servidores públicos, como al publicar en la plataforma (los avisos de arriba dicen cuáles).`);
  // A release package needs at least one release (OCDS release-package schema: `releases` minItems 1): a workbook
  // of projects only gets its project package at -o instead of an empty, invalid release package.
  if (releases.length) {
    await writingOutput(output, () => writePackageFile(output, releasePackage([], meta), 'releases', releases));
    io.err(`Escrito ${output}: ${formatCount(converted.releases.length, 'entrega', 'entregas')} (EDCA-MX).`);
  } else io.err('El libro no tiene contrataciones: no se escribe paquete de entregas (EDCA-MX), solo el de proyectos.');
  if (converted.projects.length) {
    const projectsFile = projectsOption ?? (converted.releases.length ? output.replace(/(\.[^./\\]*)?$/, '-proyectos.json') : output);
    // A name derived from -o is known only now (-o and --proyectos were checked before the work).
    if (!projectsOption && projectsFile !== output) checkOutput(projectsFile, args.positional);
    await writingOutput(projectsFile, () => writePackageFile(projectsFile, projectPackage([], { ...meta, uri: packageUri(projectsFile, url, output) }), 'projects', projects));
    io.err(`Escrito ${projectsFile}: ${formatCount(converted.projects.length, 'proyecto', 'proyectos')} (EDCAPI).`);
  }
  if (!url) io.err(NO_URL_NOTICE);
  // Written so the official can look at it, but not to be published as it is.
  if (errors) io.err('El libro tiene errores: lo escrito sirve para revisar, no para publicar. Corríjalos y convierta de nuevo (con --estricto no se escribe nada mientras haya errores).');
  return errors ? 1 : 0;
}
