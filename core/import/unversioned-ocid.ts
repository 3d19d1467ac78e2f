import { finding, type Finding } from '../findings/finding';
import { isObject as isObj } from '../json/json-values';
import './import-messages';

/**
 * The OCID of a process whose record package gives two, neither right. Nuevo León's record's ocid is
 * «ocds-7wj9x5-SINL-CPE-021-2018001» and its compiled release's «ocds-7wj9x5-SINL-CPE-021-2018-v001»: the ocid with
 * the release's version (its files are …/SINL-CPE-021-2018/v001/Release-ocds-7wj9x5-SINL-CPE-021-2018-v001-…json),
 * and the record's the same with «-v» lost. An ocid names the process in all its versions (OCDS), and the same
 * publisher's projects name it without the version (upgrade.ts, processOcid): the OCID is the part both share.
 * Undefined when the two agree, or differ otherwise. Used by the import (upgrade.ts) and to check that a record's
 * linked release is of that record (linked-releases.ts).
 */
export function unversionedOcid(recordOcid: unknown, releaseOcid: unknown): string | undefined {
  if (typeof recordOcid !== 'string' || typeof releaseOcid !== 'string' || recordOcid === releaseOcid) return undefined;
  const m = /^(ocds-[a-z0-9]{6}-.+)-v(\d+)$/i.exec(releaseOcid);
  // The prefix's case aside (the import writes it in lower case: lowerOcidPrefix).
  return m && recordOcid.toLowerCase() === `${m[1]}${m[2]}`.toLowerCase() ? m[1] : undefined;
}

/**
 * The process each versioned release ocid belongs to, as the publisher's own OC4IDS projects say it: Nuevo León's
 * project names a process «Release-ocds-7wj9x5-LO-919009986-E14-2019» and lists its release as
 * «ocds-7wj9x5-LO-919009986-E14-2019-v001» (ProjectRelease-oc4ids-gx3fo2-000005-v000002.json). That ocid is the
 * process's with «-v» and digits added; its release package, given without its record, is then that process's.
 * The ocid alone is not enough: a process may really be named «…-v1» (a second call), and taking the version off
 * would join two processes in one record, which a history published once could not undo. `documents`: the parsed
 * files; anything not a project is passed over. Versioned ocid → process, both as published.
 */
export function versionsNamedByProjects(documents: readonly unknown[]): Map<string, string> {
  const processOf = new Map<string, string>();
  const projects = documents.flatMap((doc) => (isObj(doc) && Array.isArray(doc.projects) ? doc.projects : isObj(doc) && Array.isArray(doc.contractingProcesses) ? [doc] : []));
  for (const project of projects) {
    for (const cp of isObj(project) && Array.isArray(project.contractingProcesses) ? project.contractingProcesses : []) {
      if (!isObj(cp) || typeof cp.id !== 'string') continue;
      // The process's ocid: the id itself, or without «Release-» as Nuevo León writes it (upgrade.ts, processOcid).
      const ocid = cp.id.replace(/^Release-/i, '');
      if (!/^ocds-[a-z0-9]{6}-./i.test(ocid)) continue;
      for (const release of Array.isArray(cp.releases) ? cp.releases : []) {
        const id = isObj(release) ? release.id : undefined;
        if (typeof id === 'string' && id.startsWith(`${ocid}-`) && /^v\d+$/i.test(id.slice(ocid.length + 1))) processOf.set(id, ocid);
      }
    }
  }
  return processOf;
}

/**
 * Releases read from files of their own (the release package a record links: Nuevo León's
 * Release-ocds-7wj9x5-…-2020-v001-contract.json) under the process their record names (`processOf`: versioned ocid →
 * the process's, from the record's file). Imported apart, the same files `history` lays down as one record
 * (published-releases.ts) made two processes in the workbook, the versioned one a new record after the history.
 * One finding per file whose releases were moved; `by`: what named the process, a record or a project
 * (versionsNamedByProjects).
 */
export function unversionAcrossFiles<T extends { ocid?: unknown }>(files: readonly { file: string; releases: T[] }[], processOf: ReadonlyMap<string, string>, by: 'record' | 'project' = 'record'): Finding[] {
  const findings: Finding[] = [];
  if (!processOf.size) return findings;
  for (const { file, releases } of files) {
    let count = 0;
    let example: { from: string; to: string } | undefined;
    for (const release of releases) {
      const to = typeof release.ocid === 'string' ? processOf.get(release.ocid) : undefined;
      if (to === undefined) continue;
      example ??= { from: String(release.ocid), to };
      release.ocid = to;
      count++;
    }
    if (example) findings.push(finding(by === 'record' ? 'import.ocid-versioned-file' : 'import.ocid-versioned-project', 'info', { count, file, ...example }));
  }
  return findings;
}
