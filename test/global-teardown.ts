/** Jest's globalTeardown: see test/shared-chromium.ts. */
export { stopSharedChromium as default } from './shared-chromium';
