/**
 * The program's stages for each implementer (control board): recorded by the coordinators with the date each one
 * was reached, shown on *Seguimiento* next to the commitment and freshness.
 */
export const STAGES = [
  { code: 'E.1', label: 'REDA' },
  { code: 'E.2', label: 'Programa de trabajo' },
  { code: 'E.3', label: 'Compromiso de publicación' },
  { code: 'E.4', label: 'Mapeo' },
  { code: 'E.5', label: 'Captura' },
  { code: 'E.6', label: 'Validación' },
  { code: 'E.7', label: 'Presentación pública' },
] as const;
export type StageCode = (typeof STAGES)[number]['code'];

const CODES = new Set<string>(STAGES.map((s) => s.code));

/** YYYY-MM-DD of a real calendar day (`2024-02-30` parses in JavaScript as 1 March). */
function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date;
}

/**
 * The latest day it is anywhere in Mexico at `now` (Quintana Roo's, UTC−5): a stage cannot have been reached after it.
 * The sign-in form bounds its date fields by the reader's own day; this is the server's bound for any client.
 */
export function latestMexicanDay(now: number): string {
  return new Date(now - 5 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Checks a `{stages: {"E.1": "2024-03-01", …}}` body; null removes a date. Throws a Spanish message naming the stage:
 * a date must be a real day, not after `today` (YYYY-MM-DD, see latestMexicanDay).
 */
export function checkStages(v: unknown, today: string): Partial<Record<StageCode, string | null>> {
  const stages = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>).stages : undefined;
  if (typeof stages !== 'object' || stages === null || Array.isArray(stages)) throw new Error('Envíe «stages» con las etapas y sus fechas, por ejemplo {"stages": {"E.1": "2024-03-01"}}.');
  const out: Partial<Record<StageCode, string | null>> = {};
  for (const [code, date] of Object.entries(stages)) {
    if (!CODES.has(code)) throw new Error(`«${code}» no es una etapa del programa (E.1 a E.7).`);
    if (date !== null && (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))) throw new Error(`La fecha de la etapa ${code} debe tener la forma AAAA-MM-DD.`);
    if (date !== null && !isCalendarDate(date)) throw new Error(`La fecha de la etapa ${code} («${date}») no existe en el calendario.`);
    if (date !== null && date > today) throw new Error(`La fecha de la etapa ${code} («${date}») es futura: registre la etapa cuando se haya alcanzado.`);
    out[code as StageCode] = date as string | null;
  }
  return out;
}
