/** OCDS merging: compiled and versioned releases, records (OCDS 1.1 "Merging" and "Records"). */
export { compileRelease, compileAfter } from './compile-release';
export { versionedRelease, type Version } from './versioned-release';
export { mergeReleases, type MergeOptions } from './merge-releases';
export { buildRecord, RECORD_FORMAT_VERSION, type OcdsRecord, type LinkedRelease, type RecordOptions } from './build-record';
export { sortReleases, type Release } from './sort-releases';
export { mergeRules, type MergeRules, type MergeRule } from './merge-rules';
export { overlay } from './overlay';
export { cloneJson, deepEqual, isObject, type JsonObject } from '../json/json-values';
