/**
 * Bulk downloads (DESIGN §8), streamed in constant memory: the store is read page by page and each page is
 * written out (respecting back-pressure) before the next is read. Formats: OCDS release / record packages and
 * the OC4IDS project package as JSON, the same documents as JSON Lines, and the flattened template (.xlsx)
 * written with exceljs's streaming writer, one sheet at a time, formula-safe.
 */
import { Router, type Request, type Response } from 'express';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import ExcelJS from 'exceljs';
import type { Writable } from 'stream';
import type { Page, Store } from '../store/store';
import { projectPackage, recordPackage, releasePackage, type PackageMeta } from '../../../core/packages';
import { flattenSheet } from '../../../core/flatten';
import { looksLikeFormula } from '../../../core/format/formula-safety';
import { templateSpec } from '../../../core/template/template-spec';
import { notFound } from './http-error';
import { packageMeta, requestedSets, stampOf, type PublishedSet } from './current-publications';

export interface BulkRoutesDeps { store: Store; baseUrl: string; platformName: string }

type Kind = 'releases' | 'records' | 'projects';
// Small pages keep the memory of a download flat (each page is parsed, written, then dropped).
const PAGE = 100;

/** Every document of one kind across the given publications, page by page. */
async function* documents(store: Store, sets: PublishedSet[], kind: Kind): AsyncGenerator<unknown[]> {
  for (const { publication } of sets) {
    let after: string | undefined;
    do {
      const q = { publicationId: publication.id, after, limit: kind === 'records' ? PAGE / 4 : PAGE };
      const page: Page<{ release?: unknown; record?: unknown; project?: unknown }> =
        kind === 'releases' ? await store.listReleases(q) : kind === 'records' ? await store.listRecords(q) : await store.listProjects(q);
      yield page.items.map((i) => (kind === 'releases' ? i.release : kind === 'records' ? i.record : i.project));
      after = page.next;
      // A download is long CPU work (parse, serialize): give other requests their turn between pages, so one
      // journalist downloading everything does not stall every reader of the API.
      await new Promise((resolve) => setImmediate(resolve));
    } while (after);
  }
}

function write(out: Writable, chunk: string): Promise<void> | void {
  if (!out.write(chunk)) return new Promise((resolve) => out.once('drain', resolve));
}

const PACKAGERS = { releases: releasePackage, records: recordPackage, projects: projectPackage } as const;

async function streamJson(res: Response, store: Store, sets: PublishedSet[], kind: Kind, meta: PackageMeta): Promise<void> {
  // The envelope is the real package with an empty list, split where the list goes.
  const envelope = JSON.stringify(PACKAGERS[kind]([], meta));
  const marker = `"${kind}":[]`;
  const at = envelope.lastIndexOf(marker);
  await write(res, `${envelope.slice(0, at)}"${kind}":[`);
  let first = true;
  for await (const page of documents(store, sets, kind)) {
    for (const doc of page) {
      await write(res, (first ? '' : ',') + JSON.stringify(doc));
      first = false;
    }
  }
  res.end(`]${envelope.slice(at + marker.length)}`);
}

async function streamJsonLines(res: Response, store: Store, sets: PublishedSet[], kind: Kind): Promise<void> {
  for await (const page of documents(store, sets, kind)) {
    let chunk = '';
    for (const doc of page) chunk += `${JSON.stringify(doc)}\n`;
    if (chunk) await write(res, chunk);
  }
  res.end();
}

/**
 * The latest release of each process, page by page. Our releases are full snapshots of a process (the sheet holds
 * its whole state), so the latest one is its compiled state — at a fifth of the bytes of a record.
 */
async function* latestReleases(store: Store, sets: PublishedSet[]): AsyncGenerator<unknown[]> {
  let pending: { ocid: string; release: unknown } | undefined;
  for (const { publication } of sets) {
    let after: string | undefined;
    do {
      const page = await store.listReleases({ publicationId: publication.id, after, limit: PAGE });
      const out: unknown[] = [];
      for (const r of page.items) {
        if (pending && pending.ocid !== r.ocid) out.push(pending.release);
        pending = { ocid: r.ocid, release: r.release };
      }
      if (out.length) yield out;
      after = page.next;
      await new Promise((resolve) => setImmediate(resolve));
    } while (after);
  }
  if (pending) yield [pending.release];
}

