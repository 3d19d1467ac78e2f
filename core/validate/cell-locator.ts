/**
 * Finds the cell a finding belongs to. A value that came from a cell is in the source map. A missing value has
 * no cell, so we point at the row of its nearest existing ancestor (preferring the sheet where the missing
 * column lives), and name the column by the template spec — its number too when that sheet has the column. The
 * source map answers from the document holding the pointer: no index over all values, so a finding costs the
 * same in a workbook of ten processes or ten thousand.
 */
import type { CellRef } from '../findings/finding';
import { columnField, parentPointer, standardOf, unindexedField } from '../findings/pointer';
import type { SourceMap } from '../findings/source-map';
import type { Standard } from '../profile/types';
import type { TemplateSpec } from '../template/spec';

interface ColumnRef { sheet: string; field: string; title: string }

/** Segments of a pointer: `/releases/3` has 2. */
function depthOf(pointer: string): number {
  let n = 0;
  for (let i = 0; i < pointer.length; i++) if (pointer.charCodeAt(i) === 47) n++;
  return n;
}

export class CellLocator {
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
    const standard = standardOf(pointer);
    const column = this.columns[standard].get(columnField(pointer)) ?? this.columns[standard].get(unindexedField(pointer));
    /** The nearest row found so far of another sheet than the field's: the answer when its own sheet has none. */
    let elsewhere: CellRef | undefined;
    // Never climb above the root document (`/releases/3`).
    for (let p = pointer; depthOf(p) >= 2; p = parentPointer(p)) {
      // The value itself; above it, an item of a list typed in one cell (`a;b;c`) belongs to that cell.
      const { at, under } = this.sourceMap.atOrUnder(p, column?.sheet);
      if (at) return at;
      if (!under) continue;
      // A value spread over several cells (coordinates as latitude + longitude columns): its first cell.
      if (!column && p === pointer) return under;
      // Only a child sheet's rows under this object (a contract's amount and currency left blank, an exchange rate
      // typed in «Tipos de cambio»: the contract's `value` holds only its `exchangeRates`): the field's own row is
      // higher up, up to the item it belongs to (`/releases/0/contracts/0`, its row in «Contratos»). Pointed at the
      // child's row, the finding said the column was missing from «Tipos de cambio» and to add it there. Not above
      // that item: its parent holds its siblings' rows (another contract's).
      if (column && under.sheet !== column.sheet && !/\/\d+$/.test(p) && depthOf(p) > 2) {
        elsewhere ??= under;
        continue;
      }
      return this.rowCell(under.sheet === column?.sheet ? under : elsewhere ?? under, column);
    }
    if (elsewhere) return this.rowCell(elsewhere, column);
    // A pointer shallower than a document (`/releases`) has no cell of its own but may still be a recorded value.
    return this.sourceMap.get(pointer);
  }

  /** The cell of `column`'s field in the row of `under`: its column in that sheet, else named by its title. */
  private rowCell(under: CellRef, column: ColumnRef | undefined): CellRef {
    const cell: CellRef = { sheet: under.sheet };
    if (under.row !== undefined) cell.row = under.row;
    if (column) {
      // The field's column in the row's sheet: the template's, or another layout's (flatten-tool) bound to the same
      // field. None: the sheet lacks that column, and the finding names the data by its title (render.ts renderCell).
      const position = this.sourceMap.columnPosition(under.sheet, column.field);
      if (position?.column !== undefined) cell.column = position.column;
      cell.header = position?.header ?? column.title;
    }
    return cell;
  }
}
