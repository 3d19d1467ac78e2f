/**
 * `GET /api/pending/{publisher}`: what one implementer still has to complete of what each of its projects' and
 * processes' stages asks for (core/stats/pending.ts) — the control board's *Pendientes por completar* page — and
 * `GET /api/pending/{publisher}/pendientes.xlsx`, the same list as a workbook in Spanish to work through beside the template.
 *
 * Public like /api/stats: every row is read from published data (the same points each project's page and Calidad
 * show), nothing of a submission under review. The judgement is stored in the publication's index by publish();
 * a publication published before it (or judged by an earlier PENDING_VERSION) is judged once from its records and
 * projects, then kept in memory by publication id, as its index is (publication-indexes.ts) — a request never
 * reads every record of a publication that has its judgement.
 */
import { Router, type Request } from 'express';
import type { Publisher, Store } from '../store/store';
import { publishedElsewhere } from '../publication/published-elsewhere';
import { foreignProcesses } from '../../../core/summary/foreign-processes';
import { isCurrentPending, pendingJudgement, pendingRows } from '../../../core/stats/pending';
import { PENDING_KIND_TITLES, type PendingRow } from '../../../core/stats/pending-row';
import type { PublicationIndex } from '../../../core/stats/publication-index';
import { calendarDate, formatDate } from '../../../core/format/es-mx';
import { Memo, publicationDocuments, publicationIndexes, type PublicationIndexes } from './publication-indexes';
import { publishedState, stampOf, type PublishedSet } from './current-publications';
import { ResponseCache } from './response-cache';
import { notFound } from './http-error';
import { acceptOnly } from './query-parameters';
import { exceljs } from '../xlsx/load-exceljs';
import { excelText } from '../../../core/format/excel-text';

/** The answer of `/api/pending`. */
export interface PendingAnswer {
  publisherId: string;
  name: string;
  state: string;
  /** Null: the implementer has not published yet (nothing to list). */
  publicationId: string | null;
  publishedAt: string | null;
  rows: PendingRow[];
}

/** The workbook's columns, those of the page's CSV (dashboard/src/pages/pending.ts): header, width and the row's value. */
const COLUMNS: [string, number, (r: PendingRow) => string][] = [
  ['Tipo', 22, (r) => PENDING_KIND_TITLES[r.kind]],
  ['Identificador', 34, (r) => r.id],
  ['Título', 40, (r) => r.title],
  ['Proceso del proyecto', 28, (r) => r.process ?? ''],
  ['Etapa', 14, (r) => r.stage],
  ['Dato que falta', 36, (r) => r.point],
  ['Hoja', 26, (r) => r.sheet],
  ['Columnas', 36, (r) => r.columns],
  ['Cómo completarlo', 80, (r) => r.how],
  ['Por qué se pide', 30, (r) => r.basis],
];

export function pendingRoutes(deps: { store: Store; indexes?: PublicationIndexes }): Router {
  const { store } = deps;
  const indexes = deps.indexes ?? publicationIndexes(store);
  const router = Router();
  const answers = new ResponseCache();
  const rowsOf = new Memo<PendingRow[]>(64);
  const workbooks = new Memo<Buffer>(16);

  /** The publication's rows: from the judgement its index holds, or judged once from its documents. */
  const rows = (publicationId: string, publisher: Publisher): Promise<PendingRow[]> => rowsOf.get(publicationId, async () => {
    const index = await indexes(publicationId) as PublicationIndex & { pending?: unknown };
    // Judged again as publication judges it: with the processes other implementers publish, theirs to publish (looked
    // up as publication does, one record each — whether each is published there now).
    const judgement = isCurrentPending(index.pending) ? index.pending : await publicationDocuments(store, publicationId).then(async ({ records, projects }) => {
      const { sources } = await publishedElsewhere(store, publisher, foreignProcesses(projects, publisher.ocidPrefix).map((f) => ({ ...f, quiet: true })));
      return pendingJudgement(records, projects, sources);
    });
    return pendingRows(judgement, index);
  });

  const answerOf = async (req: Request): Promise<{ answer: PendingAnswer; sets: PublishedSet[] }> => {
    acceptOnly(req, []);
    const publisherId = String(req.params.publisher);
    const { sets: all } = await publishedState(store);
    const set = all.find((s) => s.publisher.id === publisherId);
    // Registered and not published yet: an empty list, said as such; unknown: 404.
    const publisher = set?.publisher ?? await store.getPublisher(publisherId);
    if (!publisher) throw notFound(`el publicador «${publisherId}»`);
    const answer: PendingAnswer = {
      publisherId, name: publisher.name, state: publisher.state,
      publicationId: set?.publication.id ?? null, publishedAt: set?.publication.createdAt ?? null,
      rows: set ? await rows(set.publication.id, set.publisher) : [],
    };
    return { answer, sets: set ? [set] : [] };
  };

  router.get('/pending/:publisher', async (req, res) => {
    res.set('Cache-Control', 'public, max-age=60');
    const { answer, sets } = await answerOf(req);
    await answers.send(req, res, `${stampOf(sets)}\n${answer.publisherId}`, async () => answer);
  });

  router.get('/pending/:publisher/pendientes.xlsx', async (req, res) => {
    const { answer } = await answerOf(req);
    const body = await workbooks.get(`${answer.publicationId ?? `sin-publicacion\u0000${answer.publisherId}`}`, async () => {
      const ExcelJS = exceljs();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Pendientes', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = COLUMNS.map(([header, width]) => ({ header, width }));
      sheet.getRow(1).font = { bold: true };
      // Text as text: an id such as «0012» or a «=…» title stays what it is (exceljs writes strings, never formulas);
      // a title Excel cannot hold (core/format/excel-text.ts) made it call the whole list damaged.
      for (const r of answer.rows) sheet.addRow(COLUMNS.map(([, , value]) => excelText(value(r)).text));
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, answer.rows.length + 1), column: COLUMNS.length } };
      // What the list is, for whoever receives the file without the page: whose, as of which publication, and how to use it.
      const about = workbook.addWorksheet('Acerca de esta lista');
      about.getColumn(1).width = 110;
      for (const line of [
        `Pendientes por completar de ${answer.name} (${answer.state}), calculados con lo publicado el ${answer.publishedAt ? formatDate(answer.publishedAt) : '(aún no publica)'}.`,
        'Cada fila es un dato que la etapa del proyecto o del proceso ya pide y que aún no se publica: los datos del estándar de datos de infraestructura de CoST (IDS) de cada proyecto y los documentos clave del programa de cada proceso de contratación.',
        '«Hoja» y «Columnas» dicen dónde se captura en la plantilla; «Identificador» (y «Proceso del proyecto») dice en qué fila. Al publicar la actualización, la lista se calcula de nuevo.',
      ]) about.addRow([line]).alignment = { wrapText: true, vertical: 'top' };
      return Buffer.from(await workbook.xlsx.writeBuffer());
    });
    const day = calendarDate(answer.publishedAt ?? undefined) ?? 'sin-publicar';
    res.set('Cache-Control', 'public, max-age=60');
    res.attachment(`pendientes-${answer.publisherId}-${day}.xlsx`);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.send(body);
  });

  return router;
}
