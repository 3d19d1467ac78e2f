/**
 * Import of already-published data (EDCA-MX release/record packages, EDCAPI project packages) into our documents,
 * upgrading what older Mexican publications carry. Each upgrade is reported as an info finding so the
 * official sees what changed before re-publishing:
 * - OCDS `tag` written as a string → array (release schema: tag is an array of releaseTag codes).
 * - OC4IDS `[lat, lng]` coordinates (INAI capture tool, rule R-52) → GeoJSON `[lng, lat]` (RFC 7946 §3.1.1),
 *   detected when the pair only makes sense swapped for a point in Mexico.
 * - OC4IDS `contractingProcesses[].nature` outside `summary` (0.9.0–0.9.2) → `summary.nature`, as an array.
 * - OC4IDS project status `completed` (capture tool) → `completion` (projectStatus 0.9.5).
 * - OC4IDS `contractingProcesses[].id` written as its release file's name (`Release-ocds-…`, Nuevo León) → the OCID
 *   (processOcid below), which OC4IDS asks for there, also as `summary.ocid`; the report names both ids.
 * - OC4IDS 0.9.0–0.9.4 `budget.budgetBreakdown` → 0.9.5 `budget.budgetBreakdowns[0].budgetBreakdown`.
 * - OCDS budget breakdowns' `budgetclassifications` and `url` → `budgetClassification` and `uri` (budget-upgrade).
 * - OCDS 1.0 payments' `amount`, `providerOrganization`, `receiverOrganization` → `value`, `payer`, `payee`
 *   (transaction-upgrade).
 * - The capture tool's `juridicalPersonhood` and `quotePeriod` → EDCA-MX's `legalPersonality` and `period` (renamed-fields).
 * - A field name written with other capitals (`submissionmethoddetails`, Ciudad de México) → the standard's (key-case).
 * - The capture tool's exchange rates that carry only a currency are left out (exchange-rates).
 * - A four-digit postal code of an address in Mexico («6720», Ciudad de México) → its lost leading zero back
 *   (postal-code-zero, in template-upgrade).
 * - An ocid whose prefix is in capitals (Ciudad de México's «OCDS-87SD3T-…») → the prefix in lower case, as the OCP
 *   registers it (`import.ocid-prefix-lowered`, once per file): the workbook's next release of the process and the
 *   history laid down by `history` (published-releases.ts, which lowers it too) are then one record, not two.
 * Record packages contribute their compiledRelease (or, without one, their embedded releases); the releases of one
 * ocid are compiled into one process by OCDS merge rules (process-history); a process whose
 * record and release give two ocids that differ by a version (Nuevo León) takes the one without it (unversionedOcid).
 * What the template has no column for is never dropped silently: one `import.dropped` warning per field, with the
 * number of values it loses (core/import/template-coverage).
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';
import { templateSpec } from '../template/template-spec';
import { columnOfField } from '../template/column-of-field';
import { sheetOfField } from '../template/sheet-of-field';
import { listFields } from './field-notes';
import { codeTitle } from '../checks/code-label';
import { droppedValues } from './template-coverage';
import { upgradeForTemplate, UpgradeTally } from './template-upgrade';
import { upgradeBudgetBreakdowns } from './budget-upgrade';
import { upgradeTransactions } from './transaction-upgrade';
import { renameFields } from './renamed-fields';
import { fixKeyCase } from './key-case';
import { dropCurrencyOnlyExchangeRates } from './exchange-rates';
import { compileProcesses, latestProjects, PublishedReleases, updatedNotCarried } from './process-history';
import { lowerOcidPrefix } from '../identifiers/lower-ocid-prefix';
import { unversionedOcid } from './unversioned-ocid';
import { failureFinding, isLinkedRelease, linkAt, linkDocument, releasesAtLink, type LinkedDocument } from './linked-releases';

type Obj = Record<string, unknown>;

/**
 * `versionedOcids`: the process a record gives each versioned release ocid it holds (Nuevo León's «…-2020-v001» →
 * «…-2020»), for that release read from another file (its own release package): unversionAcrossFiles.
 */
