/**
 * A send's findings counted in words, as the review page and «Mis envíos» say them: «0 errores, 520 advertencias y
 * 200 avisos». The avisos (severity info: the CoST IDS points a project's stage asks for, and the like) were left out,
 * and «Hallazgos: 0 errores, 520 advertencias» sat above a list that read «Se muestran los primeros 50 de 720
 * hallazgos» and showed avisos: 200 findings the summary did not account for.
 * Without avisos it reads as before («0 errores, 9 advertencias»).
 * Pure: no I/O.
 */
import { formatCount, formatList } from '../format/es-mx';

export interface FindingCounts { errors: number; warnings: number; infos?: number }

export function findingsCountText(c: FindingCounts): string {
  const parts = [formatCount(c.errors, 'error', 'errores'), formatCount(c.warnings, 'advertencia', 'advertencias')];
  if (!c.infos) return parts.join(', ');
  return formatList([...parts, formatCount(c.infos, 'aviso', 'avisos')]);
}

/** The total a partial list is «de»: every finding the send has, the avisos included. */
export const findingsTotal = (c: FindingCounts): number => c.errors + c.warnings + (c.infos ?? 0);
