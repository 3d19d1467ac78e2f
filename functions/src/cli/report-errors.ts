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
    io.err(`Error inesperado: ${e instanceof Error ? e.message : String(e)}`);
    return 3;
  }
}