export interface ImportResult { releases: Obj[]; projects: Obj[]; findings: Finding[]; versionedOcids: Map<string, string> }

/** The notes about one cell's value (template-upgrade.ts), as opposed to those about items (merged parties, ids added). */
const CELL_NOTES = new Set(['import.number-as-text', 'import.line-breaks', 'import.empty-removed', 'import.trimmed', 'import.one-line', 'import.placeholder-date',
  'import.date-offset', 'import.url-encoded', 'import.code-normalized', 'import.code-not-in-list', 'import.repeat-removed', 'import.scheme-rfc', 'import.postal-code-zero']);
const inMexico = (lng: number, lat: number): boolean => lat >= 14 && lat <= 33 && lng >= -119 && lng <= -86;

function upgradeCoordinates(geometry: unknown, pointer: string, findings: Finding[]): void {
  if (!isObject(geometry) || !Array.isArray(geometry.coordinates)) return;
  const [a, b] = geometry.coordinates as unknown[];
  if (typeof a === 'number' && typeof b === 'number' && !inMexico(a, b) && inMexico(b, a)) {
    geometry.coordinates = [b, a];
    findings.push(finding('import.coordinates-swapped', 'info', { lat: a, lng: b }, { pointer: `${pointer}/coordinates` }));
  }
}

function upgradeRelease(release: Obj, pointer: string, findings: Finding[]): Obj {
  if (typeof release.tag === 'string') {
    findings.push(finding('import.tag-as-string', 'info', { value: release.tag }, { pointer: `${pointer}/tag` }));
    release.tag = [release.tag];
  }
  upgradeBudgetBreakdowns(release, pointer, findings);
  upgradeTransactions(release, pointer, findings);
  renameFields(release, pointer, findings);
  fixKeyCase(release, pointer, templateSpec(), findings);
  dropCurrencyOnlyExchangeRates(release, pointer, findings);
  return release;
}

/**
 * The OCID of a contracting process that a project names by its release file. Nuevo León's capture tool writes
 * `contractingProcesses[].id` as «Release-ocds-7wj9x5-LO-919009986-E14-2019»: its OCDS files are
 * `…/Release-ocds-7wj9x5-LO-919009986-E14-2019-v001-contract.json`, and the releases the entry lists have ids
 * «ocds-7wj9x5-LO-919009986-E14-2019-v001» (the ocid and a version). So the id is neither the ocid nor a release id
 * but the file's name without its version; OC4IDS 0.9.5 asks for the OCID in `id` when the process has one (and in
 * `summary.ocid`), and the dashboard and the OCDS data link a process to its project by it. The OCID is the id
 * without «Release-» when that is an ocid (`ocds-` and a 6-character prefix) and every release it lists has an id
 * that starts with it; otherwise undefined (the id is kept as published).
 */
function processOcid(cp: Obj): string | undefined {
  const m = typeof cp.id === 'string' ? /^Release-(ocds-[a-z0-9]{6}-.+)$/i.exec(cp.id) : null;
  if (!m) return undefined;
  const ocid = m[1];
  const releaseIds = (Array.isArray(cp.releases) ? cp.releases : []).map((r) => (isObject(r) ? r.id : undefined));
  return releaseIds.every((id) => typeof id === 'string' && (id === ocid || id.startsWith(`${ocid}-`))) ? ocid : undefined;
}

