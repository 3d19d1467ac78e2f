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
/** Stage code → date reached (YYYY-MM-DD). */
export type StageDates = Partial<Record<StageCode, string>>;

const CODES = new Set<string>(STAGES.map((s) => s.code));

/** Checks a `{stages: {"E.1": "2024-03-01", …}}` body; null removes a date. Throws a Spanish message. */
export function checkStages(v: unknown): Partial<Record<StageCode, string | null>> {
  const stages = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>).stages : undefined;
  if (typeof stages !== 'object' || stages === null || Array.isArray(stages)) throw new Error('Envíe «stages» con las etapas y sus fechas, por ejemplo {"stages": {"E.1": "2024-03-01"}}.');
  const out: Partial<Record<StageCode, string | null>> = {};
  for (const [code, date] of Object.entries(stages)) {
    if (!CODES.has(code)) throw new Error(`«${code}» no es una etapa del programa (E.1 a E.7).`);
    if (date !== null && (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))) throw new Error(`La fecha de la etapa ${code} debe tener la forma AAAA-MM-DD.`);
    out[code as StageCode] = date as string | null;
  }
  return out;
}
