/**
 * Builds the EDCA-MX (OCDS release + Mexican extensions) and EDCAPI (OC4IDS project) profiles from the
 * official files in ../shared/standards. Output is structure only: paths, types, required, codelists, merge rules.
 * Prose (titles, descriptions) is stripped: our Spanish labels live in schemas/labels.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from './lib/csv';
import { mergePatch } from './lib/merge-patch';
import type { Codelist, FieldInfo, FieldTitles, Profile } from '../core/profile/types';
import { declaredCodes, OWN_EXTENSION_CODELISTS, ownCodelistName } from '../core/profile/own-extension-codelists';
import { codelistCsv, codelistRows } from '../core/profile/codelist-csv';

type Json = Record<string, unknown>;

/** The extensions EDCA-MX publishers declare (INAI capture tool), plus the project link (see standards README). */
/** Extensions EDCAPI applies to OC4IDS, and which of their definitions (see buildProfileFiles). */
export const EDCAPI_EXTENSIONS = ['ocds_budgetLines_extension'];
export const EDCAPI_EXTENSION_DEFINITIONS = ['BudgetBreakdown', 'BudgetLine', 'Component', 'Measure'];

export const EDCA_MX_EXTENSIONS = [
  'ocds_requestForQuotes_extension', 'ocds_clarificationMeetings_extension', 'ocds_paymentMethod_extension',
  'ocds_taxes_extension', 'ocds_publicNotices_extension', 'ocds_implementationStatus_extension',
  'ocds_awardRationale_extension', 'ocds_nameBreakdown_extension', 'ocds_surveillanceMechanisms_extension',
  'ocds_extendedProcurementCategory_extension', 'ocds_contactPointType_extension', 'ocds_budgetLines_extension',
  'ocds_guarantees_extension', 'ocds_procurementUnits_extension', 'ocds_location_extension',
  'ocds_exchangeRate_extension', 'ocds_additionalContactPoints_extension', 'ocds_memberOf_extension',
  'ocds_budget_breakdown_extension', 'ocds_project_extension',
];

/**
 * Our own declared extension of EDCA-MX (schemas/extensions/edca-mx-budget): budget breakdown `origin` and
 * `fundType` (rules.md R-34; the capture tool's contratacionesabiertas extension was never published) and the
 * Federal Public Administration's `budgetClassification` with its measures; `edca-mx-document-section`: the
 * document `x_section` Nuevo León publishes. Applied after EDCA_MX_EXTENSIONS.
 */
export const EDCA_MX_OWN_EXTENSIONS = ['edca-mx-budget', 'edca-mx-document-section'];
const OWN_EXTENSIONS_DIR = path.join(__dirname, '..', 'schemas', 'extensions');

/** EDCA-MX values of tender.procurementMethodDetails and the OCDS method each implies (LOPSRM art. 27). */
export const PROCUREMENT_METHOD_DETAILS: Record<string, string> = {
  'Licitación pública': 'open',
  'Invitación a cuando menos tres personas': 'selective',
  'Adjudicación directa': 'direct',
};

/**
 * The parts of the Mexican clave presupuestaria a budget line's `components[].name` names (rules.md R-35): INAI's
 * capture tool writes them from its own inputs (Año, Clave de ramo…), in this order of levels — EDCAPI from `cycle` to
 * `portfolioKey`, EDCA-MX from `branch` to `region`, with its `strategicObjective`, `requestingUnit` and
 * `specificActivity`. The budgetLines extension names a list for them that it does not publish, so the field has
 * no codelist in the schema: without this list the template offered no choice, and an official who wrote «Ramo» or
 * «Objeto del gasto» published a name no reader (nor the dashboard's partida) recognises. Open: other publishers'
 * keys have other parts, which are warned, not refused.
 */
export const BUDGET_LINE_COMPONENTS = [
  'cycle', 'branch', 'responsibleUnit', 'finality', 'function', 'subFunction', 'institutionalActivity', 'budgetProgram',
  'strategicObjective', 'requestingUnit', 'specificActivity', 'spendingObject', 'spendingType', 'budgetSource', 'region',
  'portfolioKey',
];

/** Item classification schemes Mexican procurement uses that OCDS's open list lacks (see buildProfileFiles). */
export const MX_ITEM_SCHEMES = ['COG'];

const PROSE_KEYS = new Set(['title', 'description', 'deprecated']);

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