function upgradeProject(project: Obj, pointer: string, findings: Finding[], lowerOcid: (ocid: string) => string): Obj {
  if (project.status === 'completed') {
    project.status = 'completion';
    // Named as the drop-down names it (schemas/labels), in the column where the official will look for it: the note
    // said «Terminación», which no option of the list reads.
    const place = columnOfField(templateSpec(), 'oc4ids', 'status') ?? { sheet: 'Proyectos', column: 'status' };
    findings.push(finding('import.status-completed', 'info', { title: codeTitle('projectStatus', 'completion', 'oc4ids'), ...place }, { pointer: `${pointer}/status` }));
  }
  (Array.isArray(project.locations) ? project.locations : []).forEach((loc, i) => {
    if (isObject(loc)) upgradeCoordinates(loc.geometry, `${pointer}/locations/${i}/geometry`, findings);
  });
  (Array.isArray(project.contractingProcesses) ? project.contractingProcesses : []).forEach((cp, i) => {
    if (!isObject(cp)) return;
    const summary = isObject(cp.summary) ? cp.summary : (cp.summary = {} as Obj);
    const ocid = processOcid(cp);
    if (ocid) {
      findings.push(finding('import.process-id-ocid', 'info', { from: String(cp.id), to: ocid }, { pointer: `${pointer}/contractingProcesses/${i}/id` }));
      cp.id = ocid;
      if (summary.ocid === undefined) summary.ocid = ocid;
    }
    // The process's ocid as its releases come in (prefix in lower case), or the dashboard would not link them.
    if (typeof cp.id === 'string') cp.id = lowerOcid(cp.id);
    if (typeof summary.ocid === 'string') summary.ocid = lowerOcid(summary.ocid);
    if (cp.nature !== undefined) {
      if (summary.nature === undefined) summary.nature = cp.nature;
      delete cp.nature;
      // Said by the column it is now in: «summary.nature» is a name no official sees.
      findings.push(finding('import.nature-moved', 'info', { ...columnOfField(templateSpec(), 'oc4ids', 'contractingProcesses/summary/nature') }, { pointer: `${pointer}/contractingProcesses/${i}/summary/nature` }));
    }
    if (typeof summary.nature === 'string') summary.nature = [summary.nature];
    if (!Object.keys(summary).length) delete cp.summary;
  });
  const budget = project.budget;
  if (isObject(budget) && Array.isArray(budget.budgetBreakdown)) {
    budget.budgetBreakdowns = [{ id: '1', budgetBreakdown: budget.budgetBreakdown }];
    delete budget.budgetBreakdown;
    // Said by the sheet its lines are now in: «budgetBreakdowns» is a name no official sees.
    const lines = columnOfField(templateSpec(), 'oc4ids', 'budget/budgetBreakdowns/budgetBreakdown/id');
    findings.push(finding('import.budget-breakdowns', 'info', lines ? { sheet: lines.sheet } : {}, { pointer: `${pointer}/budget/budgetBreakdowns` }));
  }
  return project;
}

/** The releases a record links, from their documents in `linked`; what cannot be had is a finding (an error) at its link. */
function linkedReleases(releases: readonly unknown[], pointer: string, recordOcid: string, file: string, packageUri: unknown, linked: LinkedReleases, findings: Finding[]): (readonly [unknown, string])[] {
  const out: (readonly [unknown, string])[] = [];
  releases.forEach((r, k) => {
    if (!isLinkedRelease(r)) return;
    // A relative address, relative to the package's own (its `uri`), as releaseLinks found it.
    const link = linkAt(file, `${pointer}/releases/${k}`, recordOcid, r.url, packageUri);
    const doc = linked.documents.get(linkDocument(link.url));
    if (!doc) return;
    if ('failure' in doc) return void findings.push(failureFinding(link, doc.failure, linked.acceptMissing));
    const at = releasesAtLink(link, doc, linked.acceptMissing);
    if ('finding' in at) return void findings.push(at.finding);
    for (const x of at.releases) out.push([x.release, link.pointer] as const);
  });
  return out;
}

/**
 * The documents at a record's linked releases' addresses (keyed by linkDocument: cli/linked-documents.ts), and
 * whether those that cannot be had are left out (--aceptar-faltantes: a warning each) rather than errors.
 */
export interface LinkedReleases {
  documents: ReadonlyMap<string, LinkedDocument>;
  acceptMissing: boolean;
}

