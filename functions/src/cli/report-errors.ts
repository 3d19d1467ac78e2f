/**
 * How an engine command's failure reaches a person: a Spanish message for what they can fix (exit 2), «Error
 * inesperado» for the rest (exit 3). Shared by the engine's bundle (engine.ts) and compile's own (compile-main.ts).
 */
import { UsageError } from './args';
import type { CliIo } from './convert-command';
import { SourceError } from '../ingest/sheet-source';

export async function reportErrors(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof SourceError) {
      io.err(e.message);
      return 2;
    }
    io.err(unexpectedMessage(e));
    return 3;
  }
}

/**
 * «Error inesperado» with the error's text, except what the data caused: JSON nested thousands of levels deep (a
 * hostile or broken package, or a linked release downloaded from its address) overflows the stack of the code that
 * walks it, which printed «Error inesperado: Maximum call stack size exceeded», in English and without a cause.
 */
export function unexpectedMessage(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return 'Los datos tienen demasiados niveles anidados (listas u objetos dentro de otros, miles de veces) y no se pueden procesar: ningún paquete EDCA-MX (OCDS) ni EDCAPI (OC4IDS) los tiene. Revise que los archivos indicados (y las entregas que enlazan) sean paquetes publicados y no estén dañados.';
  }
  return `Error inesperado: ${e instanceof Error ? e.message : String(e)}`;
}
