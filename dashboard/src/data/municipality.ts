/**
 * A municipality in the header's «Municipio» filter. Many names repeat across states (Juárez is in Chihuahua,
 * Nuevo León and Chiapas; Guadalupe in several more): a name that does is identified with its state, «Juárez
 * (Nuevo León)», as value and label, so choosing it never mixes another state's projects. A name alone — a unique
 * one, or a link made before names carried their state — still matches every municipality of that name.
 */

/** The `municipality` value (and label) of a municipality of `state`; `repeated`: names found in several states. */
export const municipalityValue = (name: string, state: string, repeated: Set<string>): string => (repeated.has(name) ? `${name} (${state})` : name);

/** Whether a project (its municipality and state) is the chosen municipality. */
export function matchesMunicipality(row: { municipality?: string; state: string }, value: string): boolean {
  return !!row.municipality && (row.municipality === value || `${row.municipality} (${row.state})` === value);
}

/** Names that more than one state has among these projects. */
export function repeatedNames(rows: { municipality?: string; state: string }[]): Set<string> {
  const states = new Map<string, Set<string>>();
  for (const r of rows) if (r.municipality) { let s = states.get(r.municipality); if (!s) states.set(r.municipality, (s = new Set())); s.add(r.state); }
  return new Set([...states].filter(([, s]) => s.size > 1).map(([name]) => name));
}

/**
 * The filter's options ([value, label]) for the projects offered, named against all projects (so a choice keeps
 * its value when the state filter changes). `chosen`: the current value, always offered; a name alone that several
 * states share reads «(todos los estados)», which is what it selects.
 */
export function municipalityOptions(all: { municipality?: string; state: string }[], offered: { municipality?: string; state: string }[], chosen: string | undefined, compare: (a: string, b: string) => number): [string, string][] {
  const repeated = repeatedNames(all);
  const values = new Set(offered.filter((r) => r.municipality).map((r) => municipalityValue(r.municipality as string, r.state, repeated)));
  if (chosen) values.add(chosen);
  return [...values].sort(compare).map((v) => [v, repeated.has(v) ? `${v} (todos los estados)` : v]);
}
