/**
 * First-run demo data for the local server: every example workbook in templates/examples/ is registered as a
 * publisher (from its Configuración sheet) and published through the same pipeline as an approval.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Publisher, Store } from '../store/store';
import { XlsxFileSource } from '../ingest/xlsx-source';
import { publish } from '../publication/publish';
import { readSettings } from '../../../core/unflatten/settings-reader';
import { SETTINGS_SHEET } from '../../../core/template/settings';
import { renderFinding } from '../../../core/messages/render';

export interface SeedResult { publisher: string; status: string; errors: number }

export async function seedExamples(store: Store, dir: string, baseUrl: string, now: string, log: (m: string) => void): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort() : [];
  for (const file of files) {
    const workbook = await new XlsxFileSource(path.join(dir, file), file).read();
    const settings = readSettings(workbook.sheets.find((sh) => sh.name === SETTINGS_SHEET), []);
    const publisher: Publisher = {
      id: file.replace(/\.xlsx$/, ''),
      name: settings.publisherName || file,
      state: settings.state || 'Sin entidad',
      ocidPrefix: settings.ocidPrefix,
      projectIdPrefix: settings.projectIdPrefix,
      commitment: { projects: 6, periodicityDays: 90 },
      ...(settings.licenseUrl ? { license: settings.licenseUrl } : {}),
      ...(settings.publicationPolicyUrl ? { publicationPolicy: settings.publicationPolicyUrl } : {}),
    };
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook, actor: 'system', now, baseUrl, revision: file });
    const errors = result.findings.filter((f) => f.severity === 'error');
    for (const f of errors.slice(0, 10)) log(`  ${renderFinding(f)}`);
    log(`Datos de ejemplo: ${publisher.name} → ${result.status === 'published' ? 'publicado' : result.status === 'unchanged' ? 'sin cambios' : 'rechazado'}`);
    results.push({ publisher: publisher.id, status: result.status, errors: errors.length });
  }
  return results;
}
