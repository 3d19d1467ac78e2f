/**
 * Static bulk files (issue 16, item 3): written once per publication — to a folder self-hosted, and to Cloud
 * Storage in the cloud (the real @google-cloud/storage client against a local stub of its JSON API) — and
 * served as files with Content-Length, a strong ETag, 304s and gzip, or by redirect when the bucket is public.
 */
import request from 'supertest';
import { binaryBody, xlsxBook } from '../../../test/support/xlsx-download';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { createHash } from 'crypto';
import type { BulkManifest } from '../publication/bulk-manifest';
import * as http from 'http';
import { once } from 'events';
import type { AddressInfo } from 'net';
import { formatNumber } from '../../../core/format/es-mx';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Publisher, Store } from '../store/store';
import { VALIDATORS } from '../../../core/validate';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { exampleWorkbook, publisherOf, publishExamples } from '../../../test/example-workbooks';
import { hasStandards, STANDARDS_DIR } from '../../../test/standards';
import { publish, publishHistory } from '../publication/publish';
import { templateSpec } from '../../../core/template/template-spec';
import { projectPackage } from '../../../core/packages';
import { startStorageStub, type StorageStub } from '../../../test/storage-stub/storage-stub';
import { diskBlobStore } from '../publication/disk-blob-store';
import { gcsBlobStore } from '../publication/gcs-blob-store';
import type { BlobStore } from '../publication/blob-store';
import { XlsxFileSource } from '../ingest/xlsx-source';
import { checkWorkbook } from '../../../core/pipeline/check-workbook';
import type { WorkbookModel } from '../../../core/workbook/model';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
let stub: StorageStub;
let reads = 0;
let counted: Store;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await publishExamples(store, BASE);
  stub = await startStorageStub();
  // Counts document listings: serving a stored file must not list anything.
  counted = { ...store, listReleases: (q) => { reads++; return store.listReleases(q); }, listRecords: (q) => { reads++; return store.listRecords(q); }, listProjects: (q) => { reads++; return store.listProjects(q); } };
});
const tempDirs: string[] = [];
afterAll(async () => {
  await store.close();
  await stub.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});


/**
 * One folder of files written for the tests that only read them, as the Cloud Storage tests share their bucket:
 * writing Mérida's (and all publishers') files again for each such test only repeated the same work. The tests that
 * look at what a new folder holds, or change what is in it, have their own.
 */
let sharedDir: string | undefined;
function sharedDisk(): BlobStore {
  if (!sharedDir) {
    sharedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-test-'));
    tempDirs.push(sharedDir);
  }
  return diskBlobStore(sharedDir);
}

function appWith(blobs: BlobStore) {
  return createApp({ store: counted, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs });
}