/**
 * Accepts any of the package shapes (or a bare release, project or array of them); never throws. A record with
 * neither a compiled release nor embedded ones takes its linked releases from `linked`, compiled like embedded ones.
 */
export function importDocuments(input: unknown, label: string, linked?: LinkedReleases): ImportResult {
  const result: ImportResult = { releases: [], projects: [], findings: [], versionedOcids: new Map() };
  const clone = (v: unknown): Obj => JSON.parse(JSON.stringify(v)) as Obj;
  const lowered = new Map<string, string>();
  // An ocid with its prefix in lower case, noted when that changed it (said once per file, below).
  const lowerOcid = (ocid: string): string => {
    const lower = lowerOcidPrefix(ocid);
    if (!lower || lower === ocid) return ocid;
    lowered.set(ocid, lower);
    return lower;
  };
  const addRelease = (r: unknown, pointer: string): void => {
    if (!isObject(r) || typeof r.ocid !== 'string') return void result.findings.push(finding('import.not-a-release', 'error', { file: label }, { pointer }));
    const release = upgradeRelease(clone(r), pointer, result.findings);
    // Before the releases of a process are compiled (below): «OCDS-87SD3T-…» and «ocds-87sd3t-…» are one process.
    release.ocid = lowerOcid(String(release.ocid));
    result.releases.push(release);
  };
  const addProject = (p: unknown, pointer: string): void => {
    if (isObject(p) && typeof p.id === 'string') result.projects.push(upgradeProject(clone(p), pointer, result.findings, lowerOcid));
    else result.findings.push(finding('import.not-a-project', 'error', { file: label }, { pointer }));
  };
  const published = new PublishedReleases();
  const items = Array.isArray(input) ? input : [input];
  items.forEach((doc, i) => {
    const base = Array.isArray(input) ? `/${i}` : '';
    if (!isObject(doc)) return void result.findings.push(finding('import.unknown-shape', 'error', { file: label }, { pointer: base || '/' }));
    if (Array.isArray(doc.releases) && !Array.isArray(doc.records)) doc.releases.forEach((r, j) => { published.add([isObject(r) ? r.date : undefined]); addRelease(r, `${base}/releases/${j}`); });
    else if (Array.isArray(doc.records)) {
      doc.records.forEach((rec, j) => {
        const pointer = `${base}/records/${j}`;
        if (!isObject(rec)) return void result.findings.push(finding('import.not-a-release', 'error', { file: label }, { pointer }));
        // Its compiled release, or else every release it embeds (compiled below with the rest: compileProcesses).
        const embedded = Array.isArray(rec.releases) ? rec.releases.map((r, k) => [r, `${pointer}/releases/${k}`] as const).filter(([r]) => isObject(r) && typeof r.ocid === 'string') : [];
        // Neither: the releases it links, from their documents (each named by its link's path in this file).
        const fetched = !isObject(rec.compiledRelease) && !embedded.length && linked && Array.isArray(rec.releases) ? linkedReleases(rec.releases, pointer, String(rec.ocid ?? ''), label, doc.uri, linked, result.findings) : [];
        const sources = isObject(rec.compiledRelease) ? [[rec.compiledRelease, `${pointer}/compiledRelease`] as const] : embedded.length ? embedded : fetched;
        if (!sources.length) return void result.findings.push(finding('import.record-without-data', 'warning', { ocid: String(rec.ocid ?? ''), file: label }, { pointer }));
        // The releases the record lists (linked or embedded), else its compiled release's.
        published.add(Array.isArray(rec.releases) && rec.releases.length ? rec.releases.map((r) => (isObject(r) ? r.date : undefined)) : [isObject(rec.compiledRelease) ? rec.compiledRelease.date : undefined]);
        for (const [r, at] of sources) {
          const before = result.releases.length;
          addRelease(r, at);
          const release = result.releases.length > before ? result.releases[before] : undefined;
          const ocid = release && unversionedOcid(rec.ocid, release.ocid);
          if (release && ocid) {
            result.findings.push(finding('import.ocid-versioned', 'info', { record: String(rec.ocid), release: String(release.ocid), to: ocid }, { pointer: `${at}/ocid` }));
            result.versionedOcids.set(String(release.ocid), ocid);
            release.ocid = ocid;
          }
        }
      });
    } else if (Array.isArray(doc.projects)) doc.projects.forEach((p, j) => addProject(p, `${base}/projects/${j}`));
    else if (typeof doc.ocid === 'string') { published.add([doc.date]); addRelease(doc, base || ''); }
    else if (typeof doc.id === 'string' && (doc.title !== undefined || doc.contractingProcesses !== undefined)) addProject(doc, base || '');
    else result.findings.push(finding('import.unknown-shape', 'error', { file: label }, { pointer: base || '/' }));
  });
  if (lowered.size) {
    const [from, to] = [...lowered][0];
    result.findings.push(finding('import.ocid-prefix-lowered', 'info', { count: lowered.size, from, to, file: label }));
  }
  const compiled = compileProcesses(result.releases, label);
  result.releases = compiled.releases;
  result.findings.push(...compiled.findings);
  const latest = latestProjects(result.projects, label);
  result.projects = latest.projects;
  result.findings.push(...latest.findings);
  const history = published.finding(result.releases.length, label);
  if (history) result.findings.push(history);
  const updated = updatedNotCarried(result.projects, label);
  if (updated) result.findings.push(updated);
  const spec = templateSpec();
  const notes: Finding[] = [];
  const dropped: Finding[] = [];
  const packageFields = new Set<string>();
  for (const [standard, docs] of [['ocds', result.releases], ['oc4ids', result.projects]] as const) {
    const tally = new UpgradeTally();
    for (const doc of docs) upgradeForTemplate(doc, standard, spec, tally);
    const values = droppedValues(docs, standard, spec);
    // Named by the sheet of their items and the rest of their path (sheet-of-field): no column has a Spanish title for
    // them, and `tender/tenderPeriod/durationInDays` alone told an official nothing of where it would have been.
    for (const [field, count] of values.dropped) dropped.push(finding('import.dropped', 'warning', { count, field, ...sheetOfField(spec, standard, field), file: label }));
    // Said apart: they come back when the process is published here, and are lost only when it is not.
    if (values.publication.size) {
      const count = [...values.publication.values()].reduce((a, b) => a + b, 0);
      const fields = listFields([...values.publication].map(([field, n]) => {
        const place = sheetOfField(spec, standard, field);
        return place ? { sheet: place.sheet, name: place.part, count: n, path: true } : { name: field, count: n, path: true };
      }));
      dropped.push(finding('import.publication-derived', 'info', { count, fields, file: label }));
    }
    for (const field of values.packageFields) packageFields.add(field);
    // What is left out is said once: a field's trimmed text or completed date was also reported, and then left out.
    // The rest are named by the sheet and column where the official will find them (the same field, `parties/name`,
    // is on «Actores» for a process and on «Actores del proyecto» for a project).
    for (const f of tally.findings(label)) {
      const field = String(f.params.field);
      if (values.dropped.has(field) || values.publication.has(field)) continue;
      const place = columnOfField(spec, standard, field);
      // A cell's text or date changed in a field no column holds: the workbook does not carry it (said above when a
      // value is lost), and the note named a JSON path, «contractingProcesses/releases/date», that no cell shows.
      if (!place && CELL_NOTES.has(f.code)) continue;
      notes.push(place ? { ...f, params: { ...f.params, ...place } } : f);
    }
  }
  result.findings.push(...notes, ...dropped);
  if (packageFields.size) result.findings.push(finding('import.package-metadata', 'info', { fields: [...packageFields].map((f) => `«${f}»`).join(', '), file: label }));
  return result;
}
