/**
 * Codes must come from their codelist (OCDS 1.1 "Codelists"): a code outside a closed list is an error
 * (`schema.codelist`, the same code the compiled schema's `enum` gives, so the runner keeps one finding per
 * cell); a code outside an open list is allowed but should be checked (`codelist.unknownOpen`, warning).
 * Lists come from the profile, plus the program's own Mexican lists set on template columns
 * (mx/procurementMethodDetails, mx/budgetMoment), which the schema does not enforce.
 */
import { PROFILES } from '../profile/profiles';
import type { Standard } from '../profile/types';
import { templateSpec } from '../template/template-spec';
import type { ValueCheck } from './types';

interface ListRef { name: string; open: boolean; codes: Set<string> }

let cached: Record<Standard, Map<string, ListRef>> | undefined;

/** Unindexed field → its codelist; template columns override the profile (program lists). */
export function codelistsByField(): Record<Standard, Map<string, ListRef>> {
  if (cached) return cached;
  const build = (standard: Standard): Map<string, ListRef> => {
    const profile = PROFILES[standard];
    const map = new Map<string, ListRef>();
    // One reference per codelist: hundreds of fields share a few lists, and building a Set of codes for each
    // field was most of this table's cost at every start.
    const refs = new Map<string, ListRef>();
    const set = (field: string, name: string): void => {
      let ref = refs.get(name);
      if (!ref) {
        const list = profile.codelists[name];
        if (!list) return;
        refs.set(name, (ref = { name, open: list.open, codes: new Set(list.codes) }));
      }
      map.set(field, ref);
    };
    for (const [field, info] of Object.entries(profile.fields)) if (info.codelist) set(field, info.codelist);
    for (const sheet of templateSpec().sheets) {
      if (sheet.standard !== standard) continue;
      for (const column of sheet.columns) if (column.codelist) set(column.field, column.codelist);
    }
    return map;
  };
  cached = { ocds: build('ocds'), oc4ids: build('oc4ids') };
  return cached;
}

export const codelists: ValueCheck = {
  on: 'string',
  fields: (field, standard) => codelistsByField()[standard].has(field),
  visitor: ({ report }, standard) => {
    const lists = codelistsByField()[standard];
    return (value, p, field) => {
      if (typeof value !== 'string') return;
      const list = lists.get(field);
      if (!list || list.codes.has(value)) return;
      if (list.open) report('codelist.unknownOpen', 'warning', p(), { value, codelist: list.name });
      else report('schema.codelist', 'error', p(), { value, codelist: list.name });
    };
  },
};
