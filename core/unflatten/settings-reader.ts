/**
 * Publisher settings from the `Configuración` sheet (core/template/settings.ts): from row 2, column A the title,
 * B the value, C the setting key. The key wins; a row without key is matched by its title.
 */
import { finding, type Finding } from '../findings/finding';
import { SETTINGS, SETTINGS_SHEET, type SettingKey } from '../template/settings';
import type { SheetModel } from '../workbook/model';
import { cleanCell, CellProblem } from './clean-cell';
import { normalizeLabel } from './normalize-label';
import { DEFAULT_TIME_ZONE, timeZoneNamed } from './time-zone';

export type PublisherSettings = Record<SettingKey, string>;

/** A package's `license` and `publicationPolicy` (OCDS/OC4IDS package metadata), each only when stated. */
export interface PackageTerms { license?: string; publicationPolicy?: string }

/** The package terms Configuración states (its licence and policy cells; blank ones say nothing). */
export function packageTermsOf(settings: Pick<PublisherSettings, 'licenseUrl' | 'publicationPolicyUrl'>): PackageTerms {
  return {
    ...(settings.licenseUrl ? { license: settings.licenseUrl } : {}),
    ...(settings.publicationPolicyUrl ? { publicationPolicy: settings.publicationPolicyUrl } : {}),
  };
}

export function defaultSettings(): PublisherSettings {
  const s = {} as PublisherSettings;
  for (const spec of SETTINGS) s[spec.key] = spec.defaultValue;
  s.timeZone ||= DEFAULT_TIME_ZONE;
  return s;
}

/** The workbook's `Configuración` sheet, its name matched as the engine matches labels (case and accents aside). */
export function settingsSheetOf(sheets: readonly SheetModel[]): SheetModel | undefined {
  return sheets.find((m) => typeof m?.name === 'string' && normalizeLabel(m.name) === normalizeLabel(SETTINGS_SHEET));
}

export function readSettings(sheet: SheetModel | undefined, findings: Finding[]): PublisherSettings {
  const settings = defaultSettings();
  if (!sheet || !Array.isArray(sheet.rows)) return settings;
  const byTitle = new Map(SETTINGS.map((s) => [normalizeLabel(s.title), s.key] as const));
  const keys = new Set<string>(SETTINGS.map((s) => s.key));
  for (let r = 1; r < sheet.rows.length && r < 200; r++) {
    const row = sheet.rows[r];
    if (!Array.isArray(row)) continue;
    const keyCell = cleanCell(row[2]);
    const titleCell = cleanCell(row[0]);
    const key = typeof keyCell === 'string' && keys.has(keyCell)
      ? (keyCell as SettingKey)
      : typeof titleCell === 'string' ? byTitle.get(normalizeLabel(titleCell)) : undefined;
    if (!key) continue;
    const cell = { sheet: sheet.name, row: r + 1, column: 2, header: typeof titleCell === 'string' ? titleCell : key };
    const value = cleanCell(row[1]);
    if (value === undefined) continue;
    if (value instanceof CellProblem) {
      findings.push(finding(value.code, value.severity, value.params, { cell }));
      continue;
    }
    const text = value instanceof Date ? value.toISOString() : String(value);
    if (key === 'timeZone') {
      const zone = timeZoneNamed(text);
      if (zone === undefined) findings.push(finding('settings.unknown-time-zone', 'warning', { value: text, default: settings.timeZone }, { cell }));
      else settings.timeZone = zone;
      continue;
    }
    // The package's `license` and `publicationPolicy` are addresses (OCDS package schema, format uri): a text that is
    // not one would be published as it is, as the package's license.
    if ((key === 'licenseUrl' || key === 'publicationPolicyUrl') && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(text.trim())) {
      findings.push(finding('settings.not-an-address', 'warning', { value: text }, { cell }));
      continue;
    }
    if (key === 'ocidPrefix' || key === 'projectIdPrefix') {
      // The registered prefix is «ocds-»/«oc4ids-» and 6 characters; officials often write only the 6 (the part they
      // were assigned). Those are completed; anything else is said on the cell, or every id was refused as not using
      // «tgz777-», and renaming them so was refused in turn as not an OCID.
      const start = key === 'ocidPrefix' ? 'ocds-' : 'oc4ids-';
      const typed = text.trim().toLowerCase();
      const prefix = /^[a-z0-9]{6}$/.test(typed) ? `${start}${typed}` : typed;
      if (!prefix.startsWith(start) || !/^[a-z0-9]{6}$/.test(prefix.slice(start.length))) {
        findings.push(finding('settings.bad-prefix', 'warning', { value: text, start }, { cell }));
        continue;
      }
      settings[key] = prefix;
      continue;
    }
    settings[key] = text;
  }
  return settings;
}
