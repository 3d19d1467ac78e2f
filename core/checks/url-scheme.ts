/**
 * Links the public follows must be web links. A `uri` format accepts any scheme, so `javascript:`, `data:` or
 * `file:` links validated and were served by the API to the dashboard. Every field named `url` or `uri` (documents,
 * contact points, classifications, identifiers, budgets, related processes…) must start with http:// or https://.
 * A value without any scheme is left to the schema's format check. `url.scheme` (error). A file's place on a computer
 * or an office network (`C:\…`, `\\servidor\…`, `file:`) is `url.localFile` (error), the code the schema's format
 * check gives it too, so the cell gets one message (validate.ts, sameCellFamily).
 */
import type { ValueCheck } from './types';
import { isLocalFilePath } from '../validate/address-characters';
import { displayValue } from '../validate/raw-finding';

const HAS_SCHEME = /^\s*[a-z][a-z0-9+.-]*:/i;
const WEB = /^https?:\/\//i;

/** The last segment of the field is `url` or `uri` (tested without cutting it out of every field's path). */
const isLinkField = (field: string): boolean => field === 'url' || field === 'uri' || field.endsWith('/url') || field.endsWith('/uri');

export const urlScheme: ValueCheck = {
  on: 'string',
  fields: isLinkField,
  visitor: ({ report }) => (value, p, field) => {
    if (typeof value !== 'string') return;
    if (!isLinkField(field)) return;
    // Control characters hidden before the scheme ("java\tscript:") count as a scheme too.
    const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
    if (isLocalFilePath(value)) report('url.localFile', 'error', p(), { value: displayValue(value) });
    else if (!WEB.test(value.trim()) && (HAS_SCHEME.test(compact) || HAS_SCHEME.test(value))) report('url.scheme', 'error', p(), { value: displayValue(value) });
  },
};
