/**
 * Merged ranges (sheet.merged-cells): one warning per range, up to MERGES_NAMED per sheet; the last one named counts
 * the rest. A file or a request can declare millions of ranges, and one finding each filled the server's memory
 * (2 million ranges of a 9 MB upload: 1.5 GB, 15 s).
 */
import { flatten } from '../flatten';
import { renderMessage } from '../messages/render';
import type { SheetModel } from '../workbook/model';
import { MERGES_NAMED, unflatten } from './unflatten';

const base = flatten({ releases: [], projects: [{ id: 'oc4ids-abc123-0001', title: 'Parque' }] });
const projects = base.sheets.find((s) => s.name === 'Proyectos') as SheetModel;
const ranges = (n: number) => Array.from({ length: n }, (_v, i) => `C${i + 3}:D${i + 3}`);

function mergedWarnings(sheet: Partial<SheetModel>): string[] {
  const { findings } = unflatten({ sheets: [{ ...projects, ...sheet }] }, { now: '2025-01-01T00:00:00Z' });
  return findings.filter((f) => f.code === 'sheet.merged-cells').map((f) => `${f.cell?.row}: ${renderMessage(f)}`);
}

test('a few merged ranges: one warning each, at the range\'s first cell', () => {
  expect(mergedWarnings({ merges: ranges(2) })).toEqual([
    '3: Hay celdas combinadas (C3:D3): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren. Sepárelas y escriba en cada celda su propio valor.',
    '4: Hay celdas combinadas (C4:D4): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren. Sepárelas y escriba en cada celda su propio valor.',
  ]);
});

test('more than MERGES_NAMED: that many warnings, the last one counting the rest', () => {
  const shown = mergedWarnings({ merges: ranges(MERGES_NAMED + 5) });
  expect(shown).toHaveLength(MERGES_NAMED);
  expect(shown[MERGES_NAMED - 1]).toBe(`${MERGES_NAMED + 2}: Hay celdas combinadas (C${MERGES_NAMED + 2}:D${MERGES_NAMED + 2}, y 5 rangos combinados más en esta hoja): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren. Sepárelas y escriba en cada celda su propio valor.`);
  expect(mergedWarnings({ merges: ranges(MERGES_NAMED + 1) })[MERGES_NAMED - 1]).toContain(', y 1 rango combinado más en esta hoja)');
  expect(mergedWarnings({ merges: ranges(MERGES_NAMED) })[MERGES_NAMED - 1]).toContain(`(C${MERGES_NAMED + 2}:D${MERGES_NAMED + 2})`);
});

test('a sheet whose reader kept only the first ranges (mergeCount) counts them all; millions cost no more than twenty', () => {
  const shown = mergedWarnings({ merges: ranges(1_000), mergeCount: 2_000_000 });
  expect(shown).toHaveLength(MERGES_NAMED);
  expect(shown[MERGES_NAMED - 1]).toContain(', y 1,999,980 rangos combinados más en esta hoja)');
  expect(mergedWarnings({ merges: ranges(300_000) })).toHaveLength(MERGES_NAMED);
});
