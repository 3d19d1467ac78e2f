/**
 * The CoST IDS points a project does not disclose yet although its stage asks for them (core/stats/cost-ids.ts, the
 * same judgement as the dashboard's coverage): what the official can add before the coordinator or CoST's assurance
 * reviewer asks. Each point is named with where it is typed — the column and sheet of the template, the document
 * type for a document, the role of the party — so that the official knows what to fill. Not an error nor a warning:
 * the program does not require them all. One `project.costIdsMissing` (info) per project, on its status cell (the
 * stage the points are due for).
 *
 * A process the workbook itself holds (its ocid in the EDCA-MX sheets) is judged on the summary the publication will
 * give it, not on what «Procesos del proyecto» typed: publication derives its contract's amount, status, method,
 * tenderers, suppliers and dates from its release (core/summary, OC4IDS 0.9.5 «Linking to OCDS data»). Judged on the
 * typed row alone, a state's engineer was told to type again, process by process, a dozen columns the publication
 * fills — and the published project page then listed them all as published.
 */
import { assessCostIds, hasMissingCostIds, type CostIdsAssessment, type CostIdsElement, type CostIdsPart } from '../stats/cost-ids';
import { columnOfField } from '../template/column-of-field';
import { sheetOfField } from '../template/sheet-of-field';
import { templateSpec } from '../template/template-spec';
import type { TemplateSpec } from '../template/spec';
import { codeTitle } from './code-label';
import { formatList } from '../format/es-mx';
import { objectAt, objectsAt, stringAt } from './json';
import { isOtherPublishersOcid } from '../summary/foreign-processes';
import { overlay } from '../merge/overlay';
import { cloneJson } from '../json/json-values';
import { PROFILES } from '../profile/profiles';
import { resolveParties } from '../summary/project-parties';
import { summaryFromRelease, typedAmendmentModifications, typedModificationsById } from '../summary/summary-from-release';
import type { CrossCheck, JsonObject } from './types';

const PROCESSES = 'contractingProcesses/summary';
/** How many process ids a point names before «…»: a longer list buries the point. */
const NAMED_PROCESSES = 3;

const join = (words: string[]): string => formatList(words, 'o');

/** Where one part is typed, in the workbook's words and as JSON paths. */
function partPlace(spec: TemplateSpec, part: CostIdsPart, prefix: string): { sheet: string; json: string } {
  const sheet: string[] = [];
  const json: string[] = [];
  const columns = (fields: string[]): string[] => {
    // Each column once, each sheet named once: «las columnas «Calle y número» o «Código postal» de la hoja «Actores»».
    const bySheet = new Map<string, string[]>();
    for (const field of fields) {
      const place = columnOfField(spec, 'oc4ids', field);
      if (!place) continue;
      const list = bySheet.get(place.sheet) ?? [];
      if (!list.includes(place.column)) list.push(place.column);
      bySheet.set(place.sheet, list);
    }
    return [...bySheet].map(([name, list]) => `${list.length > 1 ? 'las columnas' : 'la columna'} ${join(list.map((c) => `«${c}»`))} de la hoja «${name}»`);
  };
  if (part.paths) {
    const fields = part.paths.map((p) => `${prefix}${p}`);
    const named = columns(fields);
    sheet.push(...(named.length ? named : fields.slice(0, 1).map((f) => { const s = sheetOfField(spec, 'oc4ids', f); return s ? `«${s.part}» (hoja «${s.sheet}»)` : `«${f}»`; })));
    json.push(...fields.map((f) => `«${f}»`));
  }
  if (part.documentTypes) {
    const types = join(part.documentTypes.map((t) => `«${codeTitle('documentType', t, 'oc4ids')}»`));
    const docs = columnOfField(spec, 'oc4ids', 'documents/documentType')?.sheet;
    sheet.push(`un documento de tipo ${types}, con su enlace o su descripción${docs ? `, en la hoja «${docs}»` : ''}`);
    json.push(`un documento de «documents» de tipo ${join(part.documentTypes.map((t) => `«${t}»`))}, con «url» o «description»`);
  }
  if (part.party) {
    const roles = join(part.party.roles.map((r) => `«${codeTitle('partyRole', r, 'oc4ids')}»`));
    sheet.push(`${join(columns(part.party.paths.map((p) => `parties/${p}`)))} en el actor con el rol ${roles}`);
    json.push(`${join(part.party.paths.map((p) => `«parties/${p}»`))} del actor con el rol ${join(part.party.roles.map((r) => `«${r}»`))}`);
  }
  return { sheet: join(sheet), json: join(json) };
}

