/**
 * Add-on settings. Defaults are fixed at build time (scripts/build-addon.ts injects them with esbuild `define`):
 * the backend's base URL (also the manifest's urlFetchWhitelist) and the service account the backend reads sheets
 * with. The settings dialog (Extensiones → Infraestructura Abierta → Configurar servidor) overrides them: the
 * backend URL per document (document properties, shared by the document's editors) and, self-hosted, the
 * personal API token per user and spreadsheet (user properties, never shown to other editors: documentTokenProperty).
 * An official who inherits a spreadsheet (the one who set it up left) finds its server's address, and types a key of
 * their own.
 */
export interface AddonConfig {
  backendUrl: string;
  serviceAccount: string | null;
  /** Self-hosted only: the user's API token (`infra-abierta users add`). Null: the Google identity is used. */
  apiToken?: string | null;
}

/** Placeholder until someone sets ADDON_BACKEND_URL or addon/config.json (see addon/README.md), or the settings dialog. */
export const PLACEHOLDER_BACKEND_URL = 'https://SU-PROYECTO.web.app';

declare const __ADDON_CONFIG__: AddonConfig | undefined;

export function buildTimeConfig(): AddonConfig {
  return typeof __ADDON_CONFIG__ === 'undefined' ? { backendUrl: PLACEHOLDER_BACKEND_URL, serviceAccount: null } : __ADDON_CONFIG__;
}

/** https anywhere; plain http only on this machine (a self-hosted server tried locally; Google cannot reach it anyway). */
export function acceptableBackendUrl(url: string): boolean {
  return /^https:\/\/[^/\s]+/.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(url);
}

export function backendConfigured(config: AddonConfig): boolean {
  return config.backendUrl !== PLACEHOLDER_BACKEND_URL && acceptableBackendUrl(config.backendUrl);
}

export const BACKEND_URL_PROPERTY = 'INFRA_BACKEND_URL';
export const API_TOKEN_PROPERTY = 'INFRA_API_TOKEN';

/** Document and user properties (PropertiesService). */
export interface PropertiesPort {
  getDocument(key: string): string | null;
  setDocument(key: string, value: string | null): void;
  getUser(key: string): string | null;
  setUser(key: string, value: string | null): void;
}

/**
 * The user's key saved for one spreadsheet (user properties: still seen by nobody else). A consultant who fills two
 * municipalities' spreadsheets holds a key for each; with one key per user, the key typed last served both
 * spreadsheets, and one municipality's sheet went out as the other's.
 */
export function documentTokenProperty(documentId: string): string {
  return `${API_TOKEN_PROPERTY}:${documentId}`;
}

/**
 * The settings in force: the dialog's values over the build-time defaults. `documentId`: the spreadsheet open, whose
 * own key (documentTokenProperty) goes before the user's last one (which serves a spreadsheet with none of its own).
 */
export function effectiveConfig(build: AddonConfig, props: PropertiesPort, documentId?: string): AddonConfig {
  const url = props.getDocument(BACKEND_URL_PROPERTY);
  const token = (documentId ? props.getUser(documentTokenProperty(documentId)) : null) || props.getUser(API_TOKEN_PROPERTY);
  return { ...build, backendUrl: url || build.backendUrl, apiToken: token || build.apiToken || null };
}

export const NOT_CONFIGURED = 'Falta configurar el servidor: abra Extensiones → Infraestructura Abierta → Configurar servidor y escriba la dirección que le dio su coordinación (y, si su institución usa un servidor propio, su clave de acceso).';
