/**
 * What approving a submission would change (the coordinator's preview): processes and projects new, changed,
 * unchanged or removed against the publisher's current publication, with a field-level diff for changed ones.
 * Pure: the caller hands in the converted snapshot and the current data.
 *
 * Processes use the publication rule (functions/src/publication/publish.ts): a release id carries the hash of its
 * content, so the same id means unchanged (a release published elsewhere keeps its own id: the same content apart from
 * id, date and tag does). Processes and projects missing from the workbook stay published (an
 * ingest never unpublishes). A project is compared as publication counts it (projectEdits, the one rule of both):
 * filtered (core/privacy), its summaries derived (core/summary) from the data approval derives them from — this
 * workbook's, what is published, another implementer's — and by what the official typed of it, not by what
 * publication derives (the summaries' rows the releases give, the parties they name): compared as derived, every
 * project read «Modificado» whenever one of its processes changed.
 */
import { currencyPathOf, isMoneyPath } from './money-path';
import type { ChangePreview, FieldChange, ItemChange, ReturnsTo } from './contract';
import { deriveProjectSummaries, typedPart, typedPartOf, withTypedPart, withTypedRows, type ReleaseLink, type TypedPart } from '../summary';
import { hasTypedTag, updateTags } from '../merge/update-tags';
import { alignById, keptInRecord } from '../merge/kept-in-record';
import { ComparableContent, isDerivedReleaseId, lastSameRelease, sameButDerivedTag, sameReleaseContent, sameReleaseId } from '../merge/same-release-content';
import { publicView } from '../privacy/privacy-filter';
import { isObject, sameJsonText, stringsOf, type JsonObject } from '../json/json-values';
import { templateSpec } from '../template/template-spec';
import type { Standard } from '../profile/types';

type Obj = Record<string, unknown>;

/** Leaves of a JSON value as `a/b/0/c` → value (flatten-tool paths, as the sheets' row 2). */
export function leaves(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, '[]');
    value.forEach((v, i) => leaves(v, prefix ? `${prefix}/${i}` : String(i), out));
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, '{}');
    for (const k of keys) leaves(value[k], prefix ? `${prefix}/${k}` : k, out);
  } else if (prefix) out.set(prefix, value);
  return out;
}

