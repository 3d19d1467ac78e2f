/**
 * Everything the entry points need from Apps Script, behind ports. The real host is built on first use;
 * tests install a fake one with `useHost`. Getters are lazy: under AuthMode.NONE only the menu may be touched.
 */
import type { HttpPort } from './backend/http-port';
import type { AddonConfig, PropertiesPort } from './config';
import type { SpreadsheetPort } from './sheet-port';
import type { SidebarOpening } from './sidebar-opening';
import type { CachePort } from './validation/later-findings';

export interface MenuItem { label: string; functionName: string }

export interface UiPort {
  /** Extensiones → Infraestructura Abierta → items. */
  addMenu(items: MenuItem[]): void;
  /** Opens addon/dist/sidebar.html as the 300 px sidebar; `opening`: what it does as it opens (sidebar-opening.ts). */
  showSidebar(title: string, opening?: SidebarOpening): void;
  showDialog(title: string, html: string): void;
}

export interface Host {
  spreadsheet(): SpreadsheetPort;
  ui(): UiPort;
  http(): HttpPort;
  identityToken(): string;
  /** Build-time defaults; what is in force is `effectiveConfig(config(), properties())` (settings dialog). */
  config(): AddonConfig;
  properties(): PropertiesPort;
  /** The user's cache (CacheService.getUserCache()): the later pages of a validation's findings. */
  cache(): CachePort;
  /** SHA-256 of the text's UTF-8 bytes, as lowercase hex (Utilities.computeDigest): a snapshot's content hash. */
  sha256Hex(text: string): string;
  /** Server-side log (Stackdriver in Apps Script); never shown to the user. */
  log(error: unknown): void;
}

let current: Host | undefined;
let factory: (() => Host) | undefined;

/** main.ts registers the Apps Script host factory; tests register a fake host instead. */
export function setHostFactory(make: () => Host): void {
  factory = make;
}

export function useHost(host: Host | undefined): void {
  current = host;
}

export function host(): Host {
  if (!current) {
    if (!factory) throw new Error('No host');
    current = factory();
  }
  return current;
}
