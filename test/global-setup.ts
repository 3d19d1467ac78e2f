/** Jest's globalSetup: see test/shared-chromium.ts. */
export { startSharedChromium as default } from './shared-chromium';