describe.each([
  ['disk', sharedDisk],
  ['Cloud Storage (stub)', () => gcsBlobStore({ bucket: 'demo-bulk', projectId: 'demo-infra', apiEndpoint: stub.apiEndpoint })],
])('bulk files on %s', (label, blobs) => {
  it('are built once, then served as files with length, strong ETag, 304 and gzip', async () => {
    const app = appWith(blobs());
    reads = 0;
    const first = await request(app).get('/api/bulk/releases.json?publisher=merida').set('Accept-Encoding', 'identity').buffer(true).parse(binaryBody).expect(200);
    expect(reads).toBeGreaterThan(0);
    const pkg = JSON.parse((first.body as Buffer).toString('utf8')) as { releases: unknown[]; uri: string };
    if (!VALIDATORS.releasePackage(pkg)) throw new Error(JSON.stringify(VALIDATORS.releasePackage.errors?.slice(0, 3)));
    expect(pkg.uri).toBe(`${BASE}/api/bulk/releases.json?publisher=merida`);
    expect(Number(first.headers['content-length'])).toBe((first.body as Buffer).length);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9+/=]{24}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['content-disposition']).toBe('attachment; filename="merida-releases.json"');

    reads = 0;
    const again = await request(app).get('/api/bulk/releases.json?publisher=merida').set('Accept-Encoding', 'identity').buffer(true).parse(binaryBody).expect(200);
    expect((again.body as Buffer).equals(first.body as Buffer)).toBe(true);
    await request(app).get('/api/bulk/records.jsonl?publisher=merida').expect(200);
    await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    expect(reads).toBe(0);

    await request(app).get('/api/bulk/releases.json?publisher=merida').set('Accept-Encoding', 'identity').set('If-None-Match', first.headers.etag).expect(304);
    // Clients that accept gzip get the stored compressed copy; `.gz` names download it as such.
    const zipped = await request(app).get('/api/bulk/releases.json?publisher=merida').set('Accept-Encoding', 'gzip').buffer(true).parse(binaryBody).expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect((zipped.body as Buffer).equals(first.body as Buffer)).toBe(true); // decoded by the client
    const gz = await request(app).get('/api/bulk/releases.jsonl.gz?publisher=merida').set('Accept-Encoding', 'identity').buffer(true).parse(binaryBody).expect(200);
    expect(gz.headers['content-type']).toBe('application/gzip');
    expect(gunzipSync(gz.body as Buffer).toString('utf8').trim().split('\n')).toHaveLength(pkg.releases.length);
    const head = await request(app).head('/api/bulk/releases.json?publisher=merida').set('Accept-Encoding', 'identity').expect(200);
    expect(head.headers['content-length']).toBe(first.headers['content-length']);

    // Written with them, listed with them: each file's size and SHA-256 (what a journalist checks a download
    // against), and the publication's sealed audit entry, whose hashes of the content as published are those of the
    // JSON Lines files served.
    expect((await request(app).get('/api/bulk?publisher=merida').expect(200)).body.files.map((f: { name: string }) => f.name)).toContain('huellas.json');
    const manifest = (await request(app).get('/api/bulk/huellas.json?publisher=merida').set('Accept-Encoding', 'gzip').expect(200)).body as BulkManifest;
    const print = (name: string) => manifest.files.find((f) => f.name === name);
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const lines = (await request(app).get('/api/bulk/releases.jsonl?publisher=merida').set('Accept-Encoding', 'identity').buffer(true).parse(binaryBody).expect(200)).body as Buffer;
    const xlsx = (await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200)).body as Buffer;
    expect([print('releases.json'), print('releases.jsonl'), print('datos.xlsx'), print('releases.jsonl.gz')?.sha256]).toEqual([
      { name: 'releases.json', bytes: (first.body as Buffer).length, sha256: sha256(first.body as Buffer) },
      { name: 'releases.jsonl', bytes: lines.length, sha256: sha256(lines) },
      { name: 'datos.xlsx', bytes: xlsx.length, sha256: sha256(xlsx) },
      sha256(gz.body as Buffer),
    ]);
    const [publication] = manifest.publications;
    const entry = (await store.listAudit({ publisherId: 'merida' })).items.find((e) => e.target === `publication/${publication.publicationId}`);
    expect(publication.audit).toEqual({ seq: entry?.seq, hash: entry?.hash, servedSha256: entry?.details.servedSha256 });
    expect(entry?.details.servedSha256).toMatchObject({ releases: sha256(lines), records: print('records.jsonl')?.sha256, projects: print('projects.jsonl')?.sha256 });
  }, 30000);

  // `wget -N` and `curl -z` mirror by date: with no Last-Modified, each run fetched every file again.
  it('say when they were written (Last-Modified), and answer If-Modified-Since with 304 until a newer file', async () => {
    const app = appWith(blobs());
    const first = await request(app).get('/api/bulk/records.jsonl?publisher=merida').set('Accept-Encoding', 'identity').expect(200);
    const modified = String(first.headers['last-modified']);
    // An HTTP date, when the file was written: by this test, or earlier in the bucket the Cloud Storage tests share.
    expect(new Date(modified).toUTCString()).toBe(modified);
    expect(Date.parse(modified)).toBeLessThanOrEqual(Date.now());
    // Asked again as the first time (`wget -N` sends the same request): the same copy. The gzip copy is another object,
    // written after the plain one, with a Last-Modified of its own that may be a second later.
    const again = (since: string) => request(app).get('/api/bulk/records.jsonl?publisher=merida').set('Accept-Encoding', 'identity').set('If-Modified-Since', since);
    await again(modified).expect(304);
    await again(new Date(Date.parse(modified) - 86_400_000).toUTCString()).expect(200);
  });

  it('builds the all-publishers files once for concurrent first requests', async () => {
    const app = appWith(blobs());
    reads = 0;
    const answers = await Promise.all([1, 2, 3].map(() => request(app).get('/api/bulk/projects.json').set('Accept-Encoding', 'identity').buffer(true).parse(binaryBody)));
    const listingsForOneBuild = reads;
    expect(new Set(answers.map((a) => (a.body as Buffer).toString('utf8'))).size).toBe(1);
    const pkg = JSON.parse((answers[0].body as Buffer).toString('utf8')) as { projects: unknown[] };
    if (!VALIDATORS.projectPackage(pkg)) throw new Error(JSON.stringify(VALIDATORS.projectPackage.errors?.slice(0, 3)));
    expect(pkg.projects.length).toBeGreaterThanOrEqual(12);
    reads = 0;
    await request(app).get('/api/bulk/projects.json').expect(200);
    expect(reads).toBe(0);
    expect(listingsForOneBuild).toBeGreaterThan(0);
  }, 30000);

  // Issue: the files ignored Range, so a download cut off on a poor connection started over (RFC 9110 §14).
  it('resume where a download stopped: one range answered 206 with its Content-Range and length, read alone from the store', async () => {
    const app = appWith(blobs());
    const url = '/api/bulk/releases.json?publisher=merida';
    const get = (headers: Record<string, string>) => {
      let req = request(app).get(url);
      for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
      return req.buffer(true).parse(binaryBody);
    };
    const whole = await get({ 'Accept-Encoding': 'identity' }).expect(200);
    const bytes = whole.body as Buffer;
    const size = bytes.length;
    const half = Math.floor(size / 2);
    const etag = String(whole.headers.etag);
    expect(whole.headers['accept-ranges']).toBe('bytes');

    const asked = stub.mediaRanges.length;
    const rest = await get({ 'Accept-Encoding': 'identity', Range: `bytes=${half}-`, 'If-Range': etag }).expect(206);
    expect(rest.headers['content-range']).toBe(`bytes ${half}-${size - 1}/${size}`);
    expect(Number(rest.headers['content-length'])).toBe(size - half);
    expect(rest.headers.etag).toBe(etag);
    expect(Buffer.concat([bytes.subarray(0, half), rest.body as Buffer]).equals(bytes)).toBe(true);
    // In the cloud only that part is read from the bucket (the client's Range on the media download).
    expect(stub.mediaRanges.slice(asked)).toEqual(label === 'disk' ? [] : [`bytes=${half}-${size - 1}`]);
    expect(((await get({ Range: 'bytes=0-99' }).expect(206)).body as Buffer).equals(bytes.subarray(0, 100))).toBe(true);
    expect(((await get({ Range: 'bytes=-10' }).expect(206)).body as Buffer).equals(bytes.subarray(size - 10))).toBe(true);
    // A stored .gz is ranged over its own bytes (it starts with gzip's magic number).
    expect(((await request(app).get('/api/bulk/releases.jsonl.gz?publisher=merida').set('Range', 'bytes=0-1').buffer(true).parse(binaryBody).expect(206)).body as Buffer).toString('hex')).toBe('1f8b');

    // Another file's tag (or a weak one, or a date) in If-Range: what the client holds is not of this file, so all of it.
    for (const other of ['"de-otra-publicacion"', `W/${etag}`, 'Fri, 05 Dec 2025 10:00:00 GMT']) {
      const res = await get({ 'Accept-Encoding': 'identity', Range: `bytes=${half}-`, 'If-Range': other }).expect(200);
      expect({ other, same: (res.body as Buffer).equals(bytes), range: res.headers['content-range'] }).toEqual({ other, same: true, range: undefined });
    }
    // Several ranges: the whole file (RFC 9110 §14.2 lets a server ignore Range); HEAD: the whole length.
    expect(((await get({ Range: 'bytes=0-9,20-29' }).expect(200)).body as Buffer).equals(bytes)).toBe(true);
    expect((await request(app).head(url).set('Accept-Encoding', 'identity').set('Range', `bytes=${half}-`).expect(200)).headers['content-length']).toBe(String(size));

    // Past the end: 416 with the file's length, in Spanish, not cached.
    const beyond = await request(app).get(url).set('Range', `bytes=${size}-`).expect(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`);
    expect(beyond.headers['cache-control']).toBe('no-store');
    expect(beyond.body.error).toEqual({ code: 'range-not-satisfiable', message: `El rango pedido («bytes=${size}-») queda fuera del archivo «releases.json», que tiene ${formatNumber(size, 0)} bytes: pida un rango que empiece antes del final, o el archivo completo sin el encabezado «Range».` });
  }, 30000);

  // Ranges count the bytes sent; a client saves the gzip coding decoded. The rest of the compressed copy after the
  // decoded start would be garbage: a request with a Range gets the file as stored.
  it('a client that accepts gzip resumes over the bytes it saved: a range is never of the gzip coding', async () => {
    const app = appWith(blobs());
    const url = '/api/bulk/records.json?publisher=merida';
    const zipped = await request(app).get(url).set('Accept-Encoding', 'gzip').buffer(true).parse(binaryBody).expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const saved = zipped.body as Buffer; // decoded, as a browser or curl --compressed saves it
    const half = Math.floor(saved.length / 2);
    const rest = await request(app).get(url).set('Accept-Encoding', 'gzip').set('Range', `bytes=${half}-`).buffer(true).parse(binaryBody).expect(206);
    expect(rest.headers['content-encoding']).toBeUndefined();
    expect(rest.headers['content-range']).toBe(`bytes ${half}-${saved.length - 1}/${saved.length}`);
    expect(Buffer.concat([saved.subarray(0, half), rest.body as Buffer]).equals(saved)).toBe(true);
    // With If-Range naming the compressed copy it had, it gets the whole file as stored.
    const again = await request(app).get(url).set('Accept-Encoding', 'gzip').set('Range', `bytes=${half}-`).set('If-Range', String(zipped.headers.etag)).buffer(true).parse(binaryBody).expect(200);
    expect(again.headers['content-encoding']).toBeUndefined();
    expect((again.body as Buffer).equals(saved)).toBe(true);
  }, 30000);

  it('a download cut off halfway over a real connection, resumed with Range: bytes=N- and If-Range, is byte for byte the file', async () => {
    const server = appWith(blobs()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-resume-'));
    tempDirs.push(dir);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/bulk/releases.jsonl?publisher=merida`;
      // curl sends no Accept-Encoding unless told; it writes what arrives, and the connection drops halfway.
      const fetchTo = (file: string, headers: Record<string, string>, stopAfter = Infinity) => new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.get(url, { headers }, (res) => {
          res.on('error', (e) => { if (stopAfter === Infinity) reject(e); });
          let written = 0;
          res.on('data', (c: Buffer) => {
            const take = c.subarray(0, Math.max(0, stopAfter - written));
            fs.appendFileSync(file, take);
            written += take.length;
            if (written >= stopAfter) { req.destroy(); resolve(res); }
          });
          res.on('end', () => resolve(res));
        });
        req.on('error', reject);
      });
      const reference = path.join(dir, 'completo.jsonl');
      const first = await fetchTo(reference, {});
      const size = fs.statSync(reference).size;
      const partial = path.join(dir, 'interrumpido.jsonl');
      await fetchTo(partial, {}, Math.floor(size / 2));
      const have = fs.statSync(partial).size;
      expect(have).toBe(Math.floor(size / 2));
      const resumed = await fetchTo(partial, { Range: `bytes=${have}-`, 'If-Range': String(first.headers.etag) });
      expect(resumed.statusCode).toBe(206);
      expect(fs.readFileSync(partial).equals(fs.readFileSync(reference))).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 30000);
});

