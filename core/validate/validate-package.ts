/**
 * `validate paquete.json` (issue 17 item 3): an already published package — release, record or OC4IDS project
 * package, from any publisher — checked by the same runner as a workbook, so the findings are the same model;
 * with no workbook behind them they carry a JSON pointer into the file instead of a cell.
 *   release package: the package's own fields, then each release (`/releases/i/…`);
 *   record package: the package and its records, then each record's compiled release (`/records/i/compiledRelease/…`);
 *   project package: the package's own fields, then each project (`/projects/i/…`).
 */
import type { Finding } from '../findings/finding';
import type { ValidateSettings } from '../checks/types';
import { schemaFindings } from './schema-findings';
import { validate, Validation } from './validate';
import { VALIDATORS } from './validators';

export type PackageKind = 'release' | 'record' | 'project';

export interface PackageValidation {
  kind: PackageKind;
  count: number;
  findings: Finding[];
  /** A lone release or project, not in a package (validateDocument): its pointers are into the document itself. */
  single?: boolean;
}

export function packageKind(json: unknown): PackageKind | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.releases)) return 'release';
  if (Array.isArray(o.records)) return 'record';
  if (Array.isArray(o.projects)) return 'project';
  return undefined;
}

const asFindings = (raw: ReturnType<typeof schemaFindings>): Finding[] => raw.map((f) => ({ code: f.code, severity: f.severity, pointer: f.pointer, params: f.params }));

const ownFindings = (raw: ReturnType<typeof schemaFindings>, standIn: string): Finding[] =>
  asFindings(raw.filter((f) => f.pointer !== standIn && !f.pointer.startsWith(`${standIn}/`)));

/** The list a release or project package carries. */
export type ListKind = Exclude<PackageKind, 'record'>;

export const LIST_KEY: Readonly<Record<ListKind, 'releases' | 'projects'>> = { release: 'releases', project: 'projects' };

/**
 * A release or project package checked item by item, as the CLI reads it (issue 17: each item is dropped once
 * checked): `add` each item of its list in order, then `finish` with the package's own fields (the package with its
 * list empty, or whole: the list itself is not read). validatePackage is this with the package in memory.
 */
export interface ListValidator {
  add(item: unknown): void;
  finish(envelope: Record<string, unknown>): PackageValidation;
}

export function listValidator(kind: ListKind, settings: ValidateSettings = {}): ListValidator {
  const key = LIST_KEY[kind];
  const validation = new Validation(settings);
  let count = 0;
  return {
    add: (item) => { validation.add(key, item, count++); },
    finish: (envelope) => {
      // The package's own fields only (one empty stand-in item, whose findings are dropped): each item was checked
      // once, by the profile's schema and the program's rules.
      const meta = { ...envelope, [key]: [{}] };
      const validator = kind === 'release' ? VALIDATORS.releasePackage : VALIDATORS.projectPackage;
      const own = validator(meta) ? [] : ownFindings(schemaFindings(validator.errors, meta, '', kind === 'release' ? 'ocds' : 'oc4ids'), `/${key}/0`);
      return { kind, count, findings: [...own, ...validation.findings()] };
    },
  };
}

/** Fields only an OC4IDS project has at its top level (a release has `ocid`). */
const PROJECT_FIELDS = ['contractingProcesses', 'sector', 'period', 'updated', 'locations', 'budget', 'publicAuthority', 'completion'];

/**
 * A release or project published on its own, outside a package (Mexican publishers post single releases and
 * `ProjectRelease-…` files; `import` reads them): checked as an item of its list, its pointers into the document.
 * undefined when it is neither.
 */
export function validateDocument(json: unknown, settings: ValidateSettings = {}): PackageValidation | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  const kind: ListKind | undefined = typeof o.ocid === 'string' ? 'release' : typeof o.id === 'string' && PROJECT_FIELDS.some((f) => f in o) ? 'project' : undefined;
  if (!kind) return undefined;
  const validation = new Validation(settings);
  validation.add(LIST_KEY[kind], json, 0);
  const own = `/${LIST_KEY[kind]}/0`;
  const findings = validation.findings().map((f) => ({ ...f, pointer: f.pointer?.startsWith(own) ? f.pointer.slice(own.length) : f.pointer }));
  return { kind, count: 1, findings, single: true };
}

/** undefined: not a package we know (no `releases`, `records` or `projects` list). */
export function validatePackage(json: unknown, settings: ValidateSettings = {}): PackageValidation | undefined {
  const kind = packageKind(json);
  if (!kind) return undefined;
  const pkg = json as Record<string, unknown>;
  if (kind !== 'record') {
    const items = listValidator(kind, settings);
    for (const item of pkg[LIST_KEY[kind]] as unknown[]) items.add(item);
    return items.finish(pkg);
  }
  const records = pkg.records as unknown[];
  // The package's and its records' own fields: what the package schema says of a compiled release, the release's own
  // check below says too (the same error was listed twice).
  const own = VALIDATORS.recordPackage(pkg) ? [] : asFindings(schemaFindings(VALIDATORS.recordPackage.errors, pkg, '', 'ocds')
    .filter((f) => !/^\/records\/\d+\/compiledRelease(\/|$)/.test(f.pointer)));
  // Each record's compiled release is a release like any other; its pointers are moved under its record.
  const at: number[] = [];
  const compiled: unknown[] = [];
  records.forEach((r, i) => {
    const c = typeof r === 'object' && r !== null ? (r as Record<string, unknown>).compiledRelease : undefined;
    if (c !== undefined) { at.push(i); compiled.push(c); }
  });
  const moved = validate({ releases: compiled }, undefined, settings).map((f) => ({
    ...f, pointer: (f.pointer ?? '').replace(/^\/releases\/(\d+)/, (_m, i: string) => `/records/${at[Number(i)]}/compiledRelease`),
  }));
  return { kind, count: records.length, findings: [...own, ...moved] };
}
