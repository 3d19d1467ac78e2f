/** Browser tests' entry to headless Chromium (scripts/lib/chromium.ts) and a `describe` that skips without it. */
import { hasChromium } from '../scripts/lib/chromium';

export { CHROMIUM, hasChromium, launchChromium } from '../scripts/lib/chromium';
export const describeIfChromium = hasChromium ? describe : describe.skip;
