/**
 * Publication (DESIGN §6): the approved workbook goes through the same core pipeline as the sidebar and the
 * CLI, is refused on any error, and is written as a new publication that becomes visible in one write.
 *
 * Release rules (documented for publishers):
 * - A release id is `{ocid}-{hash}` where the hash covers the process content (core/unflatten), so a
 *   process whose content did not change keeps its previous release (same id, same date): no new release.
 * - A changed or new process gets one new release dated at the publication time (`now`); a changed one is tagged
 *   with the stages it changes (`tenderUpdate`, `contractAmendment`…, core/merge/update-tags) unless its tag was typed.
 * - Every earlier release of a process is carried into the new publication, so its record (compiled release, OCDS
 *   merge rules; the versioned release is built from the same releases when the record is asked for) always covers
 *   its whole history.
 * - Processes and projects missing from the new workbook are carried over: an ingest never unpublishes (nothing
 *   published is lost — a workbook sent with only the projects that changed, or a blank one, took the others down);
 *   withdrawing data is an explicit administrative act. A carried project keeps what it was published with; its
 *   summaries are derived again from its processes' data, as every project's are. A project sent again unchanged
 *   keeps the `updated` it was published with (`keepUpdated`).
 * - The record of a process with no new release is carried over as stored, without parsing or merging its releases
 *   again, when the previous publication built it the same way (privacy filter, record format, base URL:
 *   `derivedWith`); otherwise it is built again. So a publication costs what changed, not the whole history. The
 *   record of a process with a new release is, likewise, its stored record's compiled release merged with the new
 *   release (core/merge compileAfter: the same document as merging every release again), when that can be told.
 * - The same content (hash of all releases and projects) built the same way (`derivedWith`) publishes nothing new
 *   (idempotent).
 * - A publisher's first publication may instead be the releases it published elsewhere before (`publishHistory`,
 *   `infra-abierta history`): stored with their own ids, dates, tags and content, records compiled from them. Its
 *   workbook publications then carry them as any earlier release, so each record holds that history too; a process
 *   whose content (all but id, date and tag) is its latest release's gets no new release, as with a derived id.
 * - A current publication built another way (another base URL after a move, an earlier version) can be written again
 *   with the same releases, projects and data date, without a workbook (republish.ts, `publications republish`).
 * - Personal data of natural persons outside the public roles is withheld here, once, from every release (carried
 *   over ones too) and project (core/privacy, rules.md R-26): the records, the API, the bulk files, the dashboard
 *   index and the stats all derive from what is written here. The hash names the filter's version, so data
 *   published under an older filter is published again, filtered, on the next ingest.
 */
import { createHash } from 'crypto';
import type { Finding } from '../../../core/findings/finding';
import type { WorkbookModel } from '../../../core/workbook/model';
import { packageTermsOf } from '../../../core/unflatten/settings-reader';
import { DEFAULT_TIME_ZONE } from '../../../core/unflatten/time-zone';
import { checkWorkbook, verdictFindings } from '../../../core/pipeline/check-workbook';
import { canonicalJson } from '../../../core/unflatten/content-hash';
import { isObject, sameJsonText, stringsOf } from '../../../core/json/json-values';
import { buildRecord, compileAfter, RECORD_FORMAT_VERSION } from '../../../core/merge';
import { updateTags } from '../../../core/merge/update-tags';
import { keptSheets, projectEdits } from '../../../core/workflow/change-preview';
import { ComparableContent, isDerivedReleaseId, lastSameRelease, sameButDerivedTag, sameReleaseContent, sameReleaseId } from '../../../core/merge/same-release-content';
import { amendmentChanges, deriveProjectSummaries, hasContractAmendments, typedPart, typedPartOf, type AmendmentChange, type ReleaseLink } from '../../../core/summary';
import { foreignProcesses, foreignProjects, type ForeignProcess, type ForeignProject } from '../../../core/summary/foreign-processes';
import type { CellRef } from '../../../core/findings/finding';
import { inReadingOrder } from '../../../core/findings/reading-order';
import { changesFor, readAmendmentChanges, storedAmendmentChanges, type ToldChanges } from './stored-amendment-changes';
import { derivedSomething, readTypedParts, storedTypedParts, type TypedParts } from './stored-typed-parts';
import { withinRedactionBudget } from './redaction-budget';
import { namedProjectsElsewhere, NOTHING_ELSEWHERE, publishedElsewhere, type PublishedElsewhere } from './published-elsewhere';
import { isStoreError, type DeclaredTerms, type JsonObject, type NewPublication, type Publication, type Publisher, type RecordText, type RedactionNote, type ReleaseText, type Store } from '../store/store';
import { computeStats } from '../../../core/stats/publisher-stats';
import { publicationIndex } from '../../../core/stats/publication-index';
import { assessProjects, pendingCounts, pendingJudgement, type PendingCounts } from '../../../core/stats/pending';
import { pages } from '../store/read-all';
import { releaseUrl } from './urls';
import { ServedHasher, storeOrder } from './served-hashes';
import { PRIVACY_FILTER_VERSION, processFilter, publicView } from '../../../core/privacy/privacy-filter';

export interface PublishInput {
  publisher: Publisher;
  workbook: WorkbookModel;
  /** Who asked (user id or `system`), for the audit log. */
  actor: string;
  /** Publication time, ISO 8601. */
  now: string;
  /** Base URL of the public API, for release links inside records and projects. */
  baseUrl: string;
  /** Spreadsheet revision or file name, for the audit log. */
  revision?: string;
  /**
   * Report the changed processes whose new release leaves out published rows or values that their records keep
   * (`keptInRecords`): for `publish` from the CLI, which has no preview. An approval does not ask: the coordinator's
   * preview already marked them (core/workflow/change-preview.ts), and comparing every changed process again cost a
   * publication of 1,000 changed processes ~0.45 s of CPU (bench:publish). Also reported then: the changed
   * processes that return to an earlier published state (`returnedToEarlier`).
   */
  reportKept?: boolean;
  /** More for the audit entry (the CLI: the system account it ran as, cli-audit.ts). */
  auditDetails?: JsonObject;
  /** Told how long each step took (benches print where the time goes). */
  onPhase?: (phase: PublishPhase, ms: number) => void;
  /**
   * Asked once the publication this one builds on (the current one) has been read, before anything is written;
   * throwing stops the publication. What it finds holds until the switch: that is a compare-and-set on the same
   * current publication, so anything published after this check makes the switch fail instead.
   */
  beforeWrite?: () => Promise<void>;
}

