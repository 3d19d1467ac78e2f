import { finding, type Finding } from '../findings/finding';
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
 * Releases read from files of their own (the release package a record links: Nuevo León's
 * Release-ocds-7wj9x5-…-2020-v001-contract.json) under the process their record names (`processOf`: versioned ocid →
 * the process's, from the record's file). Imported apart, the same files `history` lays down as one record
 * (published-releases.ts) made two processes in the workbook, the versioned one a new record after the history.
 * One finding per file whose releases were moved.
 */
export function unversionAcrossFiles<T extends { ocid?: unknown }>(files: readonly { file: string; releases: T[] }[], processOf: ReadonlyMap<string, string>): Finding[] {
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
    if (example) findings.push(finding('import.ocid-versioned-file', 'info', { count, file, ...example }));
  }
  return findings;
}
