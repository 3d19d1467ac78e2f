/**
 * Physical and financial progress (OC4IDS metricID `physicalProgress`, `financialProgress`) are published as a
 * percentage of the works done or the amount paid: the dashboard shows the latest observation's measure as «N %».
 * A measure below 0 or above 100 cannot be one: a typing slip (45 typed as 450) or a sign. `metric.progressRange`
 * (error) on the measure.
 *
 * A measure above 0 and below 1 is most likely a percentage that the spreadsheet stored as a fraction: Google Sheets
 * (and Excel) store «45%» typed in a cell as 0.45, which passed as an advance of 0.45 % and was published so.
 * `metric.progressFraction` (warning, since an advance under 1 % is possible) says what it was and what to write.
 *
 * A measure of exactly 1 is the same slip at its most common: «100%», typed for finished works, is stored as 1 and
 * was published as an advance of 1 % without a word. `metric.progressHundred` (warning: 1 % is possible too).
 */
import { itemsAt } from './json';
import { progressMeasure } from '../stats/progress-measure';
import type { Check } from './types';

const PROGRESS = new Set(['physicalProgress', 'financialProgress']);

export const progressRange: Check = ({ projects, report }) => {
  for (const { data, pointer } of projects) {
    for (const metric of itemsAt(data, 'metrics', pointer)) {
      if (typeof metric.item.id !== 'string' || !PROGRESS.has(metric.item.id)) continue;
      for (const obs of itemsAt(metric.item, 'observations', metric.pointer)) {
        // Read as the dashboard reads it (a text «62,5» is 62.5), so what is checked is what is shown.
        const measure = progressMeasure(obs.item.measure);
        if (measure === undefined) continue;
        if (measure < 0 || measure > 100) report('metric.progressRange', 'error', `${obs.pointer}/measure`, { value: measure });
        else if (measure > 0 && measure < 1) report('metric.progressFraction', 'warning', `${obs.pointer}/measure`, { value: measure, percent: Math.round(measure * 10000) / 100 });
        else if (measure === 1) report('metric.progressHundred', 'warning', `${obs.pointer}/measure`, {});
      }
    }
  }
};