/**
 * Each part's words, found once (the template's columns are searched by field): the points are the same few for
 * every project, and a publication has thousands. Parts are COST_IDS_ELEMENTS' own objects, each of one element.
 */
const places = new Map<CostIdsPart | string, { sheet: string; json: string }>();
function cached(key: CostIdsPart | string, make: () => { sheet: string; json: string }): { sheet: string; json: string } {
  let place = places.get(key);
  if (!place) places.set(key, (place = make()));
  return place;
}

/** «una de las columnas «Calle y número» o «Código postal» y una de las columnas «Correo electrónico…» o «Teléfono…» de la hoja «Actores del proyecto», en el actor con el rol «…»». */
function partyPlace(spec: TemplateSpec, parts: CostIdsPart[]): { sheet: string; json: string } {
  const roles = (parts[0].party as NonNullable<CostIdsPart['party']>).roles;
  const groups = parts.map((p) => (p.party as NonNullable<CostIdsPart['party']>).paths);
  const sheet = columnOfField(spec, 'oc4ids', 'parties/name')?.sheet;
  const columns = groups.map((paths) => join(paths.map((f) => columnOfField(spec, 'oc4ids', `parties/${f}`)?.column ?? f).map((c) => `«${c}»`)));
  return {
    sheet: `${formatList(columns.map((c) => `una de las columnas ${c}`))}${sheet ? ` (hoja «${sheet}»)` : ''}, en el actor con el rol ${join(roles.map((r) => `«${codeTitle('partyRole', r, 'oc4ids')}»`))}`,
    json: `${formatList(groups.map((paths) => `uno de ${join(paths.map((f) => `«parties/${f}»`))}`))} del actor con el rol ${join(roles.map((r) => `«${r}»`))}`,
  };
}

/** Columns that are all needed: «las columnas «Monto del contrato» y «Moneda del contrato» de la hoja «Procesos del proyecto»». */
function joinedPlace(spec: TemplateSpec, fields: string[]): { sheet: string; json: string } {
  const bySheet = new Map<string, string[]>();
  const loose: string[] = [];
  for (const field of fields) {
    const place = columnOfField(spec, 'oc4ids', field);
    if (!place) { loose.push(`«${field}»`); continue; }
    bySheet.set(place.sheet, [...(bySheet.get(place.sheet) ?? []), `«${place.column}»`]);
  }
  const named = [...bySheet].map(([name, list]) => `${list.length > 1 ? 'las columnas' : 'la columna'} ${formatList(list)} de la hoja «${name}»`);
  return { sheet: formatList([...named, ...loose]), json: formatList(fields.map((f) => `«${f}»`)) };
}

/** Where the point's missing `parts` are typed, in the workbook's words and as JSON paths (one entry per place). */
function placesOf(spec: TemplateSpec, element: CostIdsElement, parts: CostIdsPart[]): { sheet: string; json: string }[] {
  const prefix = element.each ? `${element.each.array}/` : '';
  // Parts of one column each (an amount and its currency): their columns named together, by sheet.
  const single = parts.every((p) => p.paths?.length === 1 && !p.documentTypes && !p.party);
  const fields = single && parts.length > 1 ? parts.map((p) => `${prefix}${(p.paths as string[])[0]}`) : [];
  // A party's postal and electronic address: one sentence about that party, not the party named twice.
  const party = parts.length > 1 && parts.every((p) => p.party && !p.paths && !p.documentTypes && p.party.roles.join() === parts[0].party?.roles.join());
  return fields.length ? [cached(fields.join('\u0000'), () => joinedPlace(spec, fields))]
    : party ? [cached(`${element.id}\u0000party\u0000${parts.length}`, () => partyPlace(spec, parts))]
    : parts.map((part) => cached(part, () => partPlace(spec, part, prefix)));
}

