/**
 * One benchmark measurement, run by scripts/bench-convert.ts in a fresh child process so that peak RSS belongs to
 * this step alone. Prints one JSON line: { ms, peakRssMiB, releases, sourceMapEntries }.
 *   read <book.xlsx>        the streaming xlsx read alone (exceljs → workbook model)
 *   full <book.xlsx>        xlsx → JSON: read + unflatten (with source map) + JSON text of the release package
 *   convert <model.json>    unflatten alone, on a workbook model already in memory (loaded before the clock starts)
 */
import * as fs from 'fs';
import { releasePackage } from '../../core/packages';
import { unflatten } from '../../core/unflatten';
import type { WorkbookModel } from '../../core/workbook/model';
import { XlsxFileSource } from '../../functions/src/ingest/xlsx-source';

const NOW = '2025-06-30T12:00:00Z';

/** Workbook model ⇄ JSON with Dates kept (`{"$date": iso}`), for the convert-only step. */
export function modelToJson(model: WorkbookModel): string {
  return JSON.stringify(model, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}
function modelFromJson(text: string): WorkbookModel {
  return JSON.parse(text, (_k, v: unknown) => (v && typeof v === 'object' && '$date' in v ? new Date((v as { $date: string }).$date) : v)) as WorkbookModel;
}

async function measure(mode: string, file: string): Promise<Record<string, number>> {
  const model = mode === 'convert' ? modelFromJson(fs.readFileSync(file, 'utf8')) : undefined;
  const start = process.hrtime.bigint();
  const workbook = model ?? (await new XlsxFileSource(file).read());
  let releases = 0;
  let sourceMapEntries = 0;
  if (mode !== 'read') {
    const result = unflatten(workbook, { now: NOW });
    releases = result.releases.length;
    sourceMapEntries = result.sourceMap.size;
    if (mode === 'full') {
      const json = JSON.stringify(releasePackage(result.releases, { uri: 'file://bench.json', publishedDate: NOW, publisher: { name: 'Bench' } }));
      if (!json.length) throw new Error('empty');
    }
  } else releases = workbook.sheets.reduce((n, s) => n + s.rows.length, 0);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms: Math.round(ms), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), releases, sourceMapEntries };
}

if (require.main === module) {
  const [mode, file] = process.argv.slice(2);
  measure(mode, file).then((r) => console.log(JSON.stringify(r)), (e: unknown) => { console.error(e); process.exitCode = 1; });
}