/** Mérida's `workbook` published in `own` and its datos.xlsx downloaded through the real app: its bytes, read by exceljs. */
async function publishedDatosXlsx(own: Store, workbook: WorkbookModel): Promise<{ bytes: Buffer; book: Awaited<ReturnType<typeof xlsxBook>> }> {
  const publisher = publisherOf('merida', workbook);
  await own.putPublisher(publisher);
  expect((await publish(own, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
  const app = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
  const bytes = (await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200)).body as Buffer;
  return { bytes, book: await xlsxBook(bytes) };
}

test('a file rewritten by a newer publication is never joined to the old one: resuming with the old ETag in If-Range gets the whole new file', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await own.putPublisher(publisher);
    expect((await publish(own, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-test-'));
    tempDirs.push(dir);
    const app = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(dir) });
    const url = '/api/bulk/releases.json?publisher=merida';
    const old = await request(app).get(url).set('Accept-Encoding', 'identity').buffer(true).parse(binaryBody).expect(200);
    // Published again (built for another address, a month later): the same address names a new file.
    expect((await publish(own, { publisher, workbook, actor: 'system', now: '2025-08-01T10:00:00-06:00', baseUrl: `${BASE}/nueva` })).status).toBe('published');
    const half = Math.floor((old.body as Buffer).length / 2);
    const res = await request(app).get(url).set('Accept-Encoding', 'identity').set('Range', `bytes=${half}-`).set('If-Range', String(old.headers.etag)).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers.etag).not.toBe(old.headers.etag);
    expect(res.headers['content-range']).toBeUndefined();
    const now = await request(app).get(url).set('Accept-Encoding', 'identity').buffer(true).parse(binaryBody).expect(200);
    expect((res.body as Buffer).equals(now.body as Buffer)).toBe(true);
    expect((now.body as Buffer).equals(old.body as Buffer)).toBe(false);
  } finally {
    await own.close();
  }
}, 30000);

