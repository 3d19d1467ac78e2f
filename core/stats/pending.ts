/**
 * *Pendientes por completar*: what one implementer's publication still lacks of what is due at each document's stage,
 * as a list an official can work through in the workbook — each missing point with the sheet and column to fill.
 * Two judgements are read, never made again here: the CoST IDS points a project's stage asks for (cost-ids.ts, the
 * same as the project page, Calidad and the validator's `project.costIdsMissing`), and the key documents a process
 * should hold by its stage (core/checks/key-documents.ts, the validator's `document.keyMissing`).
 *
 * Judged once per publication (publish.ts keeps it in the publication's index, `pending`), compactly: the point ids
 * and document codes only. The rows — titles, Spanish words, sheets and columns from the template spec — are drawn
 * from it when asked (pendingRows), so a publication judged once is listed in the words of the version serving it.
 */
import { assessCostIds, COST_IDS_ELEMENTS, COST_IDS_STAGE_LABELS, type CostIdsAssessment, type CostIdsElement, type CostIdsPart } from './cost-ids';
import { keyDocumentsMissing } from '../checks/key-documents';
import { costIdsWhere } from '../checks/cost-ids-missing';
import { codeTitle } from '../checks/code-label';
import { objectAt, objectsAt, stringAt, isObject } from '../checks/json';
import { columnOfField } from '../template/column-of-field';
import { templateSpec } from '../template/template-spec';
import type { TemplateSpec } from '../template/spec';
import type { ProcessEntry, ProjectEntry } from './publication-index';
import { PROCESS_STAGE_TITLES } from './process-stage-titles';
import { formatList } from '../format/es-mx';
import type { PendingRow } from './pending-row';
import { PENDING_VERSION, type PendingCounts } from './pending-version';
import stages from '../../schemas/mx-document-stages.json';

export type { PendingRow } from './pending-row';

export { PENDING_VERSION, type PendingCounts };

const PROCESSES = 'contractingProcesses/summary';

/**
 * A CoST IDS point a project lacks: which of its parts (positions in the element's `parts`), and for a point judged per
 * process, which processes (their ids; none: the project has no process). `publisher`: those processes are another
 * implementer's (its name), theirs to publish, not this publisher's to type — `unpublished` the ones it has not
 * published yet (their summary is as typed until it does).
 */
export interface PendingPoint { id: string; parts: number[]; processes?: string[]; publisher?: string; unpublished?: string[] }

/** A process another implementer publishes (published-elsewhere.ts `sources`): whose, and as of when (null: not yet). */
export interface ElsewhereSource { ocid: string; publisher: string; publishedAt: string | null }
export interface PendingJudgement {
  version: number;
  /** Projects with a CoST IDS point due at their stage and not disclosed. */
  projects: { id: string; points: PendingPoint[] }[];
  /** Processes without a key document their stage asks for (documentType codes). */
  processes: { ocid: string; documents: string[] }[];
}

/** The process ids of the items of an array below `contractingProcesses/summary`, in the order cost-ids.ts flattens them. */
function processOfItem(project: Record<string, unknown>, array: string): string[] {
  const below = array.slice(PROCESSES.length).split('/').filter(Boolean);
  const out: string[] = [];
  objectsAt(project, 'contractingProcesses').forEach((process, at) => {
    const summary = objectAt(process, 'summary');
    if (!summary) return;
    const id = stringAt(process, 'id') ?? `${at + 1}.º`;
    // Each level fans out as cost-ids.ts itemsAt does: arrays over their objects, objects as themselves.
    let items: unknown[] = [summary];
    for (const key of below) items = items.flatMap((item) => { const v = isObject(item) ? item[key] : undefined; return Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []; });
    for (let i = 0; i < items.length; i++) out.push(id);
  });
  return out;
}