export type PublishPhase = 'check' | 'history' | 'records' | 'derived' | 'write' | 'commit';

export type PublishResult =
  | { status: 'refused'; findings: Finding[] }
  | { status: 'unchanged'; publication: Publication; findings: Finding[] }
  /**
   * `rebuiltRecords`: the processes whose record was merged again, not carried as stored (a changed process, or all of
   * them when built another way); `changedProjects`: the projects new or different from those published in what the
   * workbook says of them, as the coordinator's preview counts them (core/workflow/change-preview.ts projectEdits).
   */
  | { status: 'published'; publication: Publication; changedProcesses: string[]; changedProjects: string[]; rebuiltRecords: string[]; findings: Finding[]; keptInRecords?: KeptRows[]; returnedToEarlier?: ReturnedProcess[] };

/**
 * A changed process whose new release leaves out published rows or values (deleted rows, emptied cells) that its
 * record keeps, by sheet: the official is told they are still published (core/merge/kept-in-record).
 */
export interface KeptRows { ocid: string; sheets: string[] }

/**
 * A changed process whose new release has the content of one published before its latest (A → B → A: an older copy
 * of the workbook published again): `publishedAt`, when that earlier one was published. `publish` from the CLI, which
 * has no preview, tells the official that what was published since is undone (the coordinator's preview says it
 * before approving: core/workflow/change-preview.ts).
 */
export interface ReturnedProcess { ocid: string; publishedAt: string }

type Release = Record<string, unknown> & { ocid: string; id: string; date: string };

/**
 * One release of the publication being written. A carried-over one is held as the UTF-8 bytes it is stored as —
 * written back as they are (SQLite: without being decoded into a JS string and encoded again, which with the garbage
 * collector's copying of the strings held was a fifth of a publication's time after the check) — and parsed only
 * when its process's record is built again (holding every earlier release parsed at once was most of a
 * publication's garbage-collection time); a new one is held parsed. Either is dropped once its record is written.
 */
interface HeldRelease {
  ocid: string;
  id: string;
  date: string;
  /** As stored; written again as is unless the privacy filter withholds more from it now. */
  text?: string | Buffer;
  release?: JsonObject;
}

/** The release's stored text, parsed. */
function parseText(text: string | Buffer): JsonObject {
  return JSON.parse(typeof text === 'string' ? text : text.toString('utf8')) as JsonObject;
}

function parsed(held: HeldRelease): JsonObject {
  return (held.release ??= parseText(held.text as string | Buffer));
}

/** All releases of a publication, grouped by ocid in date order, as stored (UTF-8 bytes). Also republish.ts's. */
export async function releasesByOcid(store: Store, publicationId: string): Promise<Map<string, HeldRelease[]>> {
  const out = new Map<string, HeldRelease[]>();
  for await (const items of pages((after) => store.listDocumentBytes('releases', { publicationId, after, limit: 1000 }))) {
    for (const { key: ocid, id, date, bytes } of items) {
      const list = out.get(ocid) ?? [];
      const held: HeldRelease = { ocid, id: id ?? '', date: date ?? '', text: bytes };
      // publish() stores each release's id and date as the release's own; rows that lack them are read from the release.
      if (id === undefined || date === undefined) Object.assign(held, { id: String(parsed(held).id), date: String(parsed(held).date) });
      list.push(held);
      out.set(ocid, list);
    }
  }
  return out;
}

/** All records of a publication, as stored text, by ocid. */
export async function recordTextsOf(store: Store, publicationId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const items of pages((after) => store.listDocumentTexts('records', { publicationId, after, limit: 1000 }))) {
    for (const { key: ocid, text } of items) out.set(ocid, text);
  }
  return out;
}

/** Every project of a publication, as stored, by id. */
export async function projectsOf(store: Store, publicationId: string): Promise<Map<string, JsonObject>> {
  const out = new Map<string, JsonObject>();
  for await (const items of pages((after) => store.listProjects({ publicationId, after, limit: 1000 }))) {
    for (const { id, project } of items) out.set(id, project as JsonObject);
  }
  return out;
}

/**
 * A project the workbook sends again unchanged keeps the `updated` it was published with: conversion stamps every
 * project without a typed `updated` with its own time, and the dashboard's «Actualizado» said that all of an
 * implementer's projects changed whenever one did. Compared as published (filtered, summaries derived), apart from
 * `updated`; a typed `updated` (not the conversion's stamp, `now`) is the official's and stays. Returns whether the
 * project is new or differs from the one published.
 */
function keepUpdated(project: JsonObject, previous: JsonObject | undefined, now: string): boolean {
  if (!previous) return true;
  // Both built by the same derivation, keys in the same order: their JSON texts compare them (a tenth of the time of
  // the canonical form; a key order that differs only stamps the project anew, as before) — compared in place, not
  // written out (sameJsonText).
  const same = sameJsonText({ ...project, updated: '' }, { ...previous, updated: '' });
  if (same && project.updated === now && typeof previous.updated === 'string') project.updated = previous.updated;
  return !same;
}

/** What a publication's releases and records are derived with (see Publication.derivedWith). */
export function derivation(baseUrl: string): string {
  return JSON.stringify({ privacy: PRIVACY_FILTER_VERSION, record: RECORD_FORMAT_VERSION, baseUrl });
}

