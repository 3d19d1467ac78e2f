/**
 * Paces rows written with exceljs 4's streaming writer to the speed of its zip. The writer hands a sheet's XML on
 * without looking at write()'s answer (lib/utils/stream-buf.js, `_pipe`), and until the zip reaches the sheet (it
 * finishes the previous entries first) it keeps the XML in memory: rows committed in a loop that never yields, as
 * `import` does with rows it already holds, piled up whole sheets of XML; so did the bulk files' `datos.xlsx`
 * (bulk-files.ts), whose rows come from a file faster than they are compressed. Both wait here.
 */
import type ExcelJS from 'exceljs';

/** archiver's streams come from readable-stream 2, which keeps a Writable's state only in `_writableState`. */
interface Compressor { _writableState?: { needDrain?: boolean }; once(event: 'drain', listener: () => void): unknown }

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Resolves once the sheet's XML so far is in the zip's hands: the zip has reached this sheet (its stream has the
 * compressor as pipe destination) and the compressor does not ask to wait (`drain`).
 */
export async function sheetCaughtUp(ws: ExcelJS.Worksheet): Promise<void> {
  const stream = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream;
  if (!stream) return;
  while (!stream.pipes?.length) await nextTurn();
  const dest = stream.pipes[0] as Compressor;
  if (dest._writableState?.needDrain) await new Promise<void>((resolve) => dest.once('drain', () => resolve()));
}