/**
 * Each project's CoST IDS points (`projects`' order) judged as pendingJudgement judges them: a point only the processes
 * `elsewhere` lists lack is `elsewhere`, theirs to publish. Publication judges them once for pendingJudgement and the
 * quality figures (computeQuality, `assessed`), which count an `elsewhere` point as a `missing` one — due and not
 * disclosed — so the same judgement serves both (each project's points took a tenth of the derive step, twice).
 */
export function assessProjects(projects: readonly unknown[], elsewhere: readonly ElsewhereSource[] = []): CostIdsAssessment[][] {
  const sources = new Map(elsewhere.map((s) => [s.ocid, s.publisher]));
  const publishedBy = sources.size ? (ocid: string): string | undefined => sources.get(ocid) : undefined;
  return projects.map((project) => assessCostIds(project, publishedBy));
}

/**
 * `records`: OCDS records (their compiled release is each process as a reader sees it); `projects`: as published;
 * `elsewhere`: the processes they list that another registered implementer publishes (published-elsewhere.ts
 * `sources`). A point those processes lack is listed as theirs — who must publish it — not as a cell to fill here:
 * the same judgement as the validator's, which does not ask the official for them (cost-ids.ts publishedBy).
 */
export function pendingJudgement(records: unknown[], projects: unknown[], elsewhere: readonly ElsewhereSource[] = [], assessed: readonly CostIdsAssessment[][] = assessProjects(projects, elsewhere)): PendingJudgement {
  const out: PendingJudgement = { version: PENDING_VERSION, projects: [], processes: [] };
  const sources = new Map(elsewhere.map((s) => [s.ocid, s]));
  for (const [n, project] of projects.entries()) {
    if (!isObject(project)) continue;
    const points: PendingPoint[] = [];
    for (const a of assessed[n]) {
      if (a.state !== 'missing' && a.state !== 'elsewhere') continue;
      const parts = (a.missingParts ?? []).map((p) => a.element.parts.indexOf(p));
      if (!a.element.each) { points.push({ id: a.element.id, parts }); continue; }
      const owners = processOfItem(project, a.element.each.array);
      const ids = (items: number[]): string[] => [...new Set(items.map((i) => owners[i] ?? `${i + 1}.º`))];
      if (a.state === 'missing') points.push({ id: a.element.id, parts, processes: ids(a.items ?? []) });
      for (const group of a.elsewhere ?? []) {
        const processes = ids(group.items);
        const unpublished = processes.filter((ocid) => sources.get(ocid)?.publishedAt === null);
        points.push({ id: a.element.id, parts, processes, publisher: group.publisher, ...(unpublished.length ? { unpublished } : {}) });
      }
    }
    if (points.length) out.projects.push({ id: stringAt(project, 'id') ?? '', points });
  }
  for (const record of records) {
    const release = isObject(record) ? objectAt(record, 'compiledRelease') : undefined;
    if (!release) continue;
    const { missing } = keyDocumentsMissing(release);
    if (missing.length) out.processes.push({ ocid: stringAt(release, 'ocid') ?? stringAt(record, 'ocid') ?? '', documents: missing });
  }
  return out;
}

/**
 * How many rows pendingRows lists of each kind — CoST IDS points of the projects, key documents of the processes —
 * and the version they were judged by: what publication keeps with the publication's counts, so that *Seguimiento*
 * shows each implementer's without reading its index. Counted from the judgement alone, as pendingRows draws it: a
 * point judged per process once per process that lacks it, the points of a project without any process as one row.
 */
export function pendingCounts(judgement: PendingJudgement): PendingCounts {
  let points = 0;
  let documents = 0;
  for (const project of judgement.projects) {
    let none = false;
    for (const point of project.points) {
      if (point.processes?.length === 0 && point.publisher === undefined) none = true;
      else points += point.processes?.length ?? 1;
    }
    if (none) points++;
  }
  for (const process of judgement.processes) documents += process.documents.length;
  return { version: judgement.version, points, documents };
}

