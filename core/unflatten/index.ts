/** Public entry of the sheet → JSON engine. */
export { unflatten } from './unflatten';
export type { UnflattenOptions, UnflattenResult } from './unflatten';
export type { PublisherSettings } from './settings-reader';
export { defaultSettings } from './settings-reader';
export { canonicalHash, canonicalJson, fnv1a32 } from './content-hash';
export { utcOffset, isKnownTimeZone, DEFAULT_TIME_ZONE } from './time-zone';
export { normalizeLabel } from './normalize-label';
