/**
 * Turns ajv errors into our codes: `schema.<keyword>`, with `enum` named `schema.codelist` (OCDS puts `enum`
 * only on closed codelists). Combinator errors (oneOf/anyOf/not/if) only summarise their branches, whose own
 * errors are kept; the runner then keeps one finding per pointer.
 */
import { escapePointerSegment } from '../findings/finding';
import type { Standard } from '../profile/types';
import { codelistsByField } from '../checks/codelists';
import { displayValue, type RawFinding } from './raw-finding';
import type { ErrorObject } from './validators';
import { pointerSegments, unindexedField } from '../findings/pointer';
import { isLocalFilePath, unsafeInAddress } from './address-characters';

/** JSON types in the words of the sheet. */
const TYPE_ES: Record<string, string> = {
  string: 'texto', number: 'número', integer: 'número entero', boolean: 'Sí o No', array: 'lista', object: 'grupo de datos', null: 'vacío',
};

/** The formats the schemas use, each with its own advice (a link, a date and an e-mail are fixed differently). */
const FORMAT_CODES: Record<string, string> = { uri: 'schema.formatUri', 'date-time': 'schema.formatDate', date: 'schema.formatDate', email: 'schema.formatEmail' };

const NOISE = new Set(['oneOf', 'anyOf', 'not', 'if', 'then', 'else', '$ref', 'false schema']);

/** ajv's parameter that names the limit of each keyword (minimum → limit, minLength → limit, …). */
function limitOf(e: ErrorObject): string | number | undefined {
  const p = e.params as Record<string, unknown>;
  const limit = p.limit ?? p.comparison ?? p.pattern ?? p.format;
  return typeof limit === 'string' || typeof limit === 'number' ? limit : undefined;
}

function valueAtPointer(doc: unknown, pointer: string): unknown {
  let current = doc;
  for (const segment of pointerSegments(pointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function schemaFindings(errors: ErrorObject[] | null | undefined, doc: unknown, base: string, standard: Standard): RawFinding[] {
  const out: RawFinding[] = [];
  for (const e of errors ?? []) {
    if (NOISE.has(e.keyword)) continue;
    const pointer = base + e.instancePath;
    const value = valueAtPointer(doc, e.instancePath);
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        out.push({ code: 'schema.required', severity: 'error', pointer: `${pointer}/${escapePointerSegment(String(params.missingProperty))}`, params: {} });
        break;
      case 'additionalProperties':
        out.push({ code: 'schema.additionalProperties', severity: 'error', pointer: `${pointer}/${escapePointerSegment(String(params.additionalProperty))}`, params: { value: String(params.additionalProperty) } });
        break;
      case 'enum': {
        const codelist = codelistsByField()[standard].get(unindexedField(pointer))?.name ?? '';
        out.push({ code: 'schema.codelist', severity: 'error', pointer, params: { value: displayValue(value), codelist } });
        break;
      }
      case 'type': {
        const types = (Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',')).filter((t) => t !== 'null');
        const expected = types.map((t) => TYPE_ES[t] ?? t).join(' o ');
        out.push({ code: 'schema.type', severity: 'error', pointer, params: { value: displayValue(value), expected } });
        break;
      }
      case 'format': {
        const odd = params.format === 'uri' ? unsafeInAddress(value) : [];
        // A complete address with spaces or accents (real publications have them, often past the part a message shows).
        if (params.format === 'uri' && isLocalFilePath(value)) out.push({ code: 'url.localFile', severity: 'error', pointer, params: { value: displayValue(value) } });
        else if (odd.length) out.push({ code: 'schema.formatUriCharacters', severity: 'error', pointer, params: { value: displayValue(value), chars: odd.join(' ') } });
        else out.push({ code: FORMAT_CODES[String(params.format)] ?? 'schema.format', severity: 'error', pointer, params: { value: displayValue(value), limit: String(params.format) } });
        break;
      }
      default: {
        const f: RawFinding = { code: `schema.${e.keyword}`, severity: 'error', pointer, params: { value: displayValue(value) } };
        const limit = limitOf(e);
        if (limit !== undefined) f.params.limit = limit;
        out.push(f);
      }
    }
  }
  return out;
}