/** Whether a stored judgement is of this version (an index's `pending`). */
export const isCurrentPending = (stored: unknown): stored is PendingJudgement => isObject(stored) && stored.version === PENDING_VERSION && Array.isArray(stored.projects) && Array.isArray(stored.processes);

const ELEMENTS = new Map(COST_IDS_ELEMENTS.map((e) => [e.id, e]));
const STAGES_OF_TYPE = stages as Record<string, number[]>;
/** The release's document arrays by the catalogue's stage number (core/checks/document-stage.ts). */
const DOCUMENTS_OF_STAGE = ['', 'planning/documents', 'tender/documents', 'awards/documents', 'contracts/documents', 'contracts/implementation/documents'];

/** The fields a point's parts are typed in (OC4IDS), for its sheet and columns. */
function fieldsOf(element: CostIdsElement, parts: CostIdsPart[]): string[] {
  const prefix = element.each ? `${element.each.array}/` : '';
  return parts.flatMap((p) => [
    ...(p.paths ?? []).map((path) => `${prefix}${path}`),
    ...(p.documentTypes ? ['documents/documentType'] : []),
    ...(p.party ? ['parties/roles', ...p.party.paths.map((path) => `parties/${path}`)] : []),
  ]);
}

/** The sheets and the columns of `fields`, each once, in the template's words («Procesos del proyecto», «Costo estimado, Moneda…»). */
function sheetAndColumns(spec: TemplateSpec, standard: 'ocds' | 'oc4ids', fields: string[]): { sheet: string; columns: string } {
  const sheets: string[] = [];
  const columns: string[] = [];
  for (const field of fields) {
    const place = columnOfField(spec, standard, field);
    if (!place) continue;
    if (!sheets.includes(place.sheet)) sheets.push(place.sheet);
    if (!columns.includes(place.column)) columns.push(place.column);
  }
  return { sheet: sheets.join(' / '), columns: columns.join(', ') };
}

/** The words of each point and key document, found once per spec: the same few for every project and process. */
const WORDS = new WeakMap<TemplateSpec, Map<string, { sheet: string; columns: string; how: string }>>();
function wordsOf(spec: TemplateSpec, key: string, make: () => { sheet: string; columns: string; how: string }): { sheet: string; columns: string; how: string } {
  let cache = WORDS.get(spec);
  if (!cache) WORDS.set(spec, (cache = new Map()));
  let words = cache.get(key);
  if (!words) cache.set(key, (words = make()));
  return words;
}

/** Where a key document is filed: the documents sheet of the first stage the catalogue gives its type (planning when none). */
function documentPlace(spec: TemplateSpec, type: string): { sheet: string; columns: string; how: string } {
  return wordsOf(spec, `documento\u0000${type}`, () => {
    const stage = Object.prototype.hasOwnProperty.call(STAGES_OF_TYPE, type) ? STAGES_OF_TYPE[type][0] : 1;
    const array = DOCUMENTS_OF_STAGE[stage] ?? DOCUMENTS_OF_STAGE[1];
    const place = columnOfField(spec, 'ocds', `${array}/documentType`);
    const link = columnOfField(spec, 'ocds', `${array}/url`);
    const sheet = place?.sheet ?? '';
    // The row is the process's by its key column (the ocid), named as the sheet titles it.
    const key = spec.sheets.find((s) => s.name === sheet)?.columns.find((c) => c.key && c.field === 'ocid')?.title;
    return {
      sheet,
      columns: [place?.column, link?.column].filter(Boolean).join(', '),
      how: `Agregue en la hoja «${sheet}» una fila con el ocid del proceso${key ? ` en «${key}»` : ''}, «${codeTitle('documentType', type)}» en la columna «${place?.column ?? 'documentType'}»${link ? ` y su enlace en «${link.column}»` : ''}.`,
    };
  });
}