test('the real client wrote every file to the bucket, with its type and an immutable cache', () => {
  const names = [...stub.objects.keys()].filter((k) => k.includes('/publicaciones/')).map((k) => k.replace(/^demo-bulk\/publicaciones\/[^/]+\/v\d+\//, ''));
  expect(names.sort()).toEqual(['datos.xlsx', 'huellas.json', 'projects.json', 'projects.json.gz', 'projects.jsonl', 'projects.jsonl.gz', 'records.json', 'records.json.gz', 'records.jsonl', 'records.jsonl.gz', 'releases.json', 'releases.json.gz', 'releases.jsonl', 'releases.jsonl.gz']);
  const xlsx = [...stub.objects.entries()].find(([k]) => k.endsWith('/datos.xlsx'))?.[1];
  expect(xlsx?.metadata.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(xlsx?.metadata.cacheControl).toBe('public, max-age=31536000, immutable');
});

test('a bucket that refuses the files (no permission, no such bucket): the download says so in Spanish (503), the log names the cause; once fixed, served', async () => {
  const logged: string[] = [];
  // Its own bucket: nothing written there yet, so the download has to write the files.
  const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: (m) => logged.push(m), blobs: gcsBlobStore({ bucket: 'demo-bulk-refused', projectId: 'demo-infra', apiEndpoint: stub.apiEndpoint }) });
  try {
    // What Cloud Storage answers an account without storage.objects.create, and a bucket that does not exist.
    for (const refusal of [{ code: 403, message: 'infra@demo-infra.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object.' }, { code: 404, message: 'The specified bucket does not exist.' }]) {
      stub.refuseUploads = refusal;
      const refused = await request(app).get('/api/bulk/projects.json?publisher=merida');
      expect([refused.status, refused.body.error]).toEqual([503, { code: 'bulk-storage-refused', message: 'Esta descarga no está disponible por ahora: la plataforma no puede guardar los archivos de descarga en su almacenamiento. Los datos publicados siguen en la API; si persiste, avise a quien administra la plataforma.' }]);
    }
    expect(logged).toEqual([
      'no se prepararon los archivos de descarga pedidos (projects.json): la cuenta con la que se escribe no tiene permiso en el depósito de BULK_BUCKET (necesita el rol roles/storage.objectAdmin sobre él, o ser propietaria del proyecto)',
      'no se prepararon los archivos de descarga pedidos (projects.json): no existe el depósito que dice BULK_BUCKET: revise su nombre (docs/deploy.md §3)',
    ]);
    delete stub.refuseUploads;
    await request(app).get('/api/bulk/projects.json?publisher=merida').expect(200);
  } finally {
    delete stub.refuseUploads;
  }
});

test('a public bucket is redirected to, so the download does not pass through the function', async () => {
  const app = appWith(gcsBlobStore({ bucket: 'demo-bulk', projectId: 'demo-infra', apiEndpoint: stub.apiEndpoint, publicUrl: 'https://storage.googleapis.com/demo-bulk' }));
  const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').expect(302);
  expect(res.headers.location).toMatch(/^https:\/\/storage\.googleapis\.com\/demo-bulk\/publicaciones\/merida-[^/]+\/v\d+\/datos\.xlsx$/);
  // A resumed download is sent there too, its Range untouched: the object (named by its publication, stored without
  // a Content-Encoding that Cloud Storage would decode) answers ranges itself.
  const resumed = await request(app).get('/api/bulk/releases.json?publisher=merida').set('Range', 'bytes=100-').expect(302);
  expect(resumed.headers.location).toMatch(/\/publicaciones\/merida-[^/]+\/v\d+\/releases\.json$/);
  const stored = stub.objects.get(`demo-bulk/${new URL(String(resumed.headers.location)).pathname.replace('/demo-bulk/', '')}`);
  expect(stored).toBeDefined();
  expect(stored?.metadata.contentEncoding).toBeUndefined();
});

/**
 * A browser that follows the redirect saves what the bucket's object says (Content-Disposition), else the address's
 * last segment: «releases.json», where the self-hosted server gives «merida-releases.json». Each object says the name
 * the API gives the file, read back here through the real client.
 */
test('a public bucket\'s objects name their download as the API does (Content-Disposition)', async () => {
  const selfHosted = appWith(sharedDisk());
  const app = appWith(gcsBlobStore({ bucket: 'demo-bulk', projectId: 'demo-infra', apiEndpoint: stub.apiEndpoint, publicUrl: 'https://storage.googleapis.com/demo-bulk' }));
  const { Storage } = await import('@google-cloud/storage');
  const bucket = new Storage({ projectId: 'demo-infra', apiEndpoint: stub.apiEndpoint }).bucket('demo-bulk');
  for (const url of ['/api/bulk/releases.json?publisher=merida', '/api/bulk/releases.jsonl.gz?publisher=merida', '/api/bulk/datos.xlsx?publisher=merida', '/api/bulk/projects.json']) {
    const location = String((await request(app).get(url).expect(302)).headers.location);
    const [metadata] = await bucket.file(decodeURIComponent(new URL(location).pathname.replace('/demo-bulk/', ''))).getMetadata();
    const named = (await request(selfHosted).head(url).set('Accept-Encoding', 'identity').expect(200)).headers['content-disposition'];
    expect({ url, contentDisposition: metadata.contentDisposition }).toEqual({ url, contentDisposition: named });
  }
  expect((await request(selfHosted).head('/api/bulk/releases.json?publisher=merida').expect(200)).headers['content-disposition']).toBe('attachment; filename="merida-releases.json"');
  expect((await request(selfHosted).head('/api/bulk/projects.json').expect(200)).headers['content-disposition']).toBe('attachment; filename="projects.json"');
});

test('above the size one request can build, the files of all publishers together are refused in Spanish, without reading anything; each publisher\'s are still served', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-test-'));
  tempDirs.push(dir);
  const publishers = (await request(appWith(diskBlobStore(dir))).get('/api/publishers').expect(200)).body as { publishers: { id: string; currentPublication: { counts: { releases: number; records: number; projects: number } } }[] };
  const documents = publishers.publishers.reduce((n, p) => n + p.currentPublication.counts.releases + p.currentPublication.counts.records + p.currentPublication.counts.projects, 0);
  const limited = (max: number) => createApp({ store: counted, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(dir), limits: { bulkAllMaxDocuments: max } });
  reads = 0;
  const res = await request(limited(documents - 1)).get('/api/bulk/releases.jsonl').expect(404);
  expect(res.body.error.code).toBe('bulk-all-too-large');
  expect(res.body.error.message).toContain(`suman ${documents} documentos`);
  expect(res.body.error.message).toContain('?publisher=');
  expect(reads).toBe(0);
  expect(fs.readdirSync(dir)).toEqual([]);
  await request(limited(documents - 1)).get('/api/bulk/releases.jsonl?publisher=merida').expect(200);
  // At the limit itself they are built.
  await request(limited(documents)).get('/api/bulk/projects.json').expect(200);
});

