/**
 * Runs CHECKS in order. The value checks share one walk per document (five separate walks were half of the
 * validation time at 10,000 processes); their findings are held back and listed at each check's place in
 * CHECKS, so the order — which decides the finding kept when two compete for a cell — does not change.
 */
import type { Standard } from '../profile/types';
import { CHECKS } from './index';
import { isArray, isObject, walk, type FieldTree } from './json';
import type { Check, CheckContext, Doc, ValueCheck, Visit } from './types';

type Held = Parameters<CheckContext['report']>;

function isValueCheck(check: Check | ValueCheck): check is ValueCheck {
  return typeof check !== 'function';
}

export function runChecks(ctx: CheckContext): void {
  const held = new Map<ValueCheck, Held[]>();
  const docs: Record<Standard, Doc[]> = { ocds: ctx.releases, oc4ids: ctx.projects };
  for (const standard of ['ocds', 'oc4ids'] as const) {
    if (docs[standard].length === 0) continue;
    // By the kind of value a visitor looks at; `any` sees every value.
    const visitors: Record<'string' | 'object' | 'array' | 'any', Visit[]> = { string: [], object: [], array: [], any: [] };
    for (const check of CHECKS) {
      if (!isValueCheck(check)) continue;
      const out = held.get(check) ?? [];
      held.set(check, out);
      const visit = check.visitor({ ...ctx, report: (...args) => { out.push(args); } }, standard);
      if (visit) visitors[check.on ?? 'any'].push(visit);
    }
    const fields: FieldTree = { path: '' };
    const { string: strings, object: objects, array: arrays, any } = visitors;
    const all: Visit = (value, pointer, field) => {
      const kinds = typeof value === 'string' ? strings : isArray(value) ? arrays : isObject(value) ? objects : undefined;
      if (kinds) for (const v of kinds) v(value, pointer, field);
      for (const v of any) v(value, pointer, field);
    };
    for (const { data, pointer } of docs[standard]) walk(data, pointer, '', all, fields);
  }
  for (const check of CHECKS) {
    if (isValueCheck(check)) for (const args of held.get(check) ?? []) ctx.report(...args);
    else check(ctx);
  }
}
