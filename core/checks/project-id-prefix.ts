/**
 * OC4IDS "Project identifier": `oc4ids-` + a 6-character registered prefix + `-` + a local identifier
 * (OC4IDS 0.9 "Identifiers"), with the publisher's own prefix.
 * `projectId.format` (error), `projectId.prefix` (error); `identifier.otherScript` (error): a letter of another
 * alphabet that looks Latin (core/identifiers/other-script-letters.ts), a project a reader cannot tell from another.
 */
import { stringAt } from './json';
import type { Check } from './types';
import { withPrefix } from '../identifiers/with-prefix';
import { otherScriptLetters } from '../identifiers/other-script-letters';

const PROJECT_ID = /^oc4ids-[a-z0-9]{6}-\S+$/;

export const projectIdPrefix: Check = ({ projects, settings, report }) => {
  const prefix = settings.projectIdPrefix?.trim();
  for (const { data, pointer } of projects) {
    const id = stringAt(data, 'id');
    if (id === undefined) continue;
    if (!PROJECT_ID.test(id)) {
      const suggested = withPrefix(id, prefix, 'oc4ids');
      report('projectId.format', 'error', `${pointer}/id`, { value: id, ...(suggested ? { suggested } : {}) });
    }
    else if (prefix && !id.startsWith(`${prefix}-`)) report(settings.prefixesRegistered ? 'projectId.prefixRegistered' : 'projectId.prefix', 'error', `${pointer}/id`, { value: id, prefix });
    else {
      const letters = otherScriptLetters(id);
      if (letters.length) report('identifier.otherScript', 'error', `${pointer}/id`, { value: id, letters: letters.join(', ') });
    }
  }
};