/**
 * The flattened template as .xlsx in one pass over the store: each page's rows go to one temporary JSON Lines
 * file per sheet, then the sheets are streamed into the workbook one after another (an .xlsx holds its sheets
 * one after another, so they cannot be written side by side). Memory stays at one page; the client's pace is
 * respected (we wait for `drain`). Text goes into typed string cells, which a spreadsheet never runs as a formula
 * whatever they start with (= + - @), so it needs no apostrophe guard and reads back exactly as published
 * (a CSV has no cell types: the dashboard's CSV keeps the apostrophe, core/format/formula-safety.ts).
 */
/**
 * A spilled value as the cell to write. Calendar dates were spilled as {d: epoch ms} so they come back as real
 * dates. Text that starts like a formula goes in an inline-string cell (`t="inlineStr"`, what ExcelJS writes for
 * rich text), the plainest "this is text" an .xlsx can say; other text keeps ExcelJS's usual string cell.
 */
function cellValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object') return new Date((v as { d: number }).d);
  return looksLikeFormula(v) ? { richText: [{ text: v }] } : v;
}

async function streamXlsx(res: Response, store: Store, sets: PublishedSet[]): Promise<void> {
  const spec = templateSpec();
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'datos-xlsx-'));
  try {
    const files = spec.sheets.map((_, i) => fs.createWriteStream(path.join(dir, `${i}.jsonl`)));
    const spill = async (standard: 'ocds' | 'oc4ids', pages: AsyncGenerator<unknown[]>): Promise<void> => {
      for await (const docs of pages) {
        for (const [i, sheet] of spec.sheets.entries()) {
          if (sheet.standard !== standard) continue;
          let chunk = '';
          for (const row of flattenSheet(sheet, docs).rows.slice(2)) chunk += `${JSON.stringify(row.map((v) => (v instanceof Date ? { d: v.getTime() } : (v ?? null))))}\n`;
          if (chunk) await write(files[i], chunk);
        }
      }
    };
    await spill('ocds', latestReleases(store, sets));
    await spill('oc4ids', documents(store, sets, 'projects'));
    await Promise.all(files.map((f) => new Promise<void>((resolve, reject) => f.end((e?: Error | null) => (e ? reject(e) : resolve())))));

    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: false });
    for (const [i, sheet] of spec.sheets.entries()) {
      const ws = workbook.addWorksheet(sheet.name);
      for (const row of flattenSheet(sheet, []).rows) ws.addRow(row).commit();
      const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, `${i}.jsonl`)), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        ws.addRow((JSON.parse(line) as unknown[]).map(cellValue)).commit();
        if (res.writableNeedDrain) await new Promise((resolve) => res.once('drain', resolve));
      }
      ws.commit();
    }
    await workbook.commit();
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

const FILES: Record<string, { kind?: Kind; format: 'json' | 'jsonl' | 'xlsx' }> = {
  'releases.json': { kind: 'releases', format: 'json' },
  'records.json': { kind: 'records', format: 'json' },
  'projects.json': { kind: 'projects', format: 'json' },
  'releases.jsonl': { kind: 'releases', format: 'jsonl' },
  'records.jsonl': { kind: 'records', format: 'jsonl' },
  'projects.jsonl': { kind: 'projects', format: 'jsonl' },
  'datos.xlsx': { format: 'xlsx' },
};

const CONTENT_TYPES = { json: 'application/json; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function bulkRoutes(deps: BulkRoutesDeps): Router {
  const router = Router();
  router.get('/bulk', (_req, res) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.json({ files: Object.keys(FILES).map((name) => ({ name, url: `${deps.baseUrl}/api/bulk/${name}` })) });
  });
  router.get('/bulk/:file', async (req: Request, res: Response) => {
    const file = FILES[String(req.params.file)];
    if (!file) throw notFound(`el archivo de descarga «${String(req.params.file)}»`);
    const { sets, publisherId } = await requestedSets(deps.store, req);
    const stamp = stampOf(sets);
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Content-Type': CONTENT_TYPES[file.format],
      'Content-Disposition': `attachment; filename="${publisherId ? `${publisherId}-` : ''}${String(req.params.file)}"`,
      'Cache-Control': 'public, max-age=300',
      // The content only changes when a publisher's current pointer moves.
      ETag: `W/"${createHash('sha1').update(stamp).digest('base64url')}"`,
    });
    if (req.fresh) return void res.status(304).end();
    const meta = packageMeta(`${deps.baseUrl}${req.originalUrl}`, sets, { name: deps.platformName, uri: deps.baseUrl });
    if (file.format === 'xlsx') await streamXlsx(res, deps.store, sets);
    else if (file.format === 'jsonl') await streamJsonLines(res, deps.store, sets, file.kind as Kind);
    else await streamJson(res, deps.store, sets, file.kind as Kind, meta);
  });
  return router;
}
