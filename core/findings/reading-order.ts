/**
 * Findings in the order an official reads the workbook: those about the whole workbook first, then sheet by sheet in
 * the workbook's tab order, each by row and column. In the order the checks ran, «Actores» and «Adjudicaciones» came
 * before «Contrataciones», and a sheet's rows jumped back and forth. One ordering for the CLI's report, the server's
 * lists and the pages.
 */

/** Where a finding is, as findings and their views (core/workflow/contract.ts) both carry it. */
interface Placed { cell?: { sheet: string; row?: number; column?: number } }

/**
 * A sorted copy (stable: findings of one cell keep their order). `sheetOrder`: the workbook's sheets in tab order;
 * sheets it does not name come after them, in the order of their first finding (a page that has only the server's
 * list, already in tab order, passes none).
 */
export function inReadingOrder<T extends Placed>(findings: readonly T[], sheetOrder: readonly string[] = []): T[] {
  const rank = new Map<string, number>(sheetOrder.map((name, i) => [name, i]));
  for (const f of findings) if (f.cell && !rank.has(f.cell.sheet)) rank.set(f.cell.sheet, rank.size);
  const sheetRank = (f: T): number => (f.cell ? rank.get(f.cell.sheet) ?? 0 : -1);
  return [...findings].sort((a, b) => sheetRank(a) - sheetRank(b)
    || (a.cell?.row ?? 0) - (b.cell?.row ?? 0) || (a.cell?.column ?? 0) - (b.cell?.column ?? 0));
}
