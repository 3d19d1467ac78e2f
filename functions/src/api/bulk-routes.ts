/**
 * Bulk downloads (DESIGN §8), streamed in constant memory: the store is read page by page and each page is
 * written out (respecting back-pressure) before the next is read. Formats: OCDS release / record packages and
 * the OC4IDS project package as JSON, the same documents as JSON Lines, and the flattened template (.xlsx)
 * written with exceljs's streaming writer, one sheet at a time, formula-safe.
 */
import { Router, type Request, type Response } from 'express';
import { createHash } from 'crypto';
import ExcelJS from 'exceljs';
import type { Writable } from 'stream';
import type { Page, Store } from '../store/store';
import { projectPackage, recordPackage, releasePackage, type PackageMeta } from '../../../core/packages';
import { flattenSheet } from '../../../core/flatten';
import { templateSpec } from '../../../core/template/template-spec';
import { neutraliseFormula } from '../../../core/format/formula-safety';
import { badRequest, notFound } from './http-error';
import { publishedSets, type PublishedSet } from './current-publications';

export interface BulkRoutesDeps { store: Store; baseUrl: string; platformName: string }

type Kind = 'releases' | 'records' | 'projects';
// Small pages keep the memory of a download flat (each page is parsed, written, then dropped).
const PAGE = 100;

/** Every document of one kind across the given publications, page by page. */
async function* documents(store: Store, sets: PublishedSet[], kind: Kind): AsyncGenerator<unknown[]> {
  for (const { publication } of sets) {
    let after: string | undefined;
    do {
      const q = { publicationId: publication.id, after, limit: PAGE };
      const page: Page<{ release?: unknown; record?: unknown; project?: unknown }> =
        kind === 'releases' ? await store.listReleases(q) : kind === 'records' ? await store.listRecords(q) : await store.listProjects(q);
      yield page.items.map((i) => (kind === 'releases' ? i.release : kind === 'records' ? i.record : i.project));
      after = page.next;
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

async function streamXlsx(res: Response, store: Store, sets: PublishedSet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: false });
  for (const sheet of templateSpec().sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    let header = true;
    for await (const page of documents(store, sets, sheet.standard === 'ocds' ? 'records' : 'projects')) {
      const docs = sheet.standard === 'ocds' ? page.map((r) => (r as { compiledRelease?: unknown }).compiledRelease) : page;
      const rows = flattenSheet(sheet, docs).rows;
      for (const row of header ? rows : rows.slice(2)) ws.addRow(row.map((v) => neutraliseFormula(v ?? null))).commit();
      header = false;
    }
    if (header) for (const row of flattenSheet(sheet, []).rows) ws.addRow(row).commit();
    ws.commit();
  }
  await workbook.commit();
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
    const publisherId = typeof req.query.publisher === 'string' && req.query.publisher ? req.query.publisher : undefined;
    if (req.query.publisher !== undefined && typeof req.query.publisher !== 'string') throw badRequest('invalid-publisher', 'El parámetro «publisher» debe aparecer una sola vez.');
    const sets = await publishedSets(deps.store, publisherId);
    if (publisherId && !sets.length && !(await deps.store.getPublisher(publisherId))) throw notFound(`el publicador «${publisherId}»`);
    const stamp = sets.map((s) => s.publication.id).sort().join(',');
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Content-Type': CONTENT_TYPES[file.format],
      'Content-Disposition': `attachment; filename="${publisherId ? `${publisherId}-` : ''}${String(req.params.file)}"`,
      'Cache-Control': 'public, max-age=300',
      // The content only changes when a publisher's current pointer moves.
      ETag: `W/"${createHash('sha1').update(stamp).digest('base64url')}"`,
    });
    if (req.fresh) return void res.status(304).end();
    const single = sets.length === 1 ? sets[0].publisher : undefined;
    const dates = sets.map((s) => s.publication.createdAt).sort();
    const meta: PackageMeta = {
      uri: `${deps.baseUrl}${req.originalUrl}`,
      publishedDate: dates[dates.length - 1] ?? new Date(0).toISOString(),
      publisher: single ? { name: single.name } : { name: deps.platformName, uri: deps.baseUrl },
      ...(single?.license ? { license: single.license } : {}),
      ...(single?.publicationPolicy ? { publicationPolicy: single.publicationPolicy } : {}),
    };
    if (file.format === 'xlsx') await streamXlsx(res, deps.store, sets);
    else if (file.format === 'jsonl') await streamJsonLines(res, deps.store, sets, file.kind as Kind);
    else await streamJson(res, deps.store, sets, file.kind as Kind, meta);
  });
  return router;
}