/** What a row of another implementer's process says: it is theirs to publish; it is not typed in this workbook. */
function elsewhereHow(publisher: string, unpublished: boolean): string {
  return `${unpublished ? `${publisher} aún no publica este proceso` : `Este proceso lo publica ${publisher} y su publicación no trae el dato`}: le corresponde publicarlo a ${publisher}. No se captura en este libro: el resumen del proceso se toma de su publicación al volver a publicar este proyecto.`;
}

/**
 * The list's rows: projects first, then processes, each by its identifier (as the store lists them: a publication's
 * own order and one read back from the store are the same list); a project's points in the CoST IDS order, a point
 * judged per process once per process that lacks it. Titles and stages come from the publication's index entries
 * (absent ones: the id stands for the title).
 */
export function pendingRows(judgement: PendingJudgement, index: { projects: ProjectEntry[]; processes: ProcessEntry[] }, spec: TemplateSpec = templateSpec()): PendingRow[] {
  const projects = new Map(index.projects.map((p) => [p.id, p]));
  const processes = new Map(index.processes.map((p) => [p.ocid, p]));
  const rows: PendingRow[] = [];
  const byKey = <T>(key: (x: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  for (const { id, points } of [...judgement.projects].sort(byKey((p) => p.id))) {
    const entry = projects.get(id);
    const stage = entry && entry.status !== 'sin-dato' ? codeTitle('projectStatus', entry.status, 'oc4ids') : 'Sin estado';
    const base = { kind: 'project' as const, id, title: entry?.title ?? id, stage };
    // Without any contracting process, every process point is missing for that one reason: one row, to add them.
    const none = points.filter((p) => p.processes?.length === 0 && p.publisher === undefined);
    for (const point of points) {
      const element = ELEMENTS.get(point.id);
      if (!element || none.includes(point)) continue;
      const basis = `CoST IDS, etapa de ${COST_IDS_STAGE_LABELS[element.stage].toLowerCase()}`;
      if (point.publisher !== undefined) {
        // Another implementer's process: nothing to type here (its summary is derived from its publication), so no
        // sheet nor column — who must publish it, and that this project takes it from there when published again.
        for (const process of point.processes ?? []) rows.push({ ...base, process, point: element.label, basis, sheet: '', columns: '', how: elsewhereHow(point.publisher, point.unpublished?.includes(process) ?? false) });
        continue;
      }
      const parts = point.parts.map((i) => element.parts[i]).filter((p): p is CostIdsPart => p !== undefined);
      const words = wordsOf(spec, `${element.id}\u0000${point.parts.join()}`, () => ({ ...sheetAndColumns(spec, 'oc4ids', fieldsOf(element, parts)), how: `Capture ${costIdsWhere(spec, element, parts)}.` }));
      for (const process of point.processes ?? [undefined]) rows.push({ ...base, ...(process !== undefined ? { process } : {}), point: element.label, basis, ...words });
    }
    if (none.length) {
      const labels = none.map((p) => ELEMENTS.get(p.id)?.label.toLowerCase()).filter((l): l is string => !!l);
      const place = columnOfField(spec, 'oc4ids', 'contractingProcesses/id');
      rows.push({ ...base, point: 'Procesos de contratación del proyecto', basis: 'CoST IDS, etapa de contratación', sheet: place?.sheet ?? '', columns: place?.column ?? '',
        how: `El proyecto no tiene ningún proceso de contratación: agréguelos${place ? ` en la hoja «${place.sheet}»` : ''}, con ${formatList(labels)}.` });
    }
  }
  for (const { ocid, documents } of [...judgement.processes].sort(byKey((p) => p.ocid))) {
    const entry = processes.get(ocid);
    const stage = entry?.stage ? PROCESS_STAGE_TITLES[entry.stage] ?? entry.stage : 'Sin etapa';
    for (const type of documents) {
      rows.push({ kind: 'process', id: ocid, title: entry?.title ?? ocid, stage, point: `Documento: ${codeTitle('documentType', type)}`, basis: 'Documentos clave del programa', ...documentPlace(spec, type) });
    }
  }
  return rows;
}