const shown = (v: unknown): string | null => (v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A changed amount of money (a Value's `amount`, a number on either side): the currency each side has beside it, so the
 * preview writes it as money («$1,000,597.44», «$1,250.50 USD») — a figure alone, «1,000,597.44», read as no amount
 * the rest of the dashboard shows. Null for a side without a currency (the template's default: pesos).
 */
function moneyOf(path: string, a: Map<string, unknown>, b: Map<string, unknown>): Pick<FieldChange, 'currency'> {
  if (!isMoneyPath(path) || (typeof a.get(path) !== 'number' && typeof b.get(path) !== 'number')) return {};
  const sibling = currencyPathOf(path);
  const currency = (side: Map<string, unknown>): string | null => { const c = side.get(sibling); return typeof c === 'string' && c !== '' ? c : null; };
  return { currency: { before: currency(a), after: currency(b) } };
}

/** Field-level differences, ignoring what the platform derives or stamps (`ignore` matches a path). */
export function fieldDiff(before: unknown, after: unknown, ignore: (path: string) => boolean = () => false, max = 200): FieldChange[] {
  const a = leaves(before);
  const b = leaves(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => !ignore(p)).sort();
  const out: FieldChange[] = [];
  for (const path of paths) {
    const x = shown(a.get(path));
    const y = shown(b.get(path));
    if (x !== y) out.push({ path, before: x, after: y, ...moneyOf(path, a, b) });
    if (out.length >= max) break;
  }
  return out;
}

/**
 * Field (unindexed path) → its template column, per standard: «Hoja › Columna», and the titles of the codes its
 * drop-down offers. The coordinator reads the sheet's words: a code the official chose by its title (a release tag,
 * a status) was shown as the code itself («tenderUpdate»).
 */
interface ColumnWords { label: string; codes: Map<string, string> }
let columns: Record<Standard, Map<string, ColumnWords>> | undefined;
function columnWords(standard: Standard, path: string): ColumnWords | undefined {
  if (!columns) {
    columns = { ocds: new Map(), oc4ids: new Map() };
    for (const sheet of templateSpec().sheets) {
      for (const column of sheet.columns) {
        // A key column repeats its parent's field on child sheets: the parent's own sheet names it.
        if (columns[sheet.standard].has(column.field)) continue;
        columns[sheet.standard].set(column.field, { label: `${sheet.name} › ${column.title.replace(/\s*\*$/, '')}`, codes: new Map((column.options ?? []).map((o) => [o.code, o.title])) });
      }
    }
  }
  return columns[standard].get(path.split('/').filter((s) => !/^\d+$/.test(s)).join('/'));
}

/** fieldDiff's changes with their template labels, and listed codes by their titles (a code off the list as it is). */
function labelled(standard: Standard, changes: FieldChange[]): FieldChange[] {
  return changes.map((c) => {
    const words = columnWords(standard, c.path);
    if (!words) return c;
    const title = (v: string | null): string | null => (v === null ? null : words.codes.get(v) ?? v);
    return { ...c, label: words.label, before: title(c.before), after: title(c.after) };
  });
}

/**
 * What publication stamps or derives on every release (functions/src/publication/publish.ts): the id (content hash,
 * maybe re-stamped) and date, and — unless the official typed it — the tag, which publication replaces with what the
 * release changes (core/merge/update-tags): the workbook's stages against the published `tenderUpdate` listed the
 * tag as changed on every updated process, in raw codes the official never touched.
 */
const RELEASE_STAMPS = /^(id|date)$/;
const RELEASE_DERIVED = /^(id|date|tag)(\/|$)/;
/** Projects: `updated` is a conversion stamp. */
const PROJECT_STAMP = /^updated$/;
/** A linked process's release links: publication's, derived from the process's releases. */
const LINK_RELEASES = /^contractingProcesses\/\d+\/releases(\/|$)/;

/**
 * What the workbook changed in a project against the one published (`previous`): the one judgement of the
 * coordinator's preview and of publication's «proyectos nuevos o modificados» (publish.ts), which kept two in step and
 * told the coordinator one thing and published another. `next` is the project as its approval derives it, `part` what
 * the official typed of it (typedPart; `derived`: its summaries as the releases give them). Compared apart from what
 * publication stamps or derives — `updated`, release links, of a derived summary all but what the official typed
 * (core/summary/typed-rows.ts), the parties it adds — the published side by the part kept with its publication
 * (`previousPart`); one published by an earlier version, which kept none, by the summaries derived now, and with the
 * parties as published on both sides. At most `max` changes (publication asks whether there is one).
 */
export function projectEdits(previous: Obj, next: { project: Obj; part: TypedPart; derived: ReadonlyMap<string, JsonObject> }, previousPart?: TypedPart, max = 200): FieldChange[] {
  const before = previousPart ? withTypedPart(previous as JsonObject, previousPart) : withTypedRows(previous as JsonObject, next.derived);
  const after = withTypedPart(next.project as JsonObject, previousPart ? next.part : { ...next.part, parties: {} });
  // Most projects of a send are as published: their texts, compared in place, say so at a fraction of the diff's cost.
  if (sameJsonText({ ...before, updated: null }, { ...after, updated: null })) return [];
  return fieldDiff(before, after, (path) => PROJECT_STAMP.test(path) || LINK_RELEASES.test(path), max);
}

/**
 * A process's changes against what is published: its rows matched by `id` as the record merges them (a deleted
 * payment is that payment going empty, not each later one shifting up and «changing»), and what goes empty but
 * stays in the record marked `kept` (core/merge/kept-in-record).
 */
function processDiff(before: Obj, after: Obj, ignore: (path: string) => boolean): FieldChange[] {
  const changes = fieldDiff(before, alignById(before, after), ignore);
  if (!changes.some((c) => c.after === null)) return changes;
  const kept = keptInRecord(before, after);
  return changes.map((c) => (c.after === null && kept.has(c.path) ? { ...c, kept: true } : c));
}

/**
 * The sheets (template names) of what a process's new release leaves out and its record keeps: publication tells the
 * official, who deleted the rows, that they are still published (core/merge/kept-in-record).
 */
export function keptSheets(before: Obj, after: Obj): string[] {
  const sheets = new Set<string>();
  for (const path of keptInRecord(before, after).keys()) {
    if (RELEASE_DERIVED.test(path)) continue;
    sheets.add(columnWords('ocds', path)?.label.split(' › ')[0] ?? path);
  }
  return [...sheets];
}

/**
 * The sheets (template names) of what a project's new version leaves out of its published one (deleted rows, emptied
 * cells, a sheet taken out of the workbook). Unlike a process, whose record keeps them, a project is published as the
 * workbook states it (OC4IDS has no records to merge into): they are no longer published, and `publish` from the CLI,
 * which has no preview, tells the official. A path no column writes (release links publication derives) is not the
 * official's to restore, and is left out.
 */
export function droppedProjectSheets(before: Obj, after: Obj): string[] {
  const now = leaves(after);
  const sheets = new Set<string>();
  for (const [path, value] of leaves(before)) {
    if (now.has(path) || value === null || PROJECT_STAMP.test(path)) continue;
    const words = columnWords('oc4ids', path);
    if (words) sheets.add(words.label.split(' › ')[0]);
  }
  return [...sheets];
}

/**
 * The earlier release (not the latest) a send's release `id` brings back, if any: the same content hash, maybe
 * re-stamped by publication (sameReleaseId) — an older copy of the workbook sent again, whose approval undoes what
 * was published after that release. Told to the coordinator, who otherwise saw only «Modificada» with the
 * corrections going back to what they corrected.
 */
function returnedTo(id: string, earlier: { id: string; date: string }[] | undefined, latest: Obj): ReturnsTo | undefined {
  const i = earlier ? lastSameRelease(earlier, id) : -1;
  if (!earlier || i < 0) return undefined;
  const next = earlier[i + 1]?.date ?? latest.date;
  return { publishedAt: earlier[i].date, undoneSince: typeof next === 'string' ? next : earlier[i].date };
}

export interface PreviewInput {
  /** The snapshot, converted by the core pipeline. */
  releases: Obj[];
  projects: Obj[];
  /** The current publication: the latest release of each process and every project. */
  currentReleases: Map<string, Obj>;
  /**
   * The compiled release of each process whose latest release was published elsewhere (`history`, its own id): a
   * history published a release per stage has its state there, not in its latest release (publish.ts compares both).
   */
  currentCompiled?: Map<string, Obj>;
  currentProjects: Map<string, Obj>;
  /**
   * The releases each process had before its latest (id and date, oldest first), as the current publication lists
   * them: a send whose content is one of them returns the process to that state (ItemChange.returnsTo).
   */
  earlierReleases?: Map<string, { id: string; date: string }[]>;
  /** Items listed per group (counts are always complete). */
  maxItems?: number;
  /** The time summaries are derived as of (contract periods' status), ISO 8601. */
  now?: string;
  /**
   * Each process's release links as the current publication lists them (id, date, tag): with the new release of each
   * process the send changes, they are what its approval derives the summaries from (a typed «Fecha de publicación»
   * is set aside when a release tagged `tender` gives it).
   */
  currentLinks?: Map<string, ReleaseLink[]>;
  /**
   * What the official typed of each published project when it was published, by project id
   * (publication/stored-typed-parts.ts; a project absent had nothing derived, a null one is not known). Absent: kept by
   * no publication (an earlier version's); a project not known is compared by the summaries derived now.
   */
  keptParts?: ReadonlyMap<string, TypedPart | null>;
  /**
   * The listed processes another implementer publishes on the platform (published-elsewhere.ts, with a publication):
   * their compiled releases and links, which their summaries are derived from, as publication derives them. Any other
   * process not in this workbook nor the current publication keeps its summary as typed, and its changes are shown.
   */
  elsewhere?: { compiled: ReadonlyMap<string, Obj>; links: ReadonlyMap<string, ReleaseLink[]> };
}

export function changePreview(input: PreviewInput): ChangePreview {
  const max = input.maxItems ?? 500;
  const group = (): { counts: ChangePreview['processes']['counts']; items: ItemChange[]; returning?: number } => ({ counts: { new: 0, changed: 0, unchanged: 0, removed: 0 }, items: [] });
  const processes = group();
  const projects = group();
  const add = (g: ReturnType<typeof group>, item: ItemChange) => {
    g.counts[item.change] += 1;
    if (item.returnsTo) g.returning = (g.returning ?? 0) + 1;
    if (item.change !== 'unchanged' && g.items.length < max) g.items.push(item);
  };

  const seenOcids = new Set<string>();
  const newLinks = new Map<string, ReleaseLink>();
  for (const r of input.releases) {
    const ocid = String(r.ocid);
    seenOcids.add(ocid);
    const title = isObject(r.tender) && typeof r.tender.title === 'string' ? r.tender.title : null;
    const previous = input.currentReleases.get(ocid);
    // A new or changed process gets a release at approval, dated then and tagged with what it changes (publish.ts).
    const released = (): void => { newLinks.set(ocid, { id: String(r.id), date: input.now ?? String(r.date), tag: previous ? updateTags(r, previous) : stringsOf(r.tag) }); };
    if (!previous) { released(); add(processes, { id: ocid, title, change: 'new', fields: [] }); continue; }
    const id = String(r.id);
    const prevId = String(previous.id);
    // Same content hash in the id (possibly re-stamped `-yyyymmddhhmmss` when content returned to an earlier state).
    const sameId = sameReleaseId(prevId, id);
    const view = publicView(r as JsonObject);
    // …or, for a release published elsewhere (`history`, its own id), the same content apart from id, date and tag
    // as its latest release or as its compiled release (publish.ts), which is then what the changes are told against.
    const elsewhere = !isDerivedReleaseId(ocid, prevId);
    const compiled = elsewhere ? input.currentCompiled?.get(ocid) : undefined;
    const comparable = elsewhere && !sameId ? new ComparableContent(view) : undefined;
    // …or derived both times and told apart only by the tag an earlier version derived (publish.ts: no new release).
    const retagged = !sameId && !elsewhere && isDerivedReleaseId(ocid, id) && sameButDerivedTag(r, previous);
    if (sameId || retagged || (comparable && (sameReleaseContent(comparable, publicView(previous as JsonObject)) || (compiled !== undefined && sameReleaseContent(comparable, compiled))))) add(processes, { id: ocid, title, change: 'unchanged', fields: [] });
    else {
      released();
      const platforms = hasTypedTag(r) ? RELEASE_STAMPS : RELEASE_DERIVED;
      const returnsTo = elsewhere ? undefined : returnedTo(id, input.earlierReleases?.get(ocid), previous);
      add(processes, { id: ocid, title, change: 'changed', fields: labelled('ocds', processDiff(compiled ?? previous, view, (p) => platforms.test(p))), ...(returnsTo ? { returnsTo } : {}) });
    }
  }
  for (const [ocid, previous] of input.currentReleases) {
    if (seenOcids.has(ocid)) continue;
    const title = isObject(previous.tender) && typeof previous.tender.title === 'string' ? previous.tender.title : null;
    add(processes, { id: ocid, title, change: 'removed', fields: [] });
  }

  const seenProjects = new Set<string>();
  // The processes' data the summaries come from, as approval has it: this workbook's, else what is published, and
  // another implementer's. A process whose latest release was published elsewhere has its state in its compiled
  // release (a history with a release per stage): its rows are told from those the compiled release gives.
  const processData = new Map<string, JsonObject>(input.currentReleases as Map<string, JsonObject>);
  for (const [ocid, compiled] of input.elsewhere?.compiled ?? []) processData.set(ocid, compiled as JsonObject);
  for (const [ocid, compiled] of input.currentCompiled ?? []) processData.set(ocid, compiled as JsonObject);
  for (const r of input.releases) processData.set(String(r.ocid), r as JsonObject);
  const links = new Map<string, ReleaseLink[]>(input.elsewhere?.links ?? []);
  for (const [ocid, list] of input.currentLinks ?? []) links.set(ocid, list);
  for (const [ocid, link] of newLinks) links.set(ocid, [...(links.get(ocid) ?? []), link]);
  for (const typed of input.projects) {
    const made = new Map<string, JsonObject>();
    const sent = publicView(typed as JsonObject);
    const p = deriveProjectSummaries(sent, processData, links, { ...(input.now ? { now: input.now } : {}), derived: made });
    const id = String(p.id);
    seenProjects.add(id);
    const title = typeof p.title === 'string' ? p.title : null;
    const previous = input.currentProjects.get(id);
    if (!previous) { add(projects, { id, title, change: 'new', fields: [] }); continue; }
    const fields = labelled('oc4ids', projectEdits(previous, { project: p, part: typedPart(sent, p, made), derived: made }, typedPartOf(input.keptParts, id)));
    add(projects, { id, title, change: fields.length ? 'changed' : 'unchanged', fields });
  }
  for (const [id, previous] of input.currentProjects) {
    if (!seenProjects.has(id)) add(projects, { id, title: typeof previous.title === 'string' ? previous.title : null, change: 'removed', fields: [] });
  }
  return { processes, projects };
}
