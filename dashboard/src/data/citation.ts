/**
 * «Cómo citar esta página» on a project's or a process's page: what a reporter puts in a footnote. Acerca had only a
 * general example citing a bulk file; the page itself, the one a reader of the story would want to land on, had no
 * citation to copy. It names who published the data and the year of its last update (not the year of the visit), the
 * work by its title and clave, the standard, the day it was consulted and the page's own address, without the
 * header's filters: the same page for whoever follows it.
 */
import { calendarDate, formatDate } from '../../../core/format/es-mx';

export interface Cited {
  /** The implementer that published it. */
  publisher: string;
  /** Its last update (ISO 8601): the citation's year. */
  updated: string | undefined;
  title: string;
  id: string;
  /** «EDCAPI (OC4IDS 0.9)», «EDCA-MX (OCDS 1.1)». */
  standard: string;
  /** The page's route: `proyecto` or `contratacion`. */
  page: 'proyecto' | 'contratacion';
}

/** The citation's text; `consulted`: aaaa-mm-dd, `base`: the dashboard's address before its `#`. */
export function citationText(c: Cited, consulted: string, base: string): string {
  const year = calendarDate(c.updated)?.slice(0, 4) ?? 's. f.';
  const title = c.title === c.id ? c.id : `${c.title} (${c.id})`;
  return `${c.publisher} (${year}). ${title}. Datos en ${c.standard}. Infraestructura Abierta. Consultado el ${formatDate(consulted)} en ${base}#/${c.page}/${encodeURIComponent(c.id)}`;
}
