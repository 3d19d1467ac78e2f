/**
 * The 32 federal entities of Mexico under the names the platform shows, and the other ways people write them. A
 * publisher's state scopes its coordinators (auth/policy.ts) and groups the dashboard's filters and Seguimiento: typed
 * freely, «chiapas» and «Chiapas» were two states on every page (and an implementer disappeared from its own state's
 * view), so registration stores the one spelling.
 */
import { normalizeLabel } from '../unflatten/normalize-label';

export const MEXICAN_STATES: readonly string[] = [
  'Aguascalientes', 'Baja California', 'Baja California Sur', 'Campeche', 'Chiapas', 'Chihuahua', 'Ciudad de México',
  'Coahuila', 'Colima', 'Durango', 'Estado de México', 'Guanajuato', 'Guerrero', 'Hidalgo', 'Jalisco', 'Michoacán',
  'Morelos', 'Nayarit', 'Nuevo León', 'Oaxaca', 'Puebla', 'Querétaro', 'Quintana Roo', 'San Luis Potosí', 'Sinaloa',
  'Sonora', 'Tabasco', 'Tamaulipas', 'Tlaxcala', 'Veracruz', 'Yucatán', 'Zacatecas',
];

/** Official long names (INEGI's catalogue), former names and usual abbreviations. */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  'coahuila de zaragoza': 'Coahuila', 'michoacan de ocampo': 'Michoacán', 'veracruz de ignacio de la llave': 'Veracruz',
  'mexico': 'Estado de México', 'edomex': 'Estado de México', 'edo. de mexico': 'Estado de México', 'edo mex': 'Estado de México',
  'cdmx': 'Ciudad de México', 'distrito federal': 'Ciudad de México', 'df': 'Ciudad de México', 'd.f.': 'Ciudad de México',
  'queretaro de arteaga': 'Querétaro', 'bc': 'Baja California', 'bcs': 'Baja California Sur', 'nl': 'Nuevo León', 'slp': 'San Luis Potosí',
};

const BY_LABEL = new Map<string, string>([...MEXICAN_STATES.map((s) => [normalizeLabel(s), s] as const), ...Object.entries(OTHER_NAMES)]);

/** The state `text` names (case, accents and spaces aside), as the platform writes it; undefined if none. */
export function canonicalState(text: string): string | undefined {
  return BY_LABEL.get(normalizeLabel(text));
}

/**
 * Whether two typed states are the same: the same state under any of its names, or else the same text apart from
 * case, accents and spaces (states registered before they were checked: «chiapas», «CDMX»).
 */
export function sameState(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && normalizeLabel(a) !== '' && stateKey(a) === stateKey(b);
}

/** What sameState compares: equal keys, the same state (to group by state). */
export function stateKey(text: string): string {
  return canonicalState(text) ?? normalizeLabel(text);
}

/** What to say when a text names no state. */
export function unknownStateMessage(text: string): string {
  return `«${text}» no es una entidad federativa. Escriba una de las 32, por ejemplo «Nuevo León», «Ciudad de México» o «Estado de México».`;
}
