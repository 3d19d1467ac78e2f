/**
 * A large implementer's workbook sent from Google Sheets to a self-hosted server (the add-on sends its values as
 * JSON, compressed with gzip), over real HTTP: what travels is held to MAX_BODY_BYTES, the values once decompressed
 * to their own limit, decompression stops at that limit (a «gzip bomb» costs no more), and each refusal speaks of
 * the sheet's data sent from Google Sheets — not of «el archivo», which the official never chose.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as zlib from 'zlib';
import { randomBytes } from 'crypto';
import express from 'express';
import { WORKBOOK_JSON_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { syntheticDocumentsFor, workbookOf } from '../../scripts/bench/synthetic-publisher';
import { gzippedValuesBody, INFLATED_BYTES } from '../../functions/src/workflow/workbook-values-body';
import { HttpError } from '../../functions/src/api/http-error';
import { localHarness, PUBLISHERS, type LocalHarness } from './workflow-harness';

const MiB = 2 ** 20;

interface Answer { status: number; body: { error?: { code: string; message: string }; submission?: { id: string } } }

/** A POST over a real socket; `chunked`: without Content-Length, as a client streaming its body sends it. */
function post(base: string, path: string, body: Buffer, headers: Record<string, string>, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', headers: { ...headers, ...(chunked ? {} : { 'Content-Length': String(body.length) }) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8') || 'null') as Answer['body'] }));
    });
    req.on('error', reject);
    if (chunked) for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
    else req.write(body);
    req.end();
  });
}

/** `members` gzip members of 16 MiB of spaces each, one after the other (gunzip reads them all as one body). */
function gzipBomb(members: number): Buffer {
  const one = zlib.gzipSync(Buffer.alloc(16 * MiB, 0x20), { level: 9 });
  return Buffer.concat(Array.from({ length: members }, () => one));
}

describe('a workbook sent as values, gzip-compressed (self-hosted, real HTTP)', () => {
  let h: LocalHarness;
  let server: http.Server;
  let base: string;
  const headers = (h2: LocalHarness, gzip: boolean) => ({ Authorization: h2.bearer('capturistaA'), 'Content-Type': WORKBOOK_JSON_MIME, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
  // A MAX_BODY_BYTES of 1 MiB and values of at most 8 MiB: a size built in a moment (the defaults are 64 MiB and 160 MiB).
  beforeAll(async () => {
    h = await localHarness({ maxUploadBytes: MiB, maxValuesBytes: 8 * MiB });
    server = h.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { server?.close(); await h?.close(); });

  test('250 processes (4 MB of values): refused uncompressed, as the sheet\'s data, with what to do; sent gzipped (about 0.1 MB), received', async () => {
    const values = workbookValues(workbookOf(syntheticDocumentsFor(PUBLISHERS[0], 250)));
    const text = Buffer.from(JSON.stringify({ spreadsheetId: 'hoja-grande', spreadsheetName: 'Contrataciones 2024', workbook: values }));
    const packed = zlib.gzipSync(text);
    expect(text.length).toBeGreaterThan(3.5 * MiB);
    expect(packed.length).toBeLessThan(MiB / 4);

    const plain = await post(base, '/api/submissions', text, headers(h, false));
    expect([plain.status, plain.body.error?.code]).toEqual([413, 'values.limit-sent-bytes']);
    expect(plain.body.error?.message).toBe('Los datos del libro enviados desde Google Sheets pesan más de 1 MB, lo máximo que este servidor recibe en un envío. '
      + 'Descargue el libro como Excel (en Google Sheets: Archivo → Descargar → Microsoft Excel) y envíelo desde el tablero, en «Mis envíos», o divida la información en dos libros.');

    const sent = await post(base, '/api/submissions', packed, headers(h, true));
    expect(sent.status).toBe(201);
    const stored = await h.store.getSubmission(sent.body.submission!.id);
    expect(stored?.source).toMatchObject({ kind: 'values', spreadsheetId: 'hoja-grande', name: 'Contrataciones 2024' });
    // «Validar» asks whether the sheet still holds what was sent, with the same compressed body.
    const compared = await post(base, `/api/submissions/${sent.body.submission!.id}/compare`, zlib.gzipSync(JSON.stringify({ workbook: values })), headers(h, true));
    expect(compared.status).toBe(200);
    expect(compared.body).toMatchObject({ changed: false });
  }, 60_000);

  test('values over their limit once decompressed, or compressed bytes over MAX_BODY_BYTES (declared or streamed): 413 naming which', async () => {
    const bomb = gzipBomb(4); // 64 MiB of spaces in about 0.25 MB
    const big = await post(base, '/api/submissions', bomb, headers(h, true));
    expect([big.status, big.body.error?.code]).toEqual([413, 'values.limit-uncompressed-bytes']);
    expect(big.body.error?.message).toMatch(/^Los datos del libro enviados desde Google Sheets ocupan más de 8 MB una vez descomprimidos, lo máximo que este servidor lee de un libro enviado así\. Descargue el libro como Excel/);

    const noise = zlib.gzipSync(randomBytes(MiB + 1024), { level: 0 });
    for (const chunked of [false, true]) {
      const over = await post(base, '/api/submissions', noise, headers(h, true), chunked);
      expect([over.status, over.body.error?.code]).toEqual([413, 'values.limit-sent-bytes']);
      expect(over.body.error?.message).toMatch(/^Los datos del libro enviados desde Google Sheets pesan, aun comprimidos, más de 1 MB, lo máximo que este servidor recibe en un envío\. Descargue el libro como Excel/);
    }
    const broken = await post(base, '/api/submissions', Buffer.from('esto no es gzip'), headers(h, true));
    expect([broken.status, broken.body.error?.code]).toEqual([400, 'invalid-gzip']);
    // Nothing of them was kept; the server still answers.
    expect((await h.store.listSubmissions({ publisherId: 'mer', limit: 100 })).items.filter((s) => s.source.kind === 'values' && s.source.spreadsheetId !== 'hoja-grande')).toEqual([]);
  });
});

test('a gzip bomb is decompressed only up to the limit, not to its full size', async () => {
  let inflated = -1;
  const app = express();
  app.post('/v', gzippedValuesBody(WORKBOOK_JSON_MIME, { sentBytes: 50 * MiB, valuesBytes: MiB }), (_req, res) => { res.json({}); });
  app.use(((err, req, res, _next) => {
    inflated = (req as unknown as Record<symbol, number>)[INFLATED_BYTES];
    res.status((err as HttpError).status).json({ error: { code: (err as HttpError).code } });
  }) as express.ErrorRequestHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    // 1 GiB of spaces in about 1 MB.
    const res = await post(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, '/v', gzipBomb(64), { 'Content-Type': WORKBOOK_JSON_MIME, 'Content-Encoding': 'gzip' });
    expect([res.status, res.body.error?.code]).toEqual([413, 'values.limit-uncompressed-bytes']);
    // Stopped within one of zlib's output chunks (16 KiB) past the limit.
    expect(inflated).toBeGreaterThan(MiB);
    expect(inflated).toBeLessThan(MiB + 64 * 1024);
  } finally { server.close(); }
});