/** The address a publication's records link their releases under (its `derivation`); undefined when not recorded. */
export function linksBaseUrl(publication: Pick<Publication, 'derivedWith'>): string | undefined {
  if (!publication.derivedWith) return undefined;
  try {
    const { baseUrl } = JSON.parse(publication.derivedWith) as { baseUrl?: unknown };
    return typeof baseUrl === 'string' ? baseUrl : undefined;
  } catch {
    return undefined;
  }
}

/** A process's releases in the order the store lists them (date, then id): already so, but for a date out of order. */
function inStoreOrder(releases: ReleaseText[]): ReleaseText[] {
  const key = (r: ReleaseText): string => JSON.stringify([r.date, r.id]);
  for (let i = 1; i < releases.length; i++) {
    if (key(releases[i - 1]) > key(releases[i])) return [...releases].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }
  return releases;
}

/** The ocids the projects list (a process's `id`, and its summary's `ocid`). */
function linkedOcids(projects: readonly JsonObject[]): Set<string> {
  const out = new Set<string>();
  for (const project of projects) {
    for (const process of Array.isArray(project.contractingProcesses) ? project.contractingProcesses : []) {
      if (!isObject(process)) continue;
      if (typeof process.id === 'string') out.add(process.id);
      const summary = process.summary;
      if (isObject(summary) && typeof summary.ocid === 'string') out.add(summary.ocid);
    }
  }
  return out;
}

/** One process's releases and record as the texts to write, and what the summaries, index and stats read of it. */
interface BuiltProcess {
  releases: ReleaseText[];
  record: string;
  compiledRelease: JsonObject;
  links: ReleaseLink[];
}

/**
 * The process's releases and record, built from its releases. What the public may see: every release of
 * the history, new and carried over, goes through the filter. A carried-over release was filtered when it was first
 * published; its stored text stays valid unless the filter (a newer version of it) withholds something more, in
 * which case the filtered copy is serialized anew.
 */
function builtProcess(ocid: string, list: HeldRelease[], baseUrl: string): BuiltProcess {
  const releases: ReleaseText[] = [];
  // Each release with what the earlier ones said of its parties: the record merges them by id.
  const filter = processFilter();
  const views = list.map((held) => {
    const release = parsed(held);
    const view = filter(release);
    releases.push({ ocid, id: held.id, date: held.date, text: view === release && held.text !== undefined ? held.text : JSON.stringify(view) });
    return view;
  });
  // Without the versioned release: the single-record endpoint builds it from these releases when asked
  // (api/record-with-history.ts); stored, it was ~80 % of the record and a fifth of this publication's time.
  const record = buildRecord(ocid, views, { versioned: false, releaseUrl: (id: string) => releaseUrl(baseUrl, ocid, id) });
  const links = list.map((held, n) => ({ id: held.id, date: held.date, tag: (views[n].tag ?? []) as string[], url: releaseUrl(baseUrl, ocid, held.id) }));
  // Serialized at once: the record's objects die young, before the next process is built, instead of a chunk of
  // them being promoted and marked by the old generation's collector.
  return { releases, record: JSON.stringify(record), compiledRelease: record.compiledRelease as JsonObject, links };
}

/**
 * A process with no new release, from its stored record (`text`) and releases, none of them parsed but the record:
 * when the record links exactly the releases held (same ids, dates and URLs, in order) and holds no versioned
 * release (records stored before those were left out are built again, smaller). Otherwise undefined: built again.
 */
function carriedProcess(text: string, ocid: string, list: HeldRelease[], baseUrl: string): BuiltProcess | undefined {
  const record = JSON.parse(text) as { releases?: unknown; compiledRelease?: unknown; versionedRelease?: unknown };
  const stored = record.releases;
  if (record.versionedRelease !== undefined || !isObject(record.compiledRelease) || !Array.isArray(stored) || stored.length !== list.length) return undefined;
  const releases: ReleaseText[] = [];
  const links: ReleaseLink[] = [];
  for (const [n, held] of list.entries()) {
    const link: unknown = stored[n];
    const url = releaseUrl(baseUrl, ocid, held.id);
    if (held.text === undefined || !isObject(link) || link.url !== url || link.date !== held.date) return undefined;
    releases.push({ ocid, id: held.id, date: held.date, text: held.text });
    links.push({ id: held.id, date: held.date, tag: stringsOf(link.tag), url });
  }
  return { releases, record: text, compiledRelease: record.compiledRelease as JsonObject, links };
}