/** Removes English prose so the committed schema carries structure only. */
export function stripProse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripProse);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    // `title`/`description` are prose unless they name a property (inside `properties`).
    if (PROSE_KEYS.has(key) && (typeof value === 'string' || (key === 'deprecated' && typeof value === 'object'))) continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, stripProse(v)])) : stripProse(value);
  }
  return out;
}

function codesFromCsv(file: string): string[] {
  return parseCsv(fs.readFileSync(file, 'utf8')).map((r) => r.Code ?? r.code ?? '').filter((c) => c !== '');
}

function loadCodelists(dirs: string[]): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.csv')) continue;
      const codes = codesFromCsv(path.join(dir, name));
      const base = name.replace(/^[+-]/, '').replace(/\.csv$/, '');
      if (name.startsWith('+')) lists[base] = [...(lists[base] ?? []), ...codes.filter((c) => !(lists[base] ?? []).includes(c))];
      else if (name.startsWith('-')) lists[base] = (lists[base] ?? []).filter((c) => !codes.includes(c));
      else lists[base] = codes;
    }
  }
  return lists;
}

function resolve(schema: Json, node: Json, seen: Set<string>): { node: Json; ref?: string } {
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    const name = ref.slice('#/definitions/'.length);
    const target = (schema.definitions as Json)[name] as Json;
    return { node: { ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) }, ref: name };
  }
  void seen;
  return { node };
}

/**
 * Schema `codelist` values name a file, sometimes with the extension's +/- prefix; those of our own extensions are
 * the profile's `mx/` lists (core/profile/own-extension-codelists.ts).
 */
const codelistName = (file: string): string => ownCodelistName(file) ?? file.replace(/^[+-]/, '').replace(/\.csv$/, '');

/** Every `codelist` a schema (or patch) names, in document order. */
function namedCodelists(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => namedCodelists(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === 'codelist' && typeof value === 'string') out.push(value);
      else namedCodelists(value, out);
    }
  }
  return out;
}

/**
 * Our own extensions as published (OCDS extension format): `extension.json` with the `codelists` it declares, and
 * each list as `codelists/{file}` with our Spanish titles and descriptions, from the codes of the profile just
 * built — the same derivation the templates and validation use. A field naming a list its extension does not
 * declare, or a code without Spanish title or description, stops the generation: outside tools would find nothing.
 */
function ownExtensionFiles(ocds: Profile): GeneratedFiles {
  const files: GeneratedFiles = {};
  for (const ext of EDCA_MX_OWN_EXTENSIONS) {
    const dir = path.join(OWN_EXTENSIONS_DIR, ext);
    const declared = OWN_EXTENSION_CODELISTS[ext] ?? {};
    for (const file of namedCodelists(readJson(path.join(dir, 'release-schema.json')))) {
      if (!Object.prototype.hasOwnProperty.call(declared, file)) throw new Error(`schemas/extensions/${ext}: a field names codelist ${file}, not declared in core/profile/own-extension-codelists.ts`);
    }
    const { codelists: _previous, ...extension } = readJson(path.join(dir, 'extension.json'));
    void _previous;
    const csvFiles = Object.keys(declared);
    files[`schemas/extensions/${ext}/extension.json`] = stringify(csvFiles.length ? { ...extension, codelists: csvFiles } : extension);
    for (const [file, list] of Object.entries(declared)) {
      const codes = declaredCodes(file, ocds.codelists[list]);
      if (!codes?.length) throw new Error(`schemas/extensions/${ext}: codelist ${file} (${list}) is not in the profile, or adds no code to it`);
      const rows = codelistRows(list, codes);
      const bare = rows.find((r) => !r.title || !r.description);
      if (bare) throw new Error(`${list}: code ${bare.code} has no Spanish title or description (schemas/labels/codes-ocds.json, code-descriptions-ocds.json)`);
      files[`schemas/extensions/${ext}/codelists/${file}`] = codelistCsv(rows);
    }
  }
  return files;
}

function typesOf(node: Json): string[] {
  const t = node.type;
  const list = Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : node.properties ? ['object'] : [];
  return list.filter((x) => x !== 'null');
}

/**
 * The standards' title and name fields (a process's, contract's, project's or document's `title`; an organization's
 * `name` and `legalName`): one line each, as the dashboard and the API show them. Other free text (descriptions,
 * rationales) may hold paragraphs.
 */
