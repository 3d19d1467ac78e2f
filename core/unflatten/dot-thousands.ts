/**
 * Thousands grouped with a dot, in a column copied from a system that writes numbers so («1.234.567,89»). Those with a
 * decimal comma or two dots are refused (cell.decimal-comma, cell.not-a-number) and get corrected; the ones with a
 * single dot and three digits after it read as es-MX decimals: «12.500» was published as 12.5 for twelve thousand five
 * hundred, without a word. When a text of the column is written that way, each such text is said with the number it
 * may be (warning: «1.250» can be a price of a peso and a quarter). A column without that trace says nothing: in
 * Mexico the dot is the decimal point. `cell.dot-thousands` (warning). Not in amounts of money, where every such cell is
 * said, trace or not (`cell.three-decimals`, parse-value.ts).
 */
import { finding, type Finding } from '../findings/finding';
import type { CellValue } from '../workbook/model';
import type { BoundSheet } from './bind-sheet';
import { DECIMAL_COMMA_RE, parseNumber } from './parse-value';

/** Two groups of three after dots («1.234.567», «$1.234.567»): no es-MX number. */
const DOT_GROUPS = /^[+-]?\s*\$?\s*\d{1,3}(?:\.\d{3}){2,}$/;
/** One dot and three digits after it («12.500», «$ 1.234»): a decimal in es-MX, a thousand where the dot groups. */
const ONE_DOT_GROUP = /^([+-]?\s*\$?\s*)(\d{1,3})\.(\d{3})$/;

export function dotThousands(rows: readonly CellValue[][], sheet: BoundSheet): Finding[] {
  const out: Finding[] = [];
  for (const col of sheet.columns) {
    // An amount of money: each such cell is said by parse-value (cell.three-decimals), trace or not.
    if (col.value.type !== 'number' || col.value.degrees || col.value.money) continue;
    let trace: { value: string; row: number } | undefined;
    const suspects: { value: string; row: number; sign: string; whole: string; after: string }[] = [];
    for (let r = sheet.dataStart; r < rows.length; r++) {
      const v = rows[r]?.[col.index];
      if (typeof v !== 'string' || v.length > 40) continue;
      const t = v.trim();
      const one = ONE_DOT_GROUP.exec(t);
      if (one) suspects.push({ value: t, row: r + 1, sign: one[1], whole: one[2], after: one[3] });
      // A decimal comma the engine refuses («1.234,56», «12,5»), not es-MX thousands it reads («1,234»).
      else if (!trace && (DOT_GROUPS.test(t) || (DECIMAL_COMMA_RE.test(t) && parseNumber(t) === undefined))) trace = { value: t, row: r + 1 };
    }
    if (!trace) continue;
    for (const s of suspects) {
      const sign = s.sign.replace(/\s/g, '');
      out.push(finding('cell.dot-thousands', 'warning', { value: s.value, read: `${sign}${s.whole}.${s.after}`, thousands: `${sign}${s.whole},${s.after}`, text: trace.value, textRow: trace.row }, { cell: { sheet: sheet.name, row: s.row, column: col.index + 1, header: col.header } }));
    }
  }
  return out;
}