// A script downloads what the list names: above the limit it named the files of all publishers, each a 404.
test('above the limit, the list of files names none of all publishers together (each a 404), and each publisher\'s list names its own', async () => {
  const publishers = (await request(appWith(sharedDisk())).get('/api/publishers').expect(200)).body as { publishers: { id: string; currentPublication: { counts: { releases: number; records: number; projects: number } } }[] };
  const documents = publishers.publishers.reduce((n, p) => n + p.currentPublication.counts.releases + p.currentPublication.counts.records + p.currentPublication.counts.projects, 0);
  const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: sharedDisk(), limits: { bulkAllMaxDocuments: documents - 1 } });
  const index = (await request(app).get('/api/bulk').expect(200)).body as { files: { name: string; url: string }[]; allPublishers: { offered: boolean } };
  expect(index).toEqual({ files: [], allPublishers: { offered: false, documents, maxDocuments: documents - 1 } });
  const merida = (await request(app).get('/api/bulk?publisher=merida').expect(200)).body as typeof index;
  expect(merida.files.map((f) => f.name)).toContain('datos.xlsx');
  for (const { url } of merida.files) await request(app).get(url.replace(BASE, '')).expect(200);
});

test('the downloaded datos.xlsx, sent back as an update, says nothing its own workbook did not (round trip)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-roundtrip-'));
  tempDirs.push(dir);
  const res = await request(appWith(sharedDisk())).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
  const file = path.join(dir, 'descargado.xlsx');
  fs.writeFileSync(file, res.body as Buffer);
  const check = async (f: string) => {
    const workbook = await new XlsxFileSource(f, path.basename(f)).read();
    return checkWorkbook(workbook, { now: '2025-07-01T10:00:00-06:00', ocidPrefix: 'ocds-mid001', projectIdPrefix: 'oc4ids-mid001' }).findings
      .filter((x) => x.severity !== 'info').map((x) => `${x.severity} ${x.code}`).sort();
  };
  const downloaded = await check(file);
  expect(downloaded.filter((x) => x.startsWith('error'))).toEqual([]);
  // Every warning the download raises, the published workbook raised too (a derived summary title was one more).
  const original = new Set(await check(path.join(__dirname, '..', '..', '..', 'templates', 'examples', 'merida.xlsx')));
  expect(downloaded.filter((x) => !original.has(x))).toEqual([]);
  // The example types its processes' tender titles in «Procesos del proyecto»; publication derives the contracts':
  // both agree with the process.
  expect([...original].filter((x) => x.endsWith('link.summaryMismatch'))).toEqual([]);
});

