/**
 * A value as a finding shows it to the official: as the sheet shows it, in es-MX (DESIGN: everything people see is
 * in Spanish) — a number grouped (3,050,000; 91,168,415.75), a date as 31/07/2024 (with its time when it has one),
 * a code by its drop-down title («Adjudicación directa», not «direct»), a list with «; ». Anything else as
 * safePreview writes it. Used where a message quotes a parsed value (a conflict between two cells).
 */
import { formatDateTime, formatFigure } from '../format/es-mx';
import { safePreview } from './clean-cell';
import type { ValueSpec } from './parse-value';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function one(value: unknown, spec: ValueSpec | undefined): string {
  if (typeof value === 'number' && Number.isFinite(value)) return formatFigure(value);
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return formatDateTime(value);
    const title = spec?.options?.find((o) => o.code === value)?.title;
    if (title) return title;
  }
  return safePreview(value);
}

export function shownValue(value: unknown, spec?: ValueSpec): string {
  const text = Array.isArray(value) ? value.map((v) => one(v, spec)).join('; ') : one(value, spec);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
