/**
 * The add-on's sidebar as `npm run build:addon` builds it, written to a temporary file — as built, and as the menu
 * item «Validar datos» opens it (validating at once, addon/src/sidebar-opening.ts) — and a headless Chromium to
 * open it in: for one `describe` block, whose hooks start both and remove them afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser';
import { buildSidebar } from '../../scripts/build-addon';
import { sidebarPageFor } from '../../addon/src/sidebar-opening';

export interface BuiltSidebar {
  readonly browser: Browser;
  /** `file://` address of the built sidebar, as built (opened with no action: it validates nothing by itself). */
  readonly url: string;
  /** `file://` address of the sidebar as «Validar datos» opens it: the only way an official opens it. */
  readonly menuUrl: string;
}

export function builtSidebarInChromium(): BuiltSidebar {
  const state: { browser?: Browser; dir?: string } = {};
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'addon-sidebar-'));
    const html = await buildSidebar();
    fs.writeFileSync(path.join(state.dir, 'sidebar.html'), html);
    fs.writeFileSync(path.join(state.dir, 'validar-datos.html'), sidebarPageFor(html, 'validate'));
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    get browser(): Browser {
      if (!state.browser) throw new Error('builtSidebarInChromium: used outside its describe block');
      return state.browser;
    },
    get url(): string {
      return `file://${path.join(state.dir ?? '', 'sidebar.html')}`;
    },
    get menuUrl(): string {
      return `file://${path.join(state.dir ?? '', 'validar-datos.html')}`;
    },
  };
}
