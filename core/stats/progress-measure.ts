/**
 * An OC4IDS progress observation's `measure` (metrics physicalProgress, financialProgress) as its number of percent.
 * The schema lets a measure be text, and a measure typed in a sheet as «62,5» or «62.5 %» is published as written:
 * the project page showed it as written («62,5 %» beside the page's «62.5 %»: es-MX writes a decimal point), and the
 * index read no progress at all from it. A progress is 0–100, which no thousands comma can be part of, so a comma
 * before the decimals is read as the decimal point it was meant as; a trailing «%» is the unit the field already is.
 * Text that is not such a figure is not a measure (undefined): it is shown as published.
 */
const WRITTEN = /^\s*([+-]?\d{1,3})(?:[.,](\d+))?\s*%?\s*$/;

export function progressMeasure(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  // What JavaScript reads as a number (« 62.5», «1e2») is read as before.
  const plain = Number(raw);
  if (Number.isFinite(plain)) return plain;
  const m = WRITTEN.exec(raw);
  return m ? Number(`${m[1]}${m[2] ? `.${m[2]}` : ''}`) : undefined;
}
