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
import { findingGroups, keepFirstPerCell, mergeGroups, validate } from './validate';
import type { RawFinding } from './raw-finding';
import { VALIDATORS } from './validators';

export type PackageKind = 'release' | 'record' | 'project';

export interface PackageValidation { kind: PackageKind; count: number; findings: Finding[] }

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

/** The list of a release or project package that is validated item by item. */
export type ListKind = 'release' | 'project';
export const LIST_KEY: Readonly<Record<PackageKind, 'releases' | 'records' | 'projects'>> = { release: 'releases', record: 'records', project: 'projects' };

/**
 * The package's own fields only (its list replaced by one empty stand-in item, whose findings are dropped): each
 * item is checked on its own, by the profile's release or project schema and the program's rules.
 */
export function envelopeFindings(kind: ListKind, pkg: Record<string, unknown>): Finding[] {
  const [key, validator, standard] = kind === 'release' ? ['releases', VALIDATORS.releasePackage, 'ocds'] as const : ['projects', VALIDATORS.projectPackage, 'oc4ids'] as const;
  const meta = { ...pkg, [key]: [{}] };
  return validator(meta) ? [] : ownFindings(schemaFindings(validator.errors, meta, '', standard), `/${key}/0`);
}

/** The finding groups of `items`, a run of the package's list starting at index `first` (findingGroups). */
export function listChunkGroups(kind: ListKind, items: unknown[], first: number, settings: ValidateSettings = {}): RawFinding[][] {
  return findingGroups(kind === 'release' ? { releases: items } : { projects: items }, settings, first);
}

/** The package's findings: its own fields', then its list's, from the groups of consecutive chunks of the list. */
export function listPackageFindings(own: Finding[], chunks: RawFinding[][][]): Finding[] {
  return [...own, ...keepFirstPerCell(mergeGroups(chunks))];
}

/** undefined: not a package we know (no `releases`, `records` or `projects` list). */
export function validatePackage(json: unknown, settings: ValidateSettings = {}): PackageValidation | undefined {
  const kind = packageKind(json);
  if (!kind) return undefined;
  const pkg = json as Record<string, unknown>;
  if (kind !== 'record') {
    const items = pkg[LIST_KEY[kind]] as unknown[];
    return { kind, count: items.length, findings: listPackageFindings(envelopeFindings(kind, pkg), [listChunkGroups(kind, items, 0, settings)]) };
  }
  const records = pkg.records as unknown[];
  const own = VALIDATORS.recordPackage(pkg) ? [] : asFindings(schemaFindings(VALIDATORS.recordPackage.errors, pkg, '', 'ocds'));
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
