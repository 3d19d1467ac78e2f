/**
 * The add-on's sidebar as `npm run build:addon` builds it, written to a temporary file, and a headless Chromium to
 * open it in: for one `describe` block, whose hooks start both and remove them afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser';
import { buildSidebar } from '../../scripts/build-addon';

export interface BuiltSidebar {
  readonly browser: Browser;
  /** `file://` address of the built sidebar. */
  readonly url: string;
}

export function builtSidebarInChromium(): BuiltSidebar {
  const state: { browser?: Browser; dir?: string } = {};
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'addon-sidebar-'));
    fs.writeFileSync(path.join(state.dir, 'sidebar.html'), await buildSidebar());
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
  };
}
