/** Test helper: the example workbooks of templates/examples read as the server reads them, and their publishers. */
import * as path from 'path';
import type { WorkbookModel } from '../core/workbook/model';
import { XlsxFileSource } from '../functions/src/ingest/xlsx-source';
import type { Publisher, Store } from '../functions/src/store/store';
import { publish } from '../functions/src/publication/publish';
import { publisherFromWorkbook } from '../functions/src/publication/publisher-from-workbook';
import { ROOT } from './standards';
import { keptValue } from './support/kept-build';

export const EXAMPLE_KEYS = ['merida', 'nuevo-leon', 'tuxtla-gutierrez'] as const;

/**
 * What reading the example workbooks depends on: the files, the reader (functions/src/ingest and the core/ it
 * imports) and this helper. More than it reads, so that a change to any of them reads them again.
 */
const READ_INPUTS = ['templates/examples', 'functions/src/ingest', 'core', 'test/example-workbooks.ts'];

let read: Promise<Record<string, WorkbookModel>> | undefined;

/**
 * The example workbook `key` as the server reads it. The three are read once for every test file and run
 * (test/support/kept-build.ts): each file parsed them itself, about 0.4 CPU-s, against a few ms to take them back.
 */
export async function exampleWorkbook(key: string): Promise<WorkbookModel> {
  read ??= keptValue('ia-example-workbooks', READ_INPUTS, async () => {
    const all: Record<string, WorkbookModel> = {};
    for (const k of EXAMPLE_KEYS) all[k] = await new XlsxFileSource(path.join(ROOT, 'templates', 'examples', `${k}.xlsx`)).read();
    return all;
  });
  const workbook = (await read)[key];
  if (!workbook) throw new Error(`no example workbook ${key}`);
  // Each caller gets its own copy: tests edit cells. (Its Dates come from another realm under jest, as from Apps Script.)
  return structuredClone(workbook);
}

export function publisherOf(key: string, workbook: WorkbookModel): Publisher {
  return publisherFromWorkbook(key, workbook, { projects: 5, periodicityDays: 90 });
}

/** Sets a cell by its sheet, data row (0 = first data row, below the two header rows) and column path. */
export function setCell(workbook: WorkbookModel, sheet: string, dataRow: number, columnPath: string, value: string | number): void {
  const s = workbook.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const col = s.rows[1].indexOf(columnPath);
  if (col < 0) throw new Error(`no column ${columnPath} in ${sheet}`);
  s.rows[2 + dataRow][col] = value;
}

/**
 * Registers and publishes every example workbook into `store` (through the real pipeline), as a server seeded
 * with the demo data. `edit` may change a workbook before it is published.
 */
export async function publishExamples(store: Store, baseUrl: string, edit?: (key: string, workbook: WorkbookModel) => void): Promise<void> {
  for (const key of EXAMPLE_KEYS) {
    const workbook = await exampleWorkbook(key);
    edit?.(key, workbook);
    const publisher = publisherOf(key, workbook);
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl });
    if (result.status !== 'published') throw new Error(`${key} not published`);
  }
}

/** Nuevo León's example with its first project listing a process of Mérida's prefix. */
export async function stateWithMeridaProcess(): Promise<{ workbook: WorkbookModel; row: number }> {
  const workbook = await exampleWorkbook('nuevo-leon');
  const sheet = workbook.sheets.find((s) => s.name === 'Procesos del proyecto')!;
  const row: (string | null)[] = sheet.rows[1].map(() => null);
  const set = (p: string, value: string): void => { row[sheet.rows[1].indexOf(p)] = value; };
  set('id', String(workbook.sheets.find((s) => s.name === 'Proyectos')!.rows[2][0]));
  set('contractingProcesses/0/id', 'ocds-abc123-MERIDA-0001');
  set('contractingProcesses/0/summary/nature', 'Construcción (ejecución de obra)');
  sheet.rows.push(row);
  return { workbook, row: sheet.rows.length };
}
