/**
 * The identifier an official most likely meant when one lacks its prefix: the local id they typed (their procedure
 * number, «DOP-LP-001-2024», or the prefix's code without its standard, «zap001-DOP-LP-001-2024») under their
 * institution's prefix. `ocid.format` and `projectId.format` said what an identifier must look like with another
 * institution's example (ocds-abc123-…), when the prefix to write was in «Configuración» (or registered) all along.
 * Undefined when it cannot be told: no prefix of the right form, text that starts as a prefix of another shape
 * («ocds-zap01-…», or a project id where a process id goes), or spaces (an id with them is not one to complete).
 */
export function withPrefix(value: string, prefix: string | undefined, standard: 'ocds' | 'oc4ids'): string | undefined {
  const shape = standard === 'ocds' ? /^ocds-[a-z0-9]{6}$/ : /^oc4ids-[a-z0-9]{6}$/;
  if (!prefix || !shape.test(prefix) || value === '' || /\s/.test(value)) return undefined;
  const code = prefix.slice(standard.length + 1);
  const lower = value.toLowerCase();
  if (lower.startsWith(`${code}-`)) return value.length > code.length + 1 ? `${prefix}-${value.slice(code.length + 1)}` : undefined;
  if (/^oc(ds|4ids)/.test(lower)) return undefined;
  return `${prefix}-${value}`;
}