/** Whether a release's JSON text may hold a `null` (a string holding `:null` too: then its record is built again). */
function mayHoldNull(text: string | Buffer): boolean {
  if (typeof text === 'string') return /[:,[]null/.test(text);
  // One scan of the bytes for `null`, each found checked for what comes before it (`:`, `,` or `[`).
  for (let at = text.indexOf(NULL_BYTES); at >= 0; at = text.indexOf(NULL_BYTES, at + 4)) {
    const before = text[at - 1];
    if (before === 0x3a || before === 0x2c || before === 0x5b) return true;
  }
  return false;
}
const NULL_BYTES = Buffer.from('null');

/**
 * A process whose only new release is the last one, from its stored record (`text`): the record's compiled release
 * merged with the new release (core/merge compileAfter) instead of every release parsed, filtered and merged again —
 * the same record, when it links exactly the earlier releases held (as carriedProcess checks) and none of those
 * holds a `null` (compileAfter's condition). Otherwise, or when compileAfter cannot tell, undefined: built again.
 */
function extendedProcess(text: string, ocid: string, list: HeldRelease[], baseUrl: string): BuiltProcess | undefined {
  const latest = list[list.length - 1];
  if (list.length < 2 || latest.release === undefined || latest.text !== undefined) return undefined;
  const record = JSON.parse(text) as { releases?: unknown; compiledRelease?: unknown; versionedRelease?: unknown };
  const stored = record.releases;
  if (record.versionedRelease !== undefined || !isObject(record.compiledRelease) || !Array.isArray(stored) || stored.length !== list.length - 1) return undefined;
  const releases: ReleaseText[] = [];
  const links: ReleaseLink[] = [];
  for (const [n, link] of (stored as unknown[]).entries()) {
    const held = list[n];
    const url = releaseUrl(baseUrl, ocid, held.id);
    if (held.text === undefined || !isObject(link) || link.url !== url || link.date !== held.date || mayHoldNull(held.text)) return undefined;
    releases.push({ ocid, id: held.id, date: held.date, text: held.text });
    // As builtProcess gives them: the link's tag is the release's own.
    links.push({ id: held.id, date: held.date, tag: (link.tag ?? []) as string[], url });
  }
  const view = processFilter(record.compiledRelease)(latest.release);
  const compiledRelease = compileAfter(record.compiledRelease, view) as JsonObject | undefined;
  if (!compiledRelease) return undefined;
  const url = releaseUrl(baseUrl, ocid, latest.id);
  releases.push({ ocid, id: latest.id, date: latest.date, text: JSON.stringify(view) });
  links.push({ id: latest.id, date: latest.date, tag: (view.tag ?? []) as string[], url });
  // buildRecord's record, key for key: the stored links read back, and the new release's.
  const built = { ocid, releases: [...stored, { url, date: view.date, tag: view.tag }], compiledRelease };
  return { releases, record: JSON.stringify(built), compiledRelease, links };
}

/**
 * The hash of what a publication holds: the canonical JSON of `{ privacy, projects, releases }` (the filter's
 * version, the projects without `updated` — stamped at conversion time, so the same sheet hashes the same — and the
 * latest release id of each process), fed to the hash a project at a time instead of built whole (megabytes).
 */
function hashContent(projects: JsonObject[], releaseIds: string[]): string {
  const hash = createHash('sha256');
  // Keys in canonical (sorted) order: privacy, projects, releases.
  hash.update(`{"privacy":${canonicalJson(PRIVACY_FILTER_VERSION)},"projects":[`);
  projects.forEach(({ updated, ...rest }, n) => (void updated, hash.update((n ? ',' : '') + canonicalJson(rest))));
  hash.update(`],"releases":${canonicalJson(releaseIds)}}`);
  return hash.digest('hex');
}

/** The audit entry keeps which processes got a new release (the first of them): «what changed» months later. */
const CHANGED_KEPT = 200;
function changedList(changed: string[]): { changedOcids: string[] } | Record<string, never> {
  return changed.length ? { changedOcids: changed.slice(0, CHANGED_KEPT) } : {};
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * Creates the publication under a fresh id. An attempt that died part-way leaves its publication `writing`
 * under the same id when retried within the same second with the same content: the retry takes the next
 * free suffix instead of writing into (or failing on) the abandoned one.
 */
async function startPublication(store: Store, baseId: string, publication: Omit<NewPublication, 'id'>): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const id = attempt === 1 ? baseId : `${baseId}-${attempt}`;
    try {
      await store.createPublication({ id, ...publication });
      return id;
    } catch (e) {
      if (!isStoreError(e, 'conflict') || attempt >= 20) throw e;
    }
  }
}

/**
 * Characters of release and record text built before they are written (see `buildRecords`). Held longer (250
 * processes at a time were ~25 MB), the texts outlived the young generation and were copied into the old one before
 * being written: compiling and writing 1,000 processes × 3 revisions on SQLite took ~15 % more CPU
 * (scripts/bench-publish.ts). On Firestore this is about half of a batch (MAX_BATCH_BYTES): one batch of releases
 * and one of records per write.
 */
const WRITE_CHARS = 4_000_000;

/**
 * The core pipeline's verdict and documents, without the rest of its result: the cell source map of a large
 * workbook is hundreds of megabytes, and nothing after the check needs it.
 */