/**
 * A date published in UTC or at midnight in another time zone is text in datos.xlsx (as a date cell it would lose
 * the zone, and come back changed): a column mixing both, which a reader sorting it needs to be told about. The
 * «Léame» said every date was a date cell. A time of day in the publication's zone is a date cell with its time
 * (31/03/2024 10:30), which the workbook sent again publishes the same.
 */
test('datos.xlsx keeps a date in another zone as its published text, a time of day as a date-time cell, and its Léame says so', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const workbook = await exampleWorkbook('merida');
    const sheet = workbook.sheets.find((s) => s.name === 'Juntas de aclaraciones')!;
    const col = sheet.rows[1].indexOf('tender/clarificationMeetings/0/date');
    // The workbook's Dates come from another realm under jest (test/example-workbooks.ts): not `instanceof Date`.
    const day = (row: number) => new Date(sheet.rows[row][col] as string).toISOString().slice(0, 10);
    const published = [`${day(2)}T10:30:00-06:00`, `${day(3)}T00:00:00Z`];
    sheet.rows[2][col] = published[0];
    sheet.rows[3][col] = published[1];
    const { bytes, book } = await publishedDatosXlsx(own, workbook);
    const meetings = book.getWorksheet('Juntas de aclaraciones')!;
    const at = (meetings.getRow(2).values as unknown[]).indexOf('tender/clarificationMeetings/0/date');
    const cells = Array.from({ length: meetings.rowCount - 2 }, (_, i) => meetings.getRow(i + 3).getCell(at).value);
    expect(cells).toContain(published[1]);
    expect(cells).not.toContain(published[0]);
    // 10:30 in Mexico City: a date cell with its time (as a file gives one, that clock time in UTC), shown with it.
    const timed = Array.from({ length: meetings.rowCount - 2 }, (_, i) => meetings.getRow(i + 3).getCell(at)).find((c) => c.value instanceof Date && (c.value as Date).getTime() % 86_400_000 !== 0);
    expect([(timed?.value as Date).toISOString(), timed?.numFmt]).toEqual([`${day(2)}T10:30:00.000Z`, 'dd/mm/yyyy hh:mm']);
    // The same column holds date cells too: those published at Mexico City's midnight.
    expect(cells.some((v) => v instanceof Date && v.getTime() % 86_400_000 === 0)).toBe(true);
    // Sent again, the workbook publishes both as they were published.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-horas-')), 'datos.xlsx');
    tempDirs.push(path.dirname(file));
    fs.writeFileSync(file, bytes);
    const again = checkWorkbook(await new XlsxFileSource(file, 'datos.xlsx').read(), { now: '2025-07-01T10:00:00-06:00' });
    const meetingDates = again.releases.flatMap((r) => ((r.tender as { clarificationMeetings?: { date?: string }[] } | undefined)?.clarificationMeetings ?? []).map((m) => m.date));
    for (const text of published) expect(meetingDates).toContain(text);
    const readme = (book.getWorksheet('Léame')!.getColumn(1).values as unknown[]).map(String).join('\n');
    expect(readme).toContain('quedan como texto, tal como se publicaron');
    expect(readme).toContain('celdas de fecha y hora, escritas dd/mm/aaaa hh:mm (31/03/2024 10:30)');
    expect(readme).toContain('Sus primeros 10 caracteres son la fecha (aaaa-mm-dd)');
  } finally {
    await own.close();
  }
});

