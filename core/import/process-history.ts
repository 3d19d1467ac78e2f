/**
 * One process per ocid. Servers that publish a release per stage (Ciudad de México's and the SHCP's, a file each;
 * release packages holding a process's whole history; records that embed their releases without a compiled one)
 * give the import several releases of one process. Each became its own row of «Contrataciones» with the same OCID,
 * and the conversion kept the first value of each field — the oldest release's: a tender «planned» and its first
 * amount, where the process had moved on. OCDS says how releases of one ocid make the process's current state: the
 * compiled release, by its merge rules, in date order («Merging»). So they are compiled here, once, and said.
 */
import { finding, type Finding } from '../findings/finding';
import { compileRelease } from '../merge/compile-release';
import { sortReleases } from '../merge/sort-releases';

type Obj = Record<string, unknown>;

/** The documents by `key`, in first-seen order. */
function grouped(docs: readonly Obj[], key: (doc: Obj) => string): Map<string, Obj[]> {
  const groups = new Map<string, Obj[]>();
  for (const doc of docs) {
    const k = key(doc);
    const list = groups.get(k);
    if (list) list.push(doc);
    else groups.set(k, [doc]);
  }
  return groups;
}

/** The later of `a` (a date, or '' for none yet) and `b`, when `b` is a date. */
const later = (a: string, b: unknown): string => (typeof b === 'string' && !Number.isNaN(Date.parse(b)) && (a === '' || Date.parse(b) > Date.parse(a)) ? b : a);

/**
 * `releases` with those of a repeated ocid compiled into one, where the first of them was (first-seen order kept);
 * one info finding when any was, naming the first such process and its dates, and how many there were.
 */
export function compileProcesses(releases: readonly Obj[], file?: string): { releases: Obj[]; findings: Finding[] } {
  const byOcid = grouped(releases, (r) => String(r.ocid));
  if (byOcid.size === releases.length) return { releases: [...releases], findings: [] };
  let processes = 0;
  let merged = 0;
  let example: { ocid: string; entries: number; first: string; last: string } | undefined;
  const out: Obj[] = [];
  for (const [ocid, list] of byOcid) {
    if (list.length === 1) { out.push(list[0]); continue; }
    processes++;
    merged += list.length;
    const dated = sortReleases(list).map((r) => r.date).filter((d): d is string => typeof d === 'string');
    example ??= { ocid, entries: list.length, first: dated[0] ?? '', last: dated[dated.length - 1] ?? '' };
    out.push(compileRelease(list));
  }
  const params: Finding['params'] = { count: processes, releases: merged, ...(example ?? {}) };
  if (file !== undefined) params.file = file;
  // Releases without dates (the schema asks for them) are merged in the order given, and the note names no dates.
  return { releases: out, findings: [finding(example?.first ? 'import.releases-compiled' : 'import.releases-compiled-undated', 'info', params)] };
}

/**
 * The releases a file published for its processes (a record's linked or embedded releases, a package's releases)
 * and the latest of their dates. The workbook carries each process's state, not its releases: their ids and dates
 * are not copied (the converter writes both anew), so publishing it starts each process's releases in this system
 * with one dated that day, and the official is told so — it was left unsaid.
 */
export class PublishedReleases {
  private count = 0;
  private latest = '';

  add(dates: readonly unknown[]): void {
    for (const date of dates) {
      this.count++;
      this.latest = later(this.latest, date);
    }
  }

  /** The note for `processes` processes imported from `file`; undefined when it published none. */
  finding(processes: number, file: string): Finding | undefined {
    if (!this.count || !processes) return undefined;
    const params = { count: processes, releases: this.count, file };
    return this.latest ? finding('import.releases-not-carried', 'info', { ...params, last: this.latest }) : finding('import.releases-not-carried-undated', 'info', params);
  }
}

/**
 * One project per id. A project published in versions (Nuevo León's ProjectRelease-…-v000001, -v000002) gave one
 * row of «Proyectos» per version and the conversion kept the first — the oldest version's title, status and amounts.
 * An OC4IDS project document is the whole project as of its `updated` (there is no merging of projects as there is
 * of releases), so the latest by `updated` is kept (the later one given, when they say the same or nothing), where
 * the first of them was; one info finding when any was left out.
 */
export function latestProjects(projects: readonly Obj[], file?: string): { projects: Obj[]; findings: Finding[] } {
  const byId = grouped(projects, (p) => String(p.id));
  if (byId.size === projects.length) return { projects: [...projects], findings: [] };
  const time = (p: Obj): number => (typeof p.updated === 'string' && !Number.isNaN(Date.parse(p.updated)) ? Date.parse(p.updated) : -Infinity);
  let repeated = 0;
  let versions = 0;
  let example: { id: string; entries: number; last: string } | undefined;
  const out: Obj[] = [];
  for (const [id, list] of byId) {
    if (list.length === 1) { out.push(list[0]); continue; }
    repeated++;
    versions += list.length;
    const latest = list.reduce((best, p) => (time(p) >= time(best) ? p : best));
    example ??= { id, entries: list.length, last: typeof latest.updated === 'string' ? latest.updated : '' };
    out.push(latest);
  }
  const params: Finding['params'] = { count: repeated, versions, ...(example ?? {}) };
  if (file !== undefined) params.file = file;
  return { projects: out, findings: [finding(example?.last ? 'import.project-versions' : 'import.project-versions-undated', 'info', params)] };
}

/**
 * The note for projects whose `updated` (when their project-level data last changed, OC4IDS) the workbook does not
 * carry: conversion stamps the day it runs, and the first publication shows that day as «Última actualización»
 * (publication keeps it while the project does not change). Undefined when none had one.
 */
export function updatedNotCarried(projects: readonly Obj[], file: string): Finding | undefined {
  const dates = projects.map((p) => p.updated).filter((d): d is string => later('', d) !== '');
  if (!dates.length) return undefined;
  return finding('import.updated-not-carried', 'info', { count: dates.length, last: dates.reduce(later, ''), file });
}

const NOT_CARRIED = new Set(['import.releases-not-carried', 'import.releases-not-carried-undated', 'import.updated-not-carried']);

/** Whether a finding is one of the notes of what the workbook does not carry (said once for all files: joinNotCarried). */
export const isNotCarriedNote = (f: Finding): boolean => NOT_CARRIED.has(f.code);

/**
 * The files' notes of what the workbook does not carry, as one of each kind for the whole workbook: a process
 * published a file per release gave one line per file, each saying «1 proceso». `processes` and `projects` are how
 * many the workbook holds once the files are joined (compileProcesses, latestProjects).
 */
export function joinNotCarried(notes: readonly Finding[], processes: number, projects: number): Finding[] {
  let releases = 0;
  let releasesLast = '';
  let updated = 0;
  let updatedLast = '';
  for (const f of notes) {
    if (f.code === 'import.updated-not-carried') { updated += Number(f.params.count); updatedLast = later(updatedLast, f.params.last); }
    else if (NOT_CARRIED.has(f.code)) { releases += Number(f.params.releases); releasesLast = later(releasesLast, f.params.last); }
  }
  const out: Finding[] = [];
  if (releases && processes) out.push(releasesLast ? finding('import.releases-not-carried', 'info', { count: processes, releases, last: releasesLast }) : finding('import.releases-not-carried-undated', 'info', { count: processes, releases }));
  if (updated && projects) out.push(finding('import.updated-not-carried', 'info', { count: Math.min(updated, projects), last: updatedLast }));
  return out;
}
