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
import { validate } from './validate';
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

/** undefined: not a package we know (no `releases`, `records` or `projects` list). */
export function validatePackage(json: unknown, settings: ValidateSettings = {}): PackageValidation | undefined {
  const kind = packageKind(json);
  if (!kind) return undefined;
  const pkg = json as Record<string, unknown>;
  if (kind === 'release') {
    const releases = pkg.releases as unknown[];
    // The package's own fields only (one empty stand-in release, whose findings are dropped): each release is
    // checked once, below, by the profile's release schema and the program's rules.
    const meta = { ...pkg, releases: [{}] };
    const own = VALIDATORS.releasePackage(meta) ? [] : ownFindings(schemaFindings(VALIDATORS.releasePackage.errors, meta, '', 'ocds'), '/releases/0');
    return { kind, count: releases.length, findings: [...own, ...validate({ releases }, undefined, settings)] };
  }
  if (kind === 'project') {
    const projects = pkg.projects as unknown[];
    const meta = { ...pkg, projects: [{}] };
    const own = VALIDATORS.projectPackage(meta) ? [] : ownFindings(schemaFindings(VALIDATORS.projectPackage.errors, meta, '', 'oc4ids'), '/projects/0');
    return { kind, count: projects.length, findings: [...own, ...validate({ projects }, undefined, settings)] };
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