function check(workbook: WorkbookModel, publisher: Publisher, now: string): { findings: Finding[]; releases: unknown[]; projects: unknown[]; declared: DeclaredTerms; timeZone: string; foreign: (ForeignProcess & { cell?: CellRef })[]; named: (ForeignProject & { cell?: CellRef })[] } {
  // The publisher's registered prefixes win over what the workbook's own Configuración says.
  const checked = checkWorkbook(workbook, { now, ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
  const { releases, projects, settings } = checked;
  // Processes of another implementer's prefix, with their cells while the source map is at hand (published-elsewhere.ts).
  const foreign = foreignProcesses(projects, publisher.ocidPrefix).map((f) => {
    const cell = checked.sourceMap.get(f.pointer);
    return cell ? { ...f, cell } : f;
  });
  const named = foreignProjects(releases, publisher.projectIdPrefix).map((f) => {
    const cell = checked.sourceMap.get(f.pointer);
    return cell ? { ...f, cell } : f;
  });
  return { findings: verdictFindings(workbook, checked), releases, projects, declared: packageTermsOf(settings), timeZone: settings.timeZone || DEFAULT_TIME_ZONE, foreign, named };
}

/** Both state the same licence and policy (none stated is the same as none). */
function sameTerms(a: DeclaredTerms | undefined, b: DeclaredTerms): boolean {
  return (a?.license ?? '') === (b.license ?? '') && (a?.publicationPolicy ?? '') === (b.publicationPolicy ?? '');
}

export async function publish(store: Store, input: PublishInput): Promise<PublishResult> {
  const { publisher, now } = input;
  let mark = performance.now();
  const phase = (name: PublishPhase): void => {
    const at = performance.now();
    input.onPhase?.(name, at - mark);
    mark = at;
  };
  const { findings: checkFindings, releases: convertedReleases, projects: convertedProjects, declared, timeZone, foreign, named } = check(input.workbook, publisher, now);
  phase('check');
  if (hasErrors(checkFindings)) return { status: 'refused', findings: checkFindings };

  const current = await store.getCurrent(publisher.id);
  await input.beforeWrite?.();
  const history = current ? await releasesByOcid(store, current.id) : new Map<string, HeldRelease[]>();
  const changed: string[] = [];
  const kept: KeptRows[] = [];
  const returned: ReturnedProcess[] = [];
  const stamp = now.replace(/[^0-9]/g, '').slice(0, 14);
  // The current publication's records, read once by pages when first needed — by the content rule below, or to carry
  // them (writePublication) — not one read per process (on Firestore a round trip each).
  let records: Promise<Map<string, string>> | undefined;
  const currentRecords = (): Promise<Map<string, string>> => (records ??= current ? recordTextsOf(store, current.id) : Promise.resolve(new Map()));
  for (const release of convertedReleases as Release[]) {
    const previous = history.get(release.ocid) ?? [];
    const latest = previous[previous.length - 1];
    // Same content as the latest release (its id, or that id re-stamped below): no new release.
    if (latest && sameReleaseId(latest.id, release.id)) continue;
    // Parsed once here and not kept: its record is merged from the stored one (extendedProcess), and a release held
    // parsed until its record is written lives into the old generation (garbage-collection time).
    const before = latest && (latest.release ?? parseText(latest.text as string | Buffer));
    // A release published elsewhere (`history`) keeps its own id: it is the same when its content is, as the public
    // sees both (filtered), apart from id, date and tag (the workbook `import` wrote from it sent back unchanged) —
    // the latest release's, or, for a history published a release per stage (Jalisco, Nuevo León, Ciudad de México:
    // the latest holds only the contract), the process's compiled release, which `import` writes the workbook from.
    if (current && latest && before && !isDerivedReleaseId(release.ocid, latest.id)) {
      const view = new ComparableContent(publicView(release) as JsonObject);
      if (sameReleaseContent(view, publicView(before))) continue;
      const record = (await currentRecords()).get(release.ocid);
      const compiled = record === undefined ? undefined : (JSON.parse(record) as { compiledRelease?: unknown }).compiledRelease;
      if (isObject(compiled) && sameReleaseContent(view, compiled)) continue;
    } else if (latest && before && isDerivedReleaseId(release.ocid, release.id) && sameButDerivedTag(release, before)) {
      // Derived both times, another id only for the tag an earlier version derived: the same process, no new release.
      continue;
    }
    changed.push(release.ocid);
    if (before && input.reportKept) {
      const sheets = keptSheets(before, release);
      if (sheets.length) kept.push({ ocid: release.ocid, sheets });
    }
    // Content that returns to an earlier state (A → B → A) hashes to an id already used: release ids must be
    // unique within an ocid (OCDS 1.1 release schema, `id`), so the repeat is stamped with the publication time.
    const id = previous.some((r) => r.id === release.id) ? `${release.id}-${stamp}` : release.id;
    if (id !== release.id && input.reportKept) {
      // The latest release with that content (maybe itself re-stamped): the state the process returns to.
      const at = lastSameRelease(previous, release.id);
      if (at >= 0) returned.push({ ocid: release.ocid, publishedAt: previous[at].date });
    }
    // A process published before: its new release is tagged with what it changes (tenderUpdate, contractAmendment…).
    const tag = before ? updateTags(release, before) : release.tag;
    history.set(release.ocid, [...previous, { ocid: release.ocid, id, date: now, release: { ...release, id, date: now, tag } as JsonObject }]);
  }
  const typed = (convertedProjects as JsonObject[]).map((p) => publicView(p));
  const published = current ? await projectsOf(store, current.id) : new Map<string, JsonObject>();
  const typedIds = new Set(typed.map((p) => String(p.id)));
  const projects = [...typed, ...[...published].filter(([id]) => !typedIds.has(id)).map(([, project]) => project)];
  // The other implementers' processes the projects list: the workbook's, told at their cells, and the carried
  // projects', whose summaries are derived again from those implementers' current data as from this one's.
  const carriedForeign = foreignProcesses(projects.slice(typed.length), publisher.ocidPrefix).map((f) => ({ ...f, quiet: true }));
  const elsewhere = await publishedElsewhere(store, publisher, [...foreign, ...carriedForeign], input.baseUrl);
  const told = [...elsewhere.findings, ...(await namedProjectsElsewhere(store, publisher, named))];
  const findings = told.length ? inReadingOrder([...checkFindings, ...told], input.workbook.sheets.map((s) => s.name)) : checkFindings;
  // With the releases taken from other implementers: publishing again after one of them published an amendment
  // derives the summaries again instead of finding the same content.
  const contentHash = hashContent(projects, [...[...history.values()].map((list) => list[list.length - 1].id).sort(), ...elsewhere.stamps]);
  // Same content: nothing new to publish — unless the earlier run died between switching `current` and writing
  // its stats; then the stats (derived, rebuilt identically from the same content) are written again below.
  const derivedWith = derivation(input.baseUrl);
  // …and built the same way: under another base URL (or privacy filter, or record format) the same content is
  // published again, its records rebuilt, or their release links would keep pointing at the old address.
  // A workbook that only states another licence or policy (Configuración) is published again too: the packages
  // carry it when the publisher was registered without one (api/current-publications.ts, packageTerms).
  // So is one converted in another time zone with the same content (no date at all, or none the zone changes): its
  // datos.xlsx writes dates, and says its zone for the round trip, in the zone the official now works in.
  const unchanged = current !== undefined && current.contentHash === contentHash && current.derivedWith === derivedWith && sameTerms(current.declared, declared) && (current.timeZone ?? DEFAULT_TIME_ZONE) === timeZone;
  if (unchanged && (await store.getStats(publisher.id))?.publicationId === current.id) return { status: 'unchanged', publication: current, findings };
  // Every record built the same way is read: carried as stored when its process has no new release, the base its new
  // release is merged onto otherwise (extendedProcess).
  const carried = current?.derivedWith === derivedWith ? await currentRecords() : new Map<string, string>();
  phase('history');
  const result = await writePublication(store, { ...input, current, history, changed, projects, sentProjects: typed.length, published, carried, contentHash, derivedWith, declared, timeZone, unchanged, phase, findings, elsewhere });
  return result.status === 'published' && (kept.length || returned.length) ? { ...result, ...(kept.length ? { keptInRecords: kept } : {}), ...(returned.length ? { returnedToEarlier: returned } : {}) } : result;
}

/** What publish() (or publishHistory(), or republish.ts) decided, for writing: the steps they share. */
export interface PublicationPlan {
  publisher: Publisher;
  actor: string;
  now: string;
  baseUrl: string;
  revision?: string;
  auditDetails?: JsonObject;
  /** The publication this one builds on (undefined: the publisher's first). */
  current: Publication | undefined;
  /** Every release of the new publication, by ocid, in the order the store lists them (date, then id). */
  history: Map<string, HeldRelease[]>;
  /** The processes given a new release (the audit log and the result name them). */
  changed: string[];
  projects: JsonObject[];
  /** How many of `projects`, first, the workbook sent (publish()); the rest are carried from `current`. None unless told. */
  sentProjects?: number;
  /** The current publication's projects, by id (what keepUpdated compares with). */
  published: Map<string, JsonObject>;
  /** The current publication's records as stored, by ocid, when built the same way (`derivedWith`); else empty. */
  carried: Map<string, string>;
  contentHash: string;
  derivedWith: string;
  declared: DeclaredTerms;
  /** The zone the workbook was converted with (undefined: a history imported from elsewhere, read as the default). */
  timeZone?: string;
  /** The same content as `current`: only its stats are written again. */
  unchanged: boolean;
  phase: (name: PublishPhase) => void;
  /** Returned with the result. */
  findings: Finding[];
  /** The audit log's action (publication.published unless told). */
  action?: string;
  /**
   * A republication (republish.ts): the publication whose content this one writes again, and when (`now` is then the
   * time the data was published: the new one's `createdAt`, and the time its summaries are derived as of).
   */
  republished?: { from: string; at: string };
  /** A redaction (redact.ts): noted on this publication after those of `current`, which every later one carries. */
  redaction?: RedactionNote;
  /** Processes its projects list that other implementers publish (published-elsewhere.ts). */
  elsewhere?: PublishedElsewhere;
  /** A history (publishHistory): the extensions its packages declared; later publications carry `current`'s. */
  importedExtensions?: string[];
}

/**
 * The redactions a new publication carries: those of the one it builds on — its releases are carried with the texts
 * replaced, and a reader of the new one must still be told they changed after publication — and its own.
 */
function redactionsOf(current: Publication | undefined, own: RedactionNote | undefined): Pick<Publication, 'redactions'> {
  const redactions = [...(current?.redactions ?? []), ...(own ? [own] : [])];
  return redactions.length ? { redactions: withinRedactionBudget(redactions) } : {};
}

/**
 * The extensions imported releases were declared with: those of the one it builds on, whose releases it carries,
 * or a history's own.
 */
function importedExtensionsOf(current: Publication | undefined, own: string[] | undefined): Pick<Publication, 'importedExtensions'> {
  const extensions = own ?? current?.importedExtensions ?? [];
  return extensions.length ? { importedExtensions: [...extensions] } : {};
}

/**
 * Builds and writes the records, projects, index and stats of a planned publication under a new id, then switches
 * the publisher's current pointer to it (the one write that makes it visible).
 */
export async function writePublication(store: Store, plan: PublicationPlan): Promise<PublishResult> {
  const { publisher, actor, now, baseUrl, revision, current, history, changed, projects, published, carried, contentHash, derivedWith, declared, timeZone, unchanged, phase, findings } = plan;
  const newReleases = new Set(changed);
  // When this is written: the publication time, but for a republication.
  const at = plan.republished?.at ?? now;
  const stamp = at.replace(/[^0-9]/g, '').slice(0, 14);

  // Releases and records are the bulk of a publication: a few megabytes of processes at a time, their releases are
  // parsed, filtered, written with their records and dropped, keeping only the compiled release and the release
  // links the summaries, index and stats read — so a publication of 10,000 processes fits the task's memory.
  // In the store's order (its sort keys are JSON texts), which the served hashes follow; the same as the ocids' own
  // order but for characters JSON escapes or that sort below its quote (a space).
  const ocidKeys = new Map([...history.keys()].map((ocid) => [ocid, storeOrder(ocid)]));
  const ocids = [...history.keys()].sort((a, b) => ((ocidKeys.get(a) as string) < (ocidKeys.get(b) as string) ? -1 : 1));
  ocidKeys.clear();
  const compiledByOcid = new Map<string, JsonObject>();
  const releaseLinks = new Map<string, ReleaseLink[]>();
  // What the contract amendments of the processes projects list changed (their OC4IDS modifications' types and
  // old/new values): told only by the releases, read again only for a listed process whose contracts were amended.
  const listed = linkedOcids(projects);
  const amendmentsByOcid = new Map<string, AmendmentChange[]>();
  // …kept with this publication for the next (stored-amendment-changes.ts), which takes those of a process it carries
  // as they were: read from the current publication's index once, when a carried process first needs them.
  const told = new Map<string, ToldChanges>();
  // …and what the official typed of its projects then (stored-typed-parts.ts): the index read once.
  let indexBefore: Promise<unknown> | undefined;
  const readIndexBefore = (): Promise<unknown> => (indexBefore ??= current ? store.getIndex(current.id) : Promise.resolve(undefined));
  let keptBefore: Promise<Map<string, ToldChanges>> | undefined;
  const toldBefore = (): Promise<Map<string, ToldChanges>> => (keptBefore ??= readIndexBefore().then(readAmendmentChanges));
  let releaseCount = 0;
  const rebuilt: string[] = [];
  const buildRecords = async (write: (releases: ReleaseText[], records: RecordText[]) => Promise<void>, served?: ServedHasher): Promise<void> => {
    let releases: ReleaseText[] = [];
    let records: RecordText[] = [];
    let chars = 0;
    for (const ocid of ocids) {
      const list = history.get(ocid) ?? [];
      const text = carried.get(ocid);
      let built = text === undefined ? undefined : newReleases.has(ocid) ? extendedProcess(text, ocid, list, baseUrl) : carriedProcess(text, ocid, list, baseUrl);
      // Carried as stored: its releases are the current publication's, under the same derivation.
      const asStored = built !== undefined && !newReleases.has(ocid);
      if (newReleases.has(ocid) || !built) rebuilt.push(ocid);
      built ??= builtProcess(ocid, list, baseUrl);
      for (const release of built.releases) {
        releases.push(release);
        chars += release.text.length;
      }
      if (served) {
        for (const release of inStoreOrder(built.releases)) served.add('releases', release.text);
        served.add('records', built.record);
      }
      records.push({ ocid, text: built.record });
      chars += built.record.length;
      compiledByOcid.set(ocid, built.compiledRelease);
      releaseLinks.set(ocid, built.links);
      if (listed.has(ocid) && hasContractAmendments(built.compiledRelease)) {
        const ids = built.releases.map((r) => r.id);
        const changes = (asStored ? changesFor((await toldBefore()).get(ocid), ids) : undefined)
          ?? amendmentChanges(built.releases.map((r) => JSON.parse(String(r.text)) as JsonObject));
        amendmentsByOcid.set(ocid, changes);
        told.set(ocid, { releases: ids, changes });
      }
      carried.delete(ocid);
      history.delete(ocid);
      if (chars >= WRITE_CHARS) {
        releaseCount += releases.length;
        await write(releases, records);
        releases = [];
        records = [];
        chars = 0;
      }
    }
    releaseCount += releases.length;
    if (records.length) await write(releases, records);
  };
  const derive = (typedBefore: TypedParts | undefined): { finalProjects: JsonObject[]; changedProjects: string[]; index: JsonObject; stats: JsonObject; pending: PendingCounts } => {
    // The publication's time, not the clock's: a contract period's status is judged as of the data's date, and a
    // retried or re-derived publication derives the same summaries.
    // Another implementer's process is looked up in its data; one of the publication's own, in the publication's.
    const { compiled: otherCompiled, links: otherLinks, sources, amendments: otherAmendments } = plan.elsewhere ?? NOTHING_ELSEWHERE;
    for (const [ocid, changes] of otherAmendments) if (!amendmentsByOcid.has(ocid)) amendmentsByOcid.set(ocid, changes);
    const compiledAll = otherCompiled.size ? new Map([...otherCompiled, ...compiledByOcid]) : compiledByOcid;
    const linksAll = otherLinks.size ? new Map([...otherLinks, ...releaseLinks]) : releaseLinks;
    const derivedSummaries = projects.map(() => new Map<string, JsonObject>());
    const finalProjects = projects.map((p, i) => deriveProjectSummaries(p, compiledAll, linksAll, { now, amendmentsByOcid, derived: derivedSummaries[i] }) as JsonObject);
    // Every project whose published form changed gets a new `updated`; the outcome counts those the workbook changed,
    // by the coordinator's preview's judgement (projectEdits), and keeps what was typed for the next one to compare with.
    // A project the workbook did not send is carried with what was typed when it was (a published project's summaries
    // and parties mix what was typed with what was derived then): it is no edit of this workbook's.
    const sent = plan.sentProjects ?? 0;
    const typedNow: TypedParts = new Map();
    const changedProjects = finalProjects.filter((project, i) => {
      const id = String(project.id);
      const previous = published.get(id);
      const before = typedPartOf(typedBefore, id);
      const carried = i >= sent;
      const part = carried && before ? before : typedPart(projects[i], project, derivedSummaries[i]);
      if (carried && !before) typedNow.set(id, null);
      else if (derivedSomething(part)) typedNow.set(id, part);
      return keepUpdated(project, previous, now) && !carried && (!previous || projectEdits(previous, { project, part, derived: derivedSummaries[i] }, before, 1).length > 0);
    }).map((project) => String(project.id));
    // The dashboard's index and the stats come from the same entries, computed once from what is in memory; they
    // read a record's ocid and compiled release only.
    const recordList = ocids.map((ocid) => ({ ocid, compiledRelease: compiledByOcid.get(ocid) }));
    const index = publicationIndex(recordList, finalProjects);
    // Each project's CoST IDS points, judged once for the stats and the pending judgement alike (assessProjects).
    const assessed = assessProjects(finalProjects, sources);
    const stats = computeStats(recordList, finalProjects, index, assessed) as unknown as JsonObject;
    // What each process and project still lacks of what its stage asks (the control board's *Pendientes*), judged
    // with the index it is listed from: stored with it, never served in /api/index (index-routes.ts).
    // A point only another implementer's processes lack is listed as theirs to publish (pending.ts `elsewhere`).
    const pending = pendingJudgement(recordList, finalProjects, sources, assessed);
    // And how many, kept with the publication's counts: what *Seguimiento* shows per implementer (tracking-routes.ts).
    const amendments = told.size ? { amendments: storedAmendmentChanges(told) } : {};
    // Kept even when empty: an index that keeps none says every project was typed whole, not «kept by an earlier version».
    return { finalProjects, changedProjects, index: { ...index, pending, ...amendments, typedParts: storedTypedParts(typedNow) } as unknown as JsonObject, stats, pending: pendingCounts(pending) };
  };
  if (unchanged && current) {
    await buildRecords(async () => undefined);
    const { stats } = derive(undefined);
    await store.putStats({ publisherId: publisher.id, publicationId: current.id, computedAt: at, data: stats });
    return { status: 'unchanged', publication: current, findings };
  }

  const publicationId = await startPublication(store, `${publisher.id}-${stamp}-${contentHash.slice(0, 8)}`, { publisherId: publisher.id, contentHash, createdAt: now, derivedWith, ...(declared.license || declared.publicationPolicy ? { declared } : {}), ...(timeZone ? { timeZone } : {}), ...(plan.republished ? { republishedFrom: plan.republished.from, republishedAt: at } : {}), ...redactionsOf(current, plan.redaction), ...importedExtensionsOf(current, plan.importedExtensions) });
  const served = new ServedHasher();
  await buildRecords(async (releases, records) => {
    await store.putReleases(publicationId, releases);
    await store.putRecords(publicationId, records);
  }, served);
  phase('records');
  const { finalProjects, changedProjects, index, stats, pending } = derive(readTypedParts(await readIndexBefore()));
  phase('derived');
  // Serialized once, for the store and the served hash alike.
  const projectTexts = finalProjects.map((project) => ({ id: String(project.id), text: JSON.stringify(project), key: storeOrder(String(project.id)) }));
  for (const { text } of [...projectTexts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) served.add('projects', text);
  await store.putProjects(publicationId, projectTexts.map(({ id, text }) => ({ id, text })));
  const servedSha256 = served.digests();
  await store.putIndex(publicationId, index);
  phase('write');
  const publication = await store.completePublication(publicationId, { releases: releaseCount, records: ocids.length, projects: finalProjects.length, pending });
  // The one write that makes the new data visible; a concurrent publication for the same publisher loses here.
  await store.setCurrent(publisher.id, publicationId, current ? current.id : null);
  await store.putStats({ publisherId: publisher.id, publicationId, computedAt: at, data: stats });
  // `first`: none was current, so its processes are new (the Bitácora read «0 contrataciones cambiadas» for one of projects only).
  await store.appendAudit({ at, actor, action: plan.action ?? 'publication.published', target: `publication/${publicationId}`, publisherId: publisher.id, details: { contentHash, servedSha256, ...(current ? {} : { first: true }), changedProcesses: changed.length, ...changedList(changed), rebuiltRecords: rebuilt.length, revision: revision ?? null, releases: releaseCount, projects: finalProjects.length, ...plan.auditDetails } });
  phase('commit');
  return { status: 'published', publication, changedProcesses: changed, changedProjects, rebuiltRecords: rebuilt, findings };
}

export interface HistoryInput {
  publisher: Publisher;
  /** The releases already published elsewhere (core/import/published-releases.ts), as published. */
  releases: { ocid: string; id: string; date: string; release: Record<string, unknown> }[];
  actor: string;
  now: string;
  baseUrl: string;
  /** The files read, for the audit log. */
  revision?: string;
  auditDetails?: JsonObject;
  /** The licence and policy the files' packages stated (core/import/settings-from-packages.ts statedTerms). */
  declared?: DeclaredTerms;
  /** The extensions the files' packages declared (core/packages/imported-extensions.ts declaredExtensions). */
  extensions?: string[];
}

export type HistoryResult =
  /** The publisher already has a current publication, built from other releases (or from a workbook). */
  | { status: 'refused'; current: Publication }
  /** The same releases were laid down before (a second run): nothing written. */
  | { status: 'unchanged'; publication: Publication }
  | { status: 'published'; publication: Publication; processes: number };

/**
 * The hash of a history: every release's ocid, id, date and content (canonical JSON). Not the workbook's hash
 * (`hashContent`): a second run with the same files finds the same hash, and nothing else ever does.
 */
function historyHash(releases: HistoryInput['releases']): string {
  const hash = createHash('sha256');
  hash.update(`history\u0000${PRIVACY_FILTER_VERSION}`);
  for (const r of releases) hash.update(`\u0000${r.ocid}\u0000${r.id}\u0000${r.date}\u0000${canonicalJson(r.release)}`);
  return hash.digest('hex');
}

/**
 * Lays down an implementer's releases published elsewhere as its first publication: each release stored with its
 * own id, date, tag and content (through the privacy filter, as every release here), each process's record
 * compiled from them, no projects. Its later publications carry them as they carry any earlier release, so each
 * record keeps the whole history. Only first: a publisher with a current publication is refused (what is published
 * is never half-replaced, and releases added under a history would be dated before what they follow).
 */
export async function publishHistory(store: Store, input: HistoryInput): Promise<HistoryResult> {
  const { publisher, now } = input;
  // Ordered as the store lists them (ocid, date, id), so this record and the ones built later merge alike.
  const sorted = [...input.releases].sort((a, b) => (a.ocid !== b.ocid ? (a.ocid < b.ocid ? -1 : 1) : a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const contentHash = historyHash(sorted);
  const current = await store.getCurrent(publisher.id);
  if (current) return current.contentHash === contentHash ? { status: 'unchanged', publication: current } : { status: 'refused', current };
  const history = new Map<string, HeldRelease[]>();
  for (const r of sorted) {
    const list = history.get(r.ocid) ?? [];
    list.push({ ocid: r.ocid, id: r.id, date: r.date, release: r.release as JsonObject, text: JSON.stringify(r.release) });
    history.set(r.ocid, list);
  }
  const processes = history.size;
  const result = await writePublication(store, {
    publisher, actor: input.actor, now, baseUrl: input.baseUrl, ...(input.revision !== undefined ? { revision: input.revision } : {}),
    ...(input.auditDetails !== undefined ? { auditDetails: input.auditDetails } : {}),
    current: undefined, history, changed: [...history.keys()], projects: [], published: new Map(), carried: new Map(),
    contentHash, derivedWith: derivation(input.baseUrl), declared: input.declared ?? {}, unchanged: false, phase: () => undefined, findings: [], action: 'publication.history',
    ...(input.extensions?.length ? { importedExtensions: input.extensions } : {}),
  });
  if (result.status !== 'published') throw new Error(`publishHistory: ${result.status}`);
  return { status: 'published', publication: result.publication, processes };
}
