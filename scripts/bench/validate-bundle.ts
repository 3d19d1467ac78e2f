/**
 * What the `vm` measurement of bench:validate loads as one IIFE (the add-on's bundle format): the pipeline and the
 * synthetic data, so conversion and validation run in the same context, with the same source map, as in Apps Script.
 */
export { flatten } from '../../core/flatten';
export { unflatten } from '../../core/unflatten';
export { validate } from '../../core/validate';
export { syntheticReleases } from './synthetic-releases';
