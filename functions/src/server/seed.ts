/**
 * First-run demo data for the local server: every example workbook in templates/examples/ is registered as a
 * publisher (from its Configuración sheet) and published through the same pipeline as an approval.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Store } from '../store/store';
import { XlsxFileSource } from '../ingest/xlsx-source';
import { publish } from '../publication/publish';
import { publisherFromWorkbook } from '../publication/publisher-from-workbook';
import { renderFinding } from '../../../core/messages/render';

export interface SeedResult { publisher: string; status: string; errors: number }

export async function seedExamples(store: Store, dir: string, baseUrl: string, now: string, log: (m: string) => void): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort() : [];
  for (const file of files) {
    const workbook = await new XlsxFileSource(path.join(dir, file), file).read();
    // The program's commitment: up to 5 projects, updated every quarter.
    const publisher = publisherFromWorkbook(file.replace(/\.xlsx$/, ''), workbook, { projects: 5, periodicityDays: 90 });
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook, actor: 'system', now, baseUrl, revision: file });
    const errors = result.findings.filter((f) => f.severity === 'error');
    for (const f of errors.slice(0, 10)) log(`  ${renderFinding(f)}`);
    log(`Datos de ejemplo: ${publisher.name} → ${result.status === 'published' ? 'publicado' : result.status === 'unchanged' ? 'sin cambios' : 'rechazado'}`);
    results.push({ publisher: publisher.id, status: result.status, errors: errors.length });
  }
  return results;
}