/**
 * Mérida's example workbook published on 01/07/2025 with the sheets of one standard emptied to their headers: a
 * publisher of the other standard only. Returns its registration.
 */
async function publishedWithout(store: Store, standard: 'ocds' | 'oc4ids'): Promise<Publisher> {
  const workbook = await exampleWorkbook('merida');
  const emptied = new Set(templateSpec().sheets.filter((s) => s.standard === standard).map((s) => s.name));
  for (const sheet of workbook.sheets) if (emptied.has(sheet.name)) sheet.rows = sheet.rows.slice(0, 2);
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  expect((await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
  return publisher;
}

/**
 * A publisher that published only contracting processes got a `projects.json` (and .jsonl, .gz) with an empty list:
 * invalid against the official OC4IDS package schema (at least one project), offered as its data. No such file is
 * written, and asking for it answers 404 naming what the institution has not published.
 */
test('a publisher with no projects has no project files: 404 in Spanish saying it published none; its processes are served', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const publisher = await publishedWithout(own, 'oc4ids');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-test-'));
    tempDirs.push(dir);
    const app = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(dir) });

    const releases = (await request(app).get('/api/bulk/releases.json?publisher=merida').expect(200)).body as { releases: unknown[] };
    expect(releases.releases.length).toBeGreaterThan(0);
    for (const name of ['projects.json', 'projects.jsonl', 'projects.json.gz', 'projects.jsonl.gz']) {
      const res = await request(app).get(`/api/bulk/${name}?publisher=merida`).expect(404);
      expect(res.body.error).toEqual({ code: 'bulk-not-published', message: `${publisher.name} no ha publicado proyectos (EDCAPI): no hay archivo «${name}». Los paquetes del estándar deben traer al menos un documento.` });
    }
    // The list of files does not name them.
    expect(((await request(app).get('/api/bulk?publisher=merida').expect(200)).body as { files: { name: string }[] }).files.map((f) => f.name).sort())
      .toEqual(['datos.xlsx', 'huellas.json', ...['records', 'releases'].flatMap((k) => [`${k}.json`, `${k}.json.gz`, `${k}.jsonl`, `${k}.jsonl.gz`])].sort());
    // Of all implementers together (this one only), the same.
    expect((await request(app).get('/api/bulk/projects.json').expect(404)).body.error.message).toMatch(/^Ningún implementador ha publicado proyectos \(EDCAPI\)/);
    // Nor was any written, next to the process files and datos.xlsx.
    const written = fs.readdirSync(dir, { recursive: true }).map(String).map((f) => path.basename(f));
    expect(written).toEqual(expect.arrayContaining(['releases.json', 'records.jsonl.gz', 'datos.xlsx']));
    expect(written.filter((f) => f.startsWith('projects.'))).toEqual([]);

    if (hasStandards) {
      // The oracle: the official OC4IDS 0.9.5 package schema, as it is, refuses the package of no project that was offered.
      const ajv = new Ajv({ strict: false });
      addFormats(ajv);
      const schema = (file: string) => JSON.parse(fs.readFileSync(path.join(STANDARDS_DIR, 'oc4ids-0.9.5', file), 'utf8')) as { id: string };
      ajv.addSchema(schema('project-schema.json'));
      const pkg = schema('project-package-schema.json');
      ajv.addSchema(pkg);
      const validate = ajv.getSchema(pkg.id)!;
      expect(validate(projectPackage([], { uri: `${BASE}/api/bulk/projects.json`, publishedDate: '2025-07-01T10:00:00-06:00', publisher: { name: publisher.name } }))).toBe(false);
    }
  } finally {
    await own.close();
  }
});

