/**
 * The `Configuración` values that published packages carry, so that a workbook written from them (`import`)
 * converts back to the same packages instead of falling back to the template's defaults: publisher name,
 * licence and publication policy (package metadata), the ocid and project id prefixes (shared by every id),
 * the state (the buyer's / public authority's region, when they all agree) and the time zone — the one whose
 * UTC offsets reproduce every date in the data, since the sheets keep calendar dates and the zone gives the
 * offset back. A value the packages do not settle is left out (the template's default applies).
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';
import { formatList } from '../format/es-mx';
import { SETTINGS, type SettingKey } from '../template/settings';
import { DEFAULT_TIME_ZONE, offsetAt, utcOffset } from '../unflatten/time-zone';
import { canonicalState } from '../workflow/mexican-states';

const stateName = (region: string | undefined): string | undefined => (region === undefined ? undefined : canonicalState(region) ?? region);

/** Preferred first: the default, then the other Mexican zones of the table. */
const ZONES = [DEFAULT_TIME_ZONE, 'America/Cancun', 'America/Chihuahua', 'America/Mazatlan', 'America/Hermosillo', 'America/Tijuana', 'America/Ciudad_Juarez', 'America/Ojinaga', 'America/Matamoros'];

/** The one value all of `values` share, if any. */
function common(values: (string | undefined)[]): string | undefined {
  const set = new Set(values);
  return set.size === 1 ? [...set][0] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function regionOf(doc: unknown, role: string): string | undefined {
  const parties = isObject(doc) && Array.isArray(doc.parties) ? doc.parties : [];
  const party = parties.find((p) => isObject(p) && Array.isArray(p.roles) && p.roles.includes(role));
  return isObject(party) && isObject(party.address) ? text(party.address.region) : undefined;
}

/** Every ISO date-time with an offset in `value`, as [year, month, day, offset]. */
function datedOffsets(value: unknown, out: [number, number, number, number, string][]): void {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:\d{2})$/.exec(value);
    if (m) out.push([Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), m[5]]);
  } else if (Array.isArray(value)) for (const v of value) datedOffsets(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) datedOffsets(v, out);
}

/**
 * All that settingsFromPackages reads of a package: its metadata, without its releases, records or projects.
 * `import` keeps only this of each file it reads, so that the parsed package (as large as the documents, which
 * importDocuments copies) is freed before the workbook is written: 5,000 processes and 1,000 projects held it twice.
 */
export function packageMetadata(pkg: unknown): Record<string, unknown> | undefined {
  if (!isObject(pkg)) return undefined;
  const { publisher, license, publicationPolicy, packageInfo } = pkg;
  return { publisher, license, publicationPolicy, packageInfo };
}

interface ImportedDocuments { releases: readonly unknown[]; projects: readonly unknown[] }

/**
 * The package metadata the documents came with, in order: each package's own, then its `packageInfo`, then that of
 * each release. A bare release from datos.gob.mx's API carries its package's metadata in `packageInfo` (not OCDS):
 * the publisher's name was lost on import, and the workbook published under the template's placeholder name. So do
 * such releases gathered in a package or a list (whose own metadata, when it has any, comes first).
 */
function metadataOf(packages: readonly unknown[], documents: ImportedDocuments): Record<string, unknown>[] {
  const meta = packages.map(packageMetadata).filter(isObject).flatMap((p) => (isObject(p.packageInfo) ? [p, p.packageInfo] : [p]));
  for (const r of documents.releases) if (isObject(r) && isObject(r.packageInfo)) meta.push(r.packageInfo);
  return meta;
}

/** «A», «B» ni «C»: the names not used, after «no se usaron». */
const spanishNor = (items: string[]): string => formatList(items, 'ni');

/** The values given, each once, in the order first given. */
const distinct = (values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => v !== undefined))];

/** A setting's first value, which Configuración keeps, and the others, as the import's warnings name them. */
const keptAndOthers = ([kept, ...others]: string[]): { kept: string; count: number; others: string } => ({ kept, count: others.length, others: spanishNor(others.map((v) => `«${v}»`)) });

const publisherOf = (p: Record<string, unknown>): string | undefined => (isObject(p.publisher) ? text(p.publisher.name) : undefined);

/**
 * Configuración holds one publisher name, the first the packages give: when they name others (releases of several
 * publishers gathered in one import), the workbook would publish all of them under the first without a word.
 * Said as a warning naming the one kept and the ones not. One name is said too (info), with what the cell is for
 * (as its cell's note says, core/template/settings.ts PUBLISHER_NAME_USE): the packages' «CDMX-SEFIN» sat in Configuración, and nothing said that publication on the
 * platform uses the registered name instead.
 */
