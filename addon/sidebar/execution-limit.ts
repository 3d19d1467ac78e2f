/**
 * Google stops every call of the add-on at six minutes (addon/src/validation/time-limit.ts), and the sidebar's failure
 * handler then gets Google's own words — «Exceeded maximum execution time», in English — which said nothing of what
 * happened to the sheet or the send, nor what to do. Told apart by those words (also as Google may give them in
 * Spanish) or, whatever the words, by a call that failed after nearly six minutes: nothing else of ours takes so long.
 */
import type { ServerApi } from '../src/rpc-types';

/** A call failing after this long was stopped by Google's limit (6 min, less what the browser's round trip adds). */
export const STOPPED_AFTER_MS = 5.5 * 60 * 1000;

const GOOGLE_WORDS = /maximum execution time|tiempo m[aá]ximo de ejecuci[oó]n/i;

export function stoppedByGoogle(message: string, elapsedMs: number): boolean {
  return GOOGLE_WORDS.test(message) || elapsedMs >= STOPPED_AFTER_MS;
}

const LIMIT = 'Google detiene cada acción de un complemento a los 6 minutos';
/** Where a workbook too large for six minutes is checked and sent: the server reads an .xlsx without that limit. */
const AS_EXCEL = 'descárguelo como Excel (Archivo → Descargar → Microsoft Excel) y súbalo en el tablero, en «Mis envíos», donde se revisa sin ese límite: si tiene errores no se envía y se listan con su hoja, fila y columna. También puede dividir los datos en dos hojas de cálculo.';

/** What to tell the official when Google stopped the call `name`. */
export function stoppedText(name: keyof ServerApi): string {
  switch (name) {
    case 'runValidation':
    case 'goToFinding':
      return `La validación no terminó: ${LIMIT}, y revisar este libro lleva más. Sus datos no se modificaron. Para revisarlo completo, ${AS_EXCEL}`;
    case 'submitForReview':
      return `El envío no terminó: ${LIMIT}, y revisar y enviar este libro lleva más. Pulse «Validar» en unos minutos: el estado dirá si el envío llegó. Si no llegó, ${AS_EXCEL}`;
    default:
      return `La acción no terminó: ${LIMIT}. Pulse «Validar» en unos minutos para ver cómo quedó; si se repite, avise a su coordinación.`;
  }
}
