/**
 * Add-on settings fixed at build time (scripts/build-addon.ts injects them with esbuild `define`): the backend's
 * base URL (also the manifest's urlFetchWhitelist) and the service account the backend reads sheets with.
 */
export interface AddonConfig {
  backendUrl: string;
  serviceAccount: string | null;
}

/** Placeholder until someone sets ADDON_BACKEND_URL or addon/config.json (see addon/README.md). */
export const PLACEHOLDER_BACKEND_URL = 'https://SU-PROYECTO.web.app';

declare const __ADDON_CONFIG__: AddonConfig | undefined;

export function buildTimeConfig(): AddonConfig {
  return typeof __ADDON_CONFIG__ === 'undefined' ? { backendUrl: PLACEHOLDER_BACKEND_URL, serviceAccount: null } : __ADDON_CONFIG__;
}

export function backendConfigured(config: AddonConfig): boolean {
  return config.backendUrl !== PLACEHOLDER_BACKEND_URL && /^https:\/\//.test(config.backendUrl);
}