test('each file of all publishers together is the package of those that published its kind: their publisher, licence and date, as the listings say', async () => {
  const own = openSqliteStore(':memory:');
  try {
    // Mérida publishes its projects only; later, a publisher with no licence publishes a history of processes only.
    const merida = await publishedWithout(own, 'ocds');
    const history: Publisher = { id: 'historia', name: 'Implementador con historia', state: 'Jalisco', ocidPrefix: 'ocds-his001', projectIdPrefix: 'oc4ids-his001', commitment: { projects: 0, periodicityDays: 90 } };
    await own.putPublisher(history);
    const release = { ocid: 'ocds-his001-LP-001-2019', id: 'r1', date: '2019-05-02T10:00:00-05:00', tag: ['tender'], initiationType: 'tender', tender: { id: 'LP-001-2019', title: 'Obra' } };
    expect((await publishHistory(own, { publisher: history, releases: [{ ocid: release.ocid, id: release.id, date: release.date, release }], actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');

    const app = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    const meta = async (address: string): Promise<unknown> => {
      const body = (await request(app).get(address).expect(200)).body as { publisher: unknown; license?: string; publicationPolicy?: string; publishedDate: string };
      return { publisher: body.publisher, license: body.license, publicationPolicy: body.publicationPolicy, publishedDate: body.publishedDate };
    };
    // projects.json was both publishers' package: the platform's name, no licence (the history's publisher has
    // none) and the history's date, where /api/oc4ids/projects said Mérida, CC BY 4.0 and its own date.
    const projects = { publisher: { name: merida.name }, license: 'https://creativecommons.org/licenses/by/4.0/', publicationPolicy: merida.publicationPolicy, publishedDate: '2025-07-01T10:00:00-06:00' };
    expect([await meta('/api/oc4ids/projects'), await meta('/api/bulk/projects.json')]).toEqual([projects, projects]);
    const processes = { publisher: { name: history.name }, license: undefined, publicationPolicy: undefined, publishedDate: '2025-07-02T10:00:00-06:00' };
    for (const kind of ['releases', 'records']) expect([await meta(`/api/ocds/${kind}`), await meta(`/api/bulk/${kind}.json`)]).toEqual([processes, processes]);
  } finally {
    await own.close();
  }
});

/**
 * A publisher registered that has not published yet: its datos.xlsx was a workbook of empty sheets, offered on
 * *Descargas y API* beside «Sin proyectos publicados» as if it were its data. It is neither listed nor served.
 */
test('a publisher that has not published has no datos.xlsx: 404 in Spanish, not a workbook of empty sheets', async () => {
  const own = openSqliteStore(':memory:');
  try {
    await own.putPublisher({ ...publisherOf('merida', await exampleWorkbook('merida')), id: 'campeche', name: 'Municipio de Campeche', state: 'Campeche' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-test-'));
    tempDirs.push(dir);
    const app = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(dir) });
    expect(((await request(app).get('/api/bulk?publisher=campeche').expect(200)).body as { files: unknown[] }).files).toEqual([]);
    expect((await request(app).get('/api/bulk/datos.xlsx?publisher=campeche').expect(404)).body.error)
      .toEqual({ code: 'bulk-not-published', message: 'Municipio de Campeche no ha publicado proyectos ni procesos de contratación: no hay archivo «datos.xlsx».' });
    expect((await request(app).get('/api/bulk/datos.xlsx').expect(404)).body.error.message).toBe('Ningún implementador ha publicado proyectos ni procesos de contratación: no hay archivo «datos.xlsx».');
    expect(fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.xlsx'))).toEqual([]);
  } finally {
    await own.close();
  }
});

/**
 * What a journalist reads in datos.xlsx: the number of tenderers of a project's process (OC4IDS types it `number`)
 * was shown as money, «3.00», and an exchange rate with two decimals, 17.23 for the DOF's 17.2345.
 */
test('datos.xlsx shows a count as a whole number and an exchange rate with its four decimals', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const workbook = await exampleWorkbook('merida');
    // An exchange rate of the first contract, as the DOF publishes them: four decimals.
    const contracts = workbook.sheets.find((s) => s.name === 'Contratos')!;
    const rates = workbook.sheets.find((s) => s.name === 'Tipos de cambio')!;
    const row = rates.rows[1].map((p) => ({ ocid: contracts.rows[2][0], 'contracts/0/id': contracts.rows[2][1], 'contracts/0/value/exchangeRates/0/currency': 'USD',
      'contracts/0/value/exchangeRates/0/rate': 17.2345, 'contracts/0/value/exchangeRates/0/date': '02/05/2024' } as Record<string, unknown>)[String(p)] ?? '');
    rates.rows.push(row as (string | number)[]);
    const { book } = await publishedDatosXlsx(own, workbook);
    const cellsOf = (sheet: string, field: string) => {
      const ws = book.getWorksheet(sheet)!;
      const at = (ws.getRow(2).values as unknown[]).indexOf(field);
      return Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3).getCell(at)).filter((c) => typeof c.value === 'number');
    };
    const tenderers = cellsOf('Procesos del proyecto', 'contractingProcesses/0/summary/tender/numberOfTenderers');
    expect(tenderers.length).toBeGreaterThan(0);
    expect([...new Set(tenderers.map((c) => c.numFmt))]).toEqual(['0']);
    const rate = cellsOf('Tipos de cambio', 'contracts/0/value/exchangeRates/0/rate');
    expect(rate.map((c) => [c.value, c.numFmt])).toEqual([[17.2345, '#,##0.0000']]);
  } finally {
    await own.close();
  }
});

test('files written before there were manifests are served as they are, and their huellas.json is a 404 saying so, not a fault', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-older-'));
  tempDirs.push(dir);
  const app = appWith(diskBlobStore(dir));
  await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
  // As an earlier version left them: the same files, no manifest.
  const folder = (fs.readdirSync(dir, { recursive: true }) as string[]).find((f) => f.endsWith('huellas.json')) as string;
  fs.rmSync(path.join(dir, folder));
  fs.rmSync(path.join(dir, `${folder}.meta.json`));
  const res = await request(app).get('/api/bulk/huellas.json?publisher=merida').expect(404);
  expect(res.body.error.code).toBe('bulk-no-manifest');
  expect(res.body.error.message).toMatch(/^Estos archivos de descarga se escribieron antes de que la plataforma publicara sus huellas SHA-256 \(publicación del \d\d\/\d\d\/\d{4}, .*\): no tienen huellas\.json\./);
  await request(app).get('/api/bulk/records.json?publisher=merida').expect(200);
}, 30000);
