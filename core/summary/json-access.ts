/** Tolerant readers over compiled releases: bad or missing data yields `undefined`, never an exception. */
import { isObject, type JsonObject } from '../json/json-values';

export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Copies the listed fields that are present (not undefined/null). */
export function pick(source: JsonObject | undefined, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  if (source) for (const f of fields) if (source[f] !== undefined && source[f] !== null) out[f] = source[f];
  return out;
}

/** Drops undefined fields and empty objects/arrays, so a derived summary carries only what the data has. */
export function compact(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const c = isObject(v) ? compact(v) : v;
    if (c === undefined || c === null) continue;
    if (Array.isArray(c) && c.length === 0) continue;
    if (isObject(c) && Object.keys(c).length === 0) continue;
    out[k] = c;
  }
  return out;
}