const SINGLE_LINE_NAMES = new Set(['title', 'name', 'legalName']);
function isSingleLine(path: string, info: FieldInfo): boolean {
  return SINGLE_LINE_NAMES.has(path.slice(path.lastIndexOf('/') + 1)) && info.types.length === 1 && info.types[0] === 'string'
    && info.codelist === undefined && info.format === undefined;
}

/** Walks the schema and records every path (unindexed) with its structural facts. */
function walk(schema: Json, node: Json, prefix: string, required: boolean, fields: Record<string, FieldInfo>, stack: string[], titles?: Record<string, string>): void {
  const { node: n, ref } = resolve(schema, node, new Set());
  if (ref && stack.includes(ref)) return; // recursive definitions (e.g. nested Organization references)
  const nextStack = ref ? [...stack, ref] : stack;
  if (prefix && titles && typeof n.title === 'string') titles[prefix] = n.title;
  if (prefix) {
    const info: FieldInfo = { types: typesOf(n) };
    if (typeof n.format === 'string') info.format = n.format;
    if (typeof n.pattern === 'string') info.pattern = n.pattern;
    if (required) info.required = true;
    if (typeof n.codelist === 'string') { info.codelist = codelistName(n.codelist); info.openCodelist = n.openCodelist === true; }
    if (n.wholeListMerge === true) info.wholeListMerge = true;
    if (n.omitWhenMerged === true) info.omitWhenMerged = true;
    if (typeof n.minimum === 'number') info.minimum = n.minimum;
    if (typeof n.minLength === 'number') info.minLength = n.minLength;
    if (isSingleLine(prefix, info)) info.singleLine = true;
    if (info.types.includes('array') && n.items) {
      const items = resolve(schema, n.items as Json, new Set()).node;
      info.items = typesOf(items)[0] ?? 'object';
      if (typeof items.codelist === 'string') { info.codelist = codelistName(items.codelist); info.openCodelist = items.openCodelist === true; }
      if (typeof items.pattern === 'string') info.pattern = items.pattern;
    }
    fields[prefix] = info;
  }
  let objectNode = n;
  if (typesOf(n).includes('array') && n.items) objectNode = resolve(schema, n.items as Json, new Set()).node;
  const itemsRef = n.items && typeof (n.items as Json).$ref === 'string' ? ((n.items as Json).$ref as string).replace('#/definitions/', '') : undefined;
  if (itemsRef && nextStack.includes(itemsRef)) return;
  const props = objectNode.properties as Json | undefined;
  if (!props) return;
  const req = new Set(Array.isArray(objectNode.required) ? (objectNode.required as string[]) : []);
  for (const key of Object.keys(props).sort()) {
    walk(schema, props[key] as Json, prefix ? `${prefix}/${key}` : key, req.has(key), fields, itemsRef ? [...nextStack, itemsRef] : nextStack, titles);
  }
}

function buildProfile(standard: Profile['standard'], version: string, schema: Json, codes: Record<string, string[]>, extra: Record<string, Codelist>): Profile {
  const fields: Record<string, FieldInfo> = {};
  walk(schema, schema, '', false, fields, []);
  const codelists: Record<string, Codelist> = {};
  for (const info of Object.values(fields)) {
    if (!info.codelist || codelists[info.codelist]) continue;
    const list = codes[info.codelist];
    if (!list) throw new Error(`Codelist ${info.codelist} not found`);
    codelists[info.codelist] = { open: info.openCodelist === true, codes: list };
  }
  return { standard, version, fields, codelists: { ...codelists, ...extra } };
}

/**
 * The schema's English titles by path: flatten-tool (and so OCP's Data Review Tool) reads headers written as titles
 * joined by `:` (`Tender:Items to be procured:1:Quantity`). Only the short titles, never descriptions.
 */
function fieldTitles(schema: Json): FieldTitles {
  const titles: Record<string, string> = {};
  walk(schema, schema, '', false, {}, [], titles);
  // As a tree (a field: its title, or [title, its fields]) so each path segment is written once.
  const paths = Object.keys(titles).sort();
  const build = (prefix: string): FieldTitles => {
    const out: FieldTitles = {};
    const start = prefix ? `${prefix}/` : '';
    for (const path of paths) {
      if (!path.startsWith(start) || path.indexOf('/', start.length) >= 0) continue;
      const below = build(path);
      out[path.slice(start.length)] = Object.keys(below).length ? [titles[path], below] : titles[path];
    }
    return out;
  };
  return build('');
}

