/**
 * `npm run bench:send [-- --n 1000,5000]` (or BENCH_SIZE=…): what the add-on sends to a self-hosted server for a
 * workbook of the bench's synthetic processes (scripts/bench/synthetic-publisher.ts), in each body shape measured —
 * the values as JSON (what it sent before), the same with each row's trailing empty cells left out (a leaner shape),
 * and the JSON gzip-compressed (what it sends now) — against the limits: the server's MAX_BODY_BYTES (64 MiB by
 * default) on what travels, MAX_WORKBOOK_VALUES_BYTES on the values, Google's 50 MB per request. Then the gzipped body
 * is sent to the real app over HTTP (SQLite in memory) and its answer and time printed. The synthetic workbook clones
 * 5 demo processes, so it compresses far better than real data: the demo's 5 processes alone compress about 8 to 1.
 * Prints; asserts nothing.
 */
import type { AddressInfo } from 'net';
import * as zlib from 'zlib';
import { DEFAULT_MAX_BODY_BYTES, MAX_WORKBOOK_VALUES_BYTES, WORKBOOK_JSON_MIME, type JsonCell, type WorkbookValues } from '../core/workflow/contract';
import { workbookValues } from '../core/workflow/workbook-values';
import { URL_FETCH_MAX_PAYLOAD_BYTES } from '../addon/src/backend/backend-client';
import { benchSizes } from './bench/sizes';
import { BENCH_PUBLISHER, syntheticWorkbook } from './bench/synthetic-publisher';
import { createApp } from '../functions/src/app';
import { issueToken } from '../functions/src/auth/api-tokens';
import { apiTokenAuthenticator } from '../functions/src/auth/api-token-authenticator';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { directoryUploads } from '../functions/src/workflow/upload-store';
import { workflowRoutes } from '../functions/src/workflow/workflow-routes';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCli } from './build';
import { BACKGROUND_WORKER, runAsServed } from './bench/run-as-served';

const MAX_BODY_BYTES = DEFAULT_MAX_BODY_BYTES;
const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} MB`;
const fits = (bytes: number, limit: number) => (bytes <= limit ? '✓' : '✗');

function trimmed(values: WorkbookValues): WorkbookValues {
  const trim = (row: JsonCell[]) => { let k = row.length; while (k > 0 && (row[k - 1] === null || row[k - 1] === '')) k--; return row.slice(0, k); };
  return { sheets: values.sheets.map((s) => ({ ...s, rows: s.rows.map(trim) })) };
}

async function main(): Promise<void> {
  for (const n of benchSizes([1000, 5000])) {
    const values = workbookValues(syntheticWorkbook(n));
    const text = JSON.stringify({ spreadsheetId: 'hoja-grande', workbook: values });
    const json = Buffer.byteLength(text);
    const lean = Buffer.byteLength(JSON.stringify({ spreadsheetId: 'hoja-grande', workbook: trimmed(values) }));
    let started = process.hrtime.bigint();
    const packed = zlib.gzipSync(text);
    const gzipMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${n.toLocaleString('en-US')} procesos:`);
    console.log(`  JSON (antes)             ${mb(json).padStart(10)}  ${fits(json, MAX_BODY_BYTES)} MAX_BODY_BYTES (${MAX_BODY_BYTES / 2 ** 20} MiB)  ${fits(json, URL_FETCH_MAX_PAYLOAD_BYTES)} Google (50 MB)`);
    console.log(`  sin celdas vacías al final ${mb(lean).padStart(8)}  (${((1 - lean / json) * 100).toFixed(1)} % menos)`);
    console.log(`  gzip (ahora)             ${mb(packed.length).padStart(10)}  ${fits(packed.length, MAX_BODY_BYTES)} MAX_BODY_BYTES  ${fits(packed.length, URL_FETCH_MAX_PAYLOAD_BYTES)} Google; valores ${fits(json, MAX_WORKBOOK_VALUES_BYTES)} ${MAX_WORKBOOK_VALUES_BYTES / 2 ** 20} MiB descomprimidos; ${(json / packed.length).toFixed(1)} a 1, comprimido en ${gzipMs.toFixed(0)} ms`);

    // The self-hosted server's app (SQLite in memory, the default MAX_BODY_BYTES), with the bench's publisher and one official.
    const store = openSqliteStore(':memory:');
    const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-send-'));
    await store.putPublisher(BENCH_PUBLISHER);
    const { token, hash } = issueToken();
    await store.putUser({ id: 'u-bench', email: 'captura@bench.example', role: 'capturista', publisherId: BENCH_PUBLISHER.id, tokenHash: hash });
    const base = 'http://127.0.0.1';
    const routes = workflowRoutes({ store, authenticator: apiTokenAuthenticator(store), baseUrl: base, uploads: directoryUploads(uploads), maxUploadBytes: MAX_BODY_BYTES, log: () => {} });
    const server = createApp({ store, config: { publicBaseUrl: base, maxBodyBytes: MAX_BODY_BYTES }, log: () => {}, extraApi: [routes] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      started = process.hrtime.bigint();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/submissions`, {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': WORKBOOK_JSON_MIME, 'Content-Encoding': 'gzip' }, body: packed,
      });
      const answer = await res.text();
      console.log(`  enviado comprimido al servidor propio: ${res.status} en ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms${res.status >= 400 ? ` (${answer.slice(0, 300)})` : ''}`);
    } finally {
      server.close();
      await store.close();
      fs.rmSync(uploads, { recursive: true, force: true });
    }
  }
}

/**
 * The upload of an .xlsx (what «Mis envíos» sends) to the server as `serve` runs it (its background thread, which
 * the app above does not have): the time to the first answer — «se está revisando» past the send's budget — and to
 * the outcome. In a process of its own, built as the CLI's bundle is, like bench:preview.
 */
async function uploadTiming(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-send-upload-'));
  try {
    await buildCli();
    for (const n of benchSizes([1000, 5000])) await runAsServed('send-timing', [fs.mkdtempSync(path.join(dir, 'servidor-')), String(n), BACKGROUND_WORKER]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(uploadTiming).catch((e) => { console.error(e); process.exit(1); });