/**
 * Where an official types the point's missing `parts`, in the workbook's words («la columna «Costo estimado» de la
 * hoja «Procesos del proyecto»»): the same words as this check's finding, for the control board's *Pendientes*.
 */
export function costIdsWhere(spec: TemplateSpec, element: CostIdsElement, parts: CostIdsPart[]): string {
  return placesOf(spec, element, parts).map((p) => p.sheet).join('; y ');
}

/** «Empresas contratadas (proceso OCDS-1-A): la columna «Nombre del proveedor» de la hoja «Proveedores del proceso»». */
function pointText(spec: TemplateSpec, project: JsonObject, a: CostIdsAssessment): { sheet: string; json: string } {
  const each = a.element.each;
  const parts = a.missingParts ?? [];
  const places = placesOf(spec, a.element, parts);
  let which = '';
  if (each?.array === PROCESSES) {
    const ids = (a.items ?? []).map((i) => stringAt(objectsAt(project, 'contractingProcesses')[i], 'id') ?? `${i + 1}.º`);
    which = ids.length === 0 ? '' : ` (${ids.length === 1 ? 'proceso' : 'procesos'} ${ids.length > NAMED_PROCESSES ? `${ids.slice(0, NAMED_PROCESSES).map((x) => `«${x}»`).join(', ')} y ${ids.length - NAMED_PROCESSES} más` : formatList(ids.map((x) => `«${x}»`))})`;
  } else if (each && a.items?.length) which = ` (${a.items.length === 1 ? '1 modificación' : `${a.items.length} modificaciones`})`;
  const both = (key: 'sheet' | 'json'): string => `${a.element.label}${which}: ${places.map((p) => p[key]).join('; y ')}`;
  return { sheet: both('sheet'), json: both('json') };
}

/** What the publication derives for one process of the workbook: its summary and the parties that summary names. */
interface DerivedProcess { summary: JsonObject; parties: JsonObject[]; release: JsonObject }

function derive(release: JsonObject, now: number): DerivedProcess {
  // Without its lists: payments and milestones are no CoST IDS point, and the modifications publication gives are
  // those of the amendments the official typed (asPublished) — an untyped amendment's type comes from the process's
  // earlier releases (amendment-changes.ts), which a workbook does not have.
  const summary = summaryFromRelease(release, [], new Date(now).toISOString(), { withoutLists: true });
  return { summary, parties: resolveParties([], [{ summary, release }]), release };
}

/**
 * The project as the publication will show it (deriveProjectSummaries, on what one validation has): each process
 * the workbook holds gets its derived summary laid over the typed one, and the parties it names.
 */
function asPublished(project: JsonObject, derivedOf: (ocid: string) => DerivedProcess | undefined): JsonObject {
  const sources: { summary: JsonObject; release: JsonObject }[] = [];
  const processes = objectsAt(project, 'contractingProcesses').map((process) => {
    const typed = objectAt(process, 'summary');
    const found = [stringAt(typed, 'ocid'), stringAt(process, 'id')].map((k) => (k === undefined ? undefined : derivedOf(k))).find((d) => d);
    if (!found) return process;
    const from = cloneJson(found.summary);
    if (typed?.nature !== undefined) delete from.nature;
    // A «Modificaciones» row with an amendment's id is that amendment with the official's fields over it (its date,
    // description and rationale are the release's), as deriveProjectSummaries publishes it.
    const given = typedAmendmentModifications(found.release, typedModificationsById(typed));
    if (given.length) from.modifications = given;
    const summary = overlay([cloneJson(typed ?? {}), from], PROFILES.oc4ids, 'contractingProcesses/summary');
    sources.push({ summary, release: { parties: found.parties } });
    return { ...process, summary };
  });
  if (!sources.length) return project;
  return { ...project, contractingProcesses: processes, parties: resolveParties(objectsAt(project, 'parties'), sources) };
}

