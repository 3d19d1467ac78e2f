/**
 * Finds the cell a finding belongs to. A value that came from a cell is in the source map. A missing value has
 * no cell, so we point at the row of its nearest existing ancestor (preferring the sheet where the missing
 * column lives), and name the column by the template spec — its number too when another row of the same sheet
 * shows where that column is. Indexes are built lazily: valid workbooks never pay for them.
 */
import type { CellRef, SourceMap } from '../findings/finding';
import type { Standard } from '../profile/types';
import type { TemplateSpec } from '../template/spec';
import { columnField, parentPointer, pointerSegments, standardOf, unindexedField } from './pointer';

interface ColumnRef { sheet: string; field: string; title: string }

export class CellLocator {
  private sortedKeys?: string[];
  private columnPositions?: Map<string, { column?: number; header?: string }>;
  private readonly columns: Record<Standard, Map<string, ColumnRef>> = { ocds: new Map(), oc4ids: new Map() };

  constructor(private readonly sourceMap: SourceMap, spec: TemplateSpec) {
    for (const sheet of spec.sheets) {
      for (const column of sheet.columns) {
        const known = this.columns[sheet.standard].get(column.field);
        // A field's home is the sheet where it is not a key column (child sheets repeat parent keys).
        if (!known || !column.key) this.columns[sheet.standard].set(column.field, { sheet: sheet.name, field: column.field, title: column.title });
      }
    }
  }

  cellOf(pointer: string): CellRef | undefined {
    const exact = this.sourceMap[pointer];
    if (exact) return exact;
    const standard = standardOf(pointer);
    const column = this.columns[standard].get(columnField(pointer)) ?? this.columns[standard].get(unindexedField(pointer));
    // Never climb above the root document (`/releases/3`).
    for (let p = pointer; pointerSegments(p).length >= 2; p = parentPointer(p)) {
      // An item of a list typed in one cell (`a;b;c`) belongs to that cell.
      if (p !== pointer && this.sourceMap[p]) return this.sourceMap[p];
      const anchor = this.nearestUnder(p, column?.sheet);
      if (!anchor) continue;
      // A value spread over several cells (coordinates as latitude + longitude columns): its first cell.
      if (!column && p === pointer) return anchor;
      const cell: CellRef = { sheet: anchor.sheet };
      if (anchor.row !== undefined) cell.row = anchor.row;
      if (column && column.sheet === anchor.sheet) {
        const position = this.columnPosition(anchor.sheet, column.field);
        if (position?.column !== undefined) cell.column = position.column;
        cell.header = position?.header ?? column.title;
      }
      return cell;
    }
    return undefined;
  }

  /** The source-map entry closest to `prefix` (fewest segments below it), in `sheet` when there is one. */
  private nearestUnder(prefix: string, sheet: string | undefined): CellRef | undefined {
    const keys = (this.sortedKeys ??= Object.keys(this.sourceMap).sort());
    const start = `${prefix}/`;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    let best: { cell: CellRef; depth: number; inSheet: boolean } | undefined;
    for (let i = lo; i < keys.length && keys[i].startsWith(start); i++) {
      const cell = this.sourceMap[keys[i]];
      const depth = keys[i].split('/').length;
      const inSheet = cell.sheet === sheet;
      if (!best || (inSheet && !best.inSheet) || (inSheet === best.inSheet && depth < best.depth)) best = { cell, depth, inSheet };
    }
    return best?.cell;
  }

  private columnPosition(sheet: string, field: string): { column?: number; header?: string } | undefined {
    if (!this.columnPositions) {
      this.columnPositions = new Map();
      for (const [pointer, cell] of Object.entries(this.sourceMap)) {
        const key = `${cell.sheet}\u0000${columnField(pointer)}`;
        if (!this.columnPositions.has(key)) this.columnPositions.set(key, { column: cell.column, header: cell.header });
      }
    }
    return this.columnPositions.get(`${sheet}\u0000${field}`);
  }
}
