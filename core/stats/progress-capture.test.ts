/**
 * Avance físico (issue 18 item 3): what an official types in «Indicadores de avance» and «Mediciones de avance»
 * becomes OC4IDS project metrics, and the dashboard's index shows the latest measure as the project's progress.
 */
import { flatten } from '../flatten';
import { unflatten } from '../unflatten';
import { projectEntry } from './publication-index';
import { progressMeasure } from './progress-measure';

const project = {
  id: 'oc4ids-mer001-0001', title: 'Repavimentación de la calle 60', description: 'Obra', status: 'implementation', type: 'construction',
  sector: ['transport.road'], period: { startDate: '2024-01-01T00:00:00-06:00', endDate: '2024-12-31T00:00:00-06:00' },
  budget: { amount: { amount: 5000000, currency: 'MXN' } },
};

function typed(rows: unknown[][], sheetName: string, workbook: ReturnType<typeof flatten>): void {
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`sin hoja ${sheetName}`);
  sheet.rows.push(...(rows as typeof sheet.rows));
}

describe('avance físico captured in the template', () => {
  const workbook = flatten({ releases: [], projects: [project] });
  const header = (name: string): unknown[] => workbook.sheets.find((s) => s.name === name)?.rows[0] ?? [];

  it('has the sheets with Spanish titles (required ones starred), the metric key first', () => {
    expect(header('Indicadores de avance')).toEqual(['Identificador del proyecto *', 'Indicador *', 'Nombre del indicador *', 'Descripción del indicador']);
    expect(header('Mediciones de avance').slice(0, 5)).toEqual(['Identificador del proyecto *', 'Indicador *', 'Número de medición *', 'Fecha de corte *', 'Porcentaje de avance *']);
  });

  it('reaches the index as the latest measure (the dashboard shows it as «Avance físico»)', () => {
    expect(projectEntry(unflatten(workbook, { now: '2025-01-01T00:00:00-06:00' }).projects[0]).physicalProgress).toBeUndefined();
    typed([['oc4ids-mer001-0001', 'Avance físico', 'Avance físico de la obra', 'Porcentaje de obra ejecutada']], 'Indicadores de avance', workbook);
    typed([
      ['oc4ids-mer001-0001', 'Avance físico', '2', new Date(Date.UTC(2024, 5, 30)), 45.5, 'porcentaje'],
      ['oc4ids-mer001-0001', 'Avance físico', '1', new Date(Date.UTC(2024, 2, 31)), 20, 'porcentaje'],
    ], 'Mediciones de avance', workbook);
    const result = unflatten(workbook, { now: '2025-01-01T00:00:00-06:00' });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const [converted] = result.projects;
    expect(converted.metrics).toEqual([{
      id: 'physicalProgress', title: 'Avance físico de la obra', description: 'Porcentaje de obra ejecutada',
      observations: [
        { id: '2', period: { endDate: '2024-06-30T00:00:00-06:00' }, measure: 45.5, unit: { name: 'porcentaje' } },
        { id: '1', period: { endDate: '2024-03-31T00:00:00-06:00' }, measure: 20, unit: { name: 'porcentaje' } },
      ],
    }]);
    expect(projectEntry(converted).physicalProgress).toBe(45.5);
  });
});

describe('a progress published as text (OC4IDS lets `measure` be a string)', () => {
  it('is read as es-MX shows it: «62,5» and «62,5 %» are 62.5 (a progress of 0–100 has no thousands comma), «62.5 %» too; other text is no figure', () => {
    expect(['62,5', '62,5 %', '62.5 %', ' 62.5', '100%', '0,45', 45.5, '1e1'].map(progressMeasure)).toEqual([62.5, 62.5, 62.5, 62.5, 100, 0.45, 45.5, 10]);
    expect(['en proceso', '', '1,250,000', '62,5,1', '%', null, Number.NaN].map(progressMeasure)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('reaches the index as its figure: a project whose latest measure was «62,5 %» had no progress on the dashboard', () => {
    const measured = (measure: unknown): number | undefined => projectEntry({ ...project, metrics: [{ id: 'physicalProgress', observations: [{ id: '1', period: { endDate: '2024-06-30' }, measure }] }] }).physicalProgress;
    expect([measured('62,5 %'), measured('62,5'), measured('45'), measured('sin dato')]).toEqual([62.5, 62.5, 45, undefined]);
  });
});