export const costIdsMissing: CrossCheck = {
  start: () => {
    // The releases that name a project (`planning.project.id`, as the template's «Contrataciones» links a process
    // to its project): the few a project lists, kept until the projects come; not every release of a package.
    const linked = new Map<string, JsonObject>();
    const derived = new Map<string, DerivedProcess>();
    let spec: TemplateSpec | undefined;
    return ({ releases, projects, settings, now, report }) => {
      for (const { data } of releases) {
        const ocid = stringAt(data, 'ocid');
        if (ocid !== undefined && !linked.has(ocid) && stringAt(objectAt(objectAt(data, 'planning'), 'project'), 'id') !== undefined) linked.set(ocid, data);
      }
      const derivedOf = (ocid: string): DerivedProcess | undefined => {
        let d = derived.get(ocid);
        const release = d ? undefined : linked.get(ocid);
        if (release) derived.set(ocid, (d = derive(release, now)));
        return d;
      };
      const publishedBy = (ocid: string): string | undefined => (isOtherPublishersOcid(ocid, settings.ocidPrefix) ? ocid : undefined);
      const assess = (project: JsonObject) => assessCostIds(project, publishedBy).filter((a) => a.state === 'missing');
      for (const { data: typed, pointer } of projects) {
        // A process another implementer publishes (a municipality contracting the state's project) is not the official's
        // to type: its summary is derived at publication from that implementer's data (OC4IDS 0.9.5, «Linking to OCDS
        // data»; functions/src/publication/published-elsewhere.ts, which says so, or that it is not published yet). Asked
        // for its contract's status, method, tenderers and amounts here, the state's official typed the municipality's.
        // The same judgement as Pendientes (cost-ids.ts publishedBy): a point only those processes lack is `elsewhere`,
        // the other implementer's, never this finding's. The workbook does not know which prefixes are registered: any
        // other one is taken as another implementer's.
        // As typed first: a project that lacks nothing as typed is not judged again as published. Only whether it lacks
        // anything is asked of it when it is judged again (hasMissingCostIds stops at the first point it lacks).
        let data = typed;
        if (!hasMissingCostIds(typed, publishedBy)) continue;
        const published = linked.size ? asPublished(typed, derivedOf) : typed;
        if (published !== typed) data = published;
        const missing = assess(data);
        if (!missing.length) continue;
        spec ??= templateSpec();
        // Without any contracting process, every process point is missing for that one reason: said once, with the points
        // the processes will carry (each point repeating «no hay procesos» made a 23-point message of one fact).
        const noProcess = missing.filter((a) => a.element.each?.array === PROCESSES && a.items?.length === 0);
        const texts = missing.filter((a) => !noProcess.includes(a)).map((a) => pointText(spec as TemplateSpec, data, a));
        if (noProcess.length) {
          const labels = formatList(noProcess.map((a) => a.element.label.toLowerCase()));
          const sheet = columnOfField(spec, 'oc4ids', `${PROCESSES}/title`)?.sheet;
          texts.push({
            sheet: `Procesos de contratación: el proyecto no tiene ninguno; agréguelos${sheet ? ` en la hoja «${sheet}»` : ''}, con ${labels}`,
            json: `Procesos de contratación: «contractingProcesses» está vacío; agréguelos, con ${labels}`,
          });
        }
        const status = stringAt(data, 'status');
        report('project.costIdsMissing', 'info', `${pointer}/status`, {
          count: missing.length,
          ...(status ? { stage: codeTitle('projectStatus', status, 'oc4ids') } : { allStages: true }),
          points: texts.map((t) => t.sheet).join(' · '),
          fields: texts.map((t) => t.json).join(' · '),
        });
      }
    };
  },
};