/**
 * The types of budget classification (`budgetClassification[].classification`: financialSource, Administrative,
 * Economic…) that Mexican publishers use, in the order of the levels they head. No extension or catalogue defines
 * them: the Federal Public Administration's publications do (its sample among the real Mexican publications), so the
 * list is open — a type it has not published yet is warned, not refused.
 */
export function budgetClassificationTypes(realDir: string): string[] {
  const found: { code: string; level: number }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === 'budgetClassification' && Array.isArray(value)) {
        for (const level of value as Json[]) {
          const code = typeof level?.classification === 'string' ? level.classification.trim() : '';
          if (code && !found.some((f) => f.code === code)) found.push({ code, level: typeof level.levelId === 'number' ? level.levelId : Infinity });
        }
      } else visit(value);
    }
  };
  for (const name of fs.readdirSync(realDir).filter((f) => f.endsWith('.json')).sort()) visit(readJson(path.join(realDir, name)));
  if (!found.length) throw new Error(`No budget classification types in ${realDir}`);
  return found.sort((a, b) => a.level - b.level).map((f) => f.code);
}

export interface GeneratedFiles { [relativePath: string]: string }

const stringify = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

export function buildProfileFiles(standardsDir: string): GeneratedFiles {
  const ocdsDir = path.join(standardsDir, 'ocds-1.1.5');
  const oc4idsDir = path.join(standardsDir, 'oc4ids-0.9.5');
  const extDir = path.join(standardsDir, 'extensions');

  let release: unknown = readJson(path.join(ocdsDir, 'release-schema.json'));
  for (const ext of EDCA_MX_EXTENSIONS) {
    const patchFile = path.join(extDir, ext, 'release-schema.json');
    if (fs.existsSync(patchFile)) release = mergePatch(release, readJson(patchFile));
  }
  for (const ext of EDCA_MX_OWN_EXTENSIONS) release = mergePatch(release, readJson(path.join(OWN_EXTENSIONS_DIR, ext, 'release-schema.json')));
  const ocdsCodes = loadCodelists([path.join(ocdsDir, 'codelists'), ...EDCA_MX_EXTENSIONS.map((e) => path.join(extDir, e, 'codelists'))]);
  // EDCA-MX adds Mexican document types (stage-specific) to the open documentType codelist.
  const mxDocs = parseCsv(fs.readFileSync(path.join(standardsDir, 'edca-mx', 'capture-tool-catalog-documenttype.csv'), 'utf8'));
  const mxDocumentTypes = [...new Set(mxDocs.map((r) => r.code).filter((c) => c && !ocdsCodes.documentType.includes(c)))];
  ocdsCodes.documentType = [...ocdsCodes.documentType, ...mxDocumentTypes];
  // INAI's capture tool classifies items by CUCoP (on the list) or by the partida of CONAC's Clasificador por
  // Objeto del Gasto, which no code of the open itemClassificationScheme list names: an official's COG item was off the list.
  ocdsCodes.itemClassificationScheme = [...ocdsCodes.itemClassificationScheme, ...MX_ITEM_SCHEMES.filter((c) => !ocdsCodes.itemClassificationScheme.includes(c))];
  const budgetMoments = codesFromCsv(path.join(standardsDir, 'edca-mx', 'capture-tool-edcapi-edcapi_cat_budget_moment_type.csv'));
  // EDCA-MX budget lines also publish the "reserved" moment (rules.md R-35: OCDS measures are approved, modified,
  // executed, committed, reserved); the EDCAPI catalogue has no such row.
  const ocdsMoments = budgetMoments.includes('reserved') ? budgetMoments : [...budgetMoments, 'reserved'];
  // the capture tool's list of origins (edca_cat_origin) — its values are what the tool emitted, in Spanish.
  const origins = parseCsv(fs.readFileSync(path.join(standardsDir, 'edca-mx', 'capture-tool-edcapi-edca_cat_origin.csv'), 'utf8')).map((r) => (r.value ?? '').trim()).filter((v) => v !== '');
  ocdsCodes['mx/budgetOrigin'] = origins;
  ocdsCodes['mx/budgetClassificationType'] = budgetClassificationTypes(path.join(standardsDir, 'examples', 'real-mx'));
  const mxLists: Record<string, Codelist> = {
    'mx/budgetMoment': { open: false, codes: ocdsMoments },
    'mx/procurementMethodDetails': { open: false, codes: Object.keys(PROCUREMENT_METHOD_DETAILS) },
    'mx/budgetLineComponent': { open: true, codes: BUDGET_LINE_COMPONENTS },
  };
  const documentStages: Record<string, number[]> = {};
  for (const r of mxDocs) if (r.code) documentStages[r.code] = [...(documentStages[r.code] ?? []), Number(r.stage)];

  // EDCAPI extends OC4IDS with the budget lines it publishes (rules.md: the clave presupuestaria's
  // components and the momentos contables): the OCDS budgetLines extension's structures, put on OC4IDS's own
  // BudgetBreakdown (same definition names). Only those definitions are taken; OCDS's Planning/Implementation are not.
  let project: unknown = readJson(path.join(oc4idsDir, 'project-schema.json'));
  for (const ext of EDCAPI_EXTENSIONS) {
    const patch = readJson(path.join(extDir, ext, 'release-schema.json')) as { definitions: Record<string, unknown> };
    const definitions = Object.fromEntries(Object.entries(patch.definitions).filter(([name]) => EDCAPI_EXTENSION_DEFINITIONS.includes(name)));
    project = mergePatch(project, { definitions });
  }
  const oc4idsCodes = loadCodelists([path.join(oc4idsDir, 'codelists')]);
  // EDCAPI adds its own document types (the capture tool's edcapi_cat_document_type: projectPlanUpdate,
  // progressionReport…) to OC4IDS's open documentType codelist, as EDCA-MX does for OCDS: real EDCAPI publications
  // use them, and they were warned as off the list.
  const edcapiDocs = codesFromCsv(path.join(standardsDir, 'edca-mx', 'capture-tool-edcapi-edcapi_cat_document_type.csv'));
  oc4idsCodes.documentType = [...oc4idsCodes.documentType, ...edcapiDocs.filter((c) => !oc4idsCodes.documentType.includes(c))];

  const ocds = buildProfile('ocds', '1.1.5', release as Json, ocdsCodes, mxLists);
  // Which of them are the program's, for its extension's +documentType.csv (core/profile/own-extension-codelists.ts).
  ocds.codelists.documentType = { ...ocds.codelists.documentType, added: mxDocumentTypes };
  const oc4ids = buildProfile('oc4ids', '0.9.5', project as Json, oc4idsCodes, { 'mx/budgetMoment': { open: false, codes: budgetMoments }, 'mx/budgetLineComponent': { open: true, codes: BUDGET_LINE_COMPONENTS } });

  return {
    ...ownExtensionFiles(ocds),
    'schemas/profile-ocds.json': stringify(ocds),
    'schemas/profile-oc4ids.json': stringify(oc4ids),
    'schemas/edca-mx-release-schema.json': stringify(stripProse(release)),
    'schemas/edcapi-project-schema.json': stringify(stripProse(project as Json)),
    'schemas/mx-document-stages.json': stringify(documentStages),
    // One line: a generated lookup, never edited or reviewed by hand.
    'schemas/field-titles-en.json': `${JSON.stringify({ ocds: fieldTitles(release as Json), oc4ids: fieldTitles(project as Json) })}\n`,
    'schemas/manifest.json': stringify({
      // `extensions` are the published ones packages declare by URL (core/packages/extensions.ts); the program's own
      // (schemas/extensions) have no published URL yet, so they are listed apart.
      edcaMx: { base: 'OCDS 1.1.5 release schema', extensions: EDCA_MX_EXTENSIONS, programExtensions: EDCA_MX_OWN_EXTENSIONS.map((e) => `schemas/extensions/${e}`) },
      edcapi: { base: 'OC4IDS 0.9.5 project schema', extensions: EDCAPI_EXTENSIONS.map((e) => `${e} (${EDCAPI_EXTENSION_DEFINITIONS.join(', ')})`) },
      mexicanLists: ['documentType (capture tool catalogues, EDCA-MX and EDCAPI)', 'itemClassificationScheme + COG (capture tool)', 'mx/budgetClassificationType (Federal Public Administration publications)', 'mx/budgetLineComponent (parts of the clave presupuestaria)', 'mx/budgetMoment', 'mx/budgetOrigin', 'mx/procurementMethodDetails'],
    }),
  };
}