export function publisherNamesFinding(packages: readonly unknown[], documents: ImportedDocuments): Finding | undefined {
  const names = distinct(metadataOf(packages, documents).map(publisherOf));
  if (names.length === 1) return finding('import.publisher-name', 'info', { name: names[0], setting: SETTINGS.find((x) => x.key === 'publisherName')?.title ?? 'publisherName' });
  return names.length < 2 ? undefined : finding('import.publisher-names', 'warning', keptAndOthers(names));
}

/**
 * The licence and the publication policy likewise: Configuración keeps the first each package states, and a package
 * that states another (files of several publishers, or of one that changed its licence) would have its data
 * published under the first without a word. One warning per setting, naming it as Configuración does.
 */
export function packageTermsFindings(packages: readonly unknown[], documents: ImportedDocuments): Finding[] {
  const meta = metadataOf(packages, documents);
  const read: [SettingKey, (p: Record<string, unknown>) => string | undefined][] = [['licenseUrl', (p) => text(p.license)], ['publicationPolicyUrl', (p) => text(p.publicationPolicy)]];
  return read.flatMap(([key, of]) => {
    const values = distinct(meta.map(of));
    if (values.length < 2) return [];
    const setting = SETTINGS.find((x) => x.key === key)?.title ?? key;
    return [finding('import.package-terms', 'warning', { setting, ...keptAndOthers(values) })];
  });
}

/**
 * The licence and publication policy that published packages state, each only when every package stating one states
 * the same (otherwise no one of them is theirs): what `history` publishes with their releases for a publisher
 * registered without them. The releases were public under that licence, and their packages here said none.
 */
export function statedTerms(packages: readonly unknown[]): { license?: string; publicationPolicy?: string } {
  const meta = metadataOf(packages, { releases: [], projects: [] });
  const only = (read: (p: Record<string, unknown>) => string | undefined): string | undefined => {
    const values = distinct(meta.map(read));
    return values.length === 1 ? values[0] : undefined;
  };
  const license = only((p) => text(p.license));
  const publicationPolicy = only((p) => text(p.publicationPolicy));
  return { ...(license ? { license } : {}), ...(publicationPolicy ? { publicationPolicy } : {}) };
}

export function settingsFromPackages(packages: readonly unknown[], documents: ImportedDocuments): Partial<Record<SettingKey, string>> {
  const meta = metadataOf(packages, documents);
  const first = (read: (p: Record<string, unknown>) => string | undefined) => meta.map(read).find((v) => v !== undefined);
  const ocids = documents.releases.map((r) => (isObject(r) ? text(r.ocid) : undefined));
  const projectIds = documents.projects.map((p) => (isObject(p) ? text(p.id) : undefined));
  const prefix = (ids: (string | undefined)[], pattern: RegExp) => (ids.length ? common(ids.map((id) => (id ? pattern.exec(id)?.[1] : undefined))) : undefined);
  const regions = [...documents.releases.map((r) => regionOf(r, 'buyer')), ...documents.projects.map((p) => regionOf(p, 'publicAuthority'))];
  const dates: [number, number, number, number, string][] = [];
  datedOffsets([documents.releases, documents.projects], dates);
  // The offset of each date's hour (offsetAt): 23:59 of the day clocks went back in Tijuana is -08:00. Its midnight's
  // too, as earlier versions wrote every time of a day.
  const fits = (zone: string, [y, m, d, hh, offset]: [number, number, number, number, string]): boolean => offsetAt(zone, y, m, d, hh) === offset || utcOffset(zone, y, m, d) === offset;
  const timeZone = dates.length ? ZONES.find((zone) => dates.every((date) => fits(zone, date))) : undefined;
  const settings: Partial<Record<SettingKey, string>> = {
    // The first name; any other is reported (publisherNamesFinding).
    publisherName: first(publisherOf),
    // Blank, not the template's suggested license, when no package states one: import writes what was published.
    licenseUrl: first((p) => text(p.license)) ?? '',
    publicationPolicyUrl: first((p) => text(p.publicationPolicy)) ?? '',
    ocidPrefix: prefix(ocids, /^(ocds-[a-z0-9]{6})-/i),
    projectIdPrefix: prefix(projectIds, /^(oc4ids-[a-z0-9]{6})-/i),
    // As the platform names it: Ciudad de México's buyer writes its region «DF», which Configuración then showed as
    // the official's state, a name the registration and the dashboard do not use.
    state: stateName(regions.length ? common(regions) : undefined),
    timeZone,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}
