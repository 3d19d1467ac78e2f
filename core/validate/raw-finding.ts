/** A finding before its cell is looked up: what checks and the schema mapping produce. */
import type { Finding, Severity } from '../findings/finding';

export interface RawFinding {
  code: string;
  severity: Severity;
  pointer: string;
  params: Finding['params'];
}

/** A cell value as a short, printable parameter for a message. */
export function displayValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
