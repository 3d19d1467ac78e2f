/**
 * The public API over a store seeded by publishing the three example workbooks: official package schemas,
 * `links.next` paging across publishers, lookups by id, caching headers, and Spanish 4xx answers.
 */
import request from 'supertest';
import { binaryBody, xlsxBook } from '../../../test/support/xlsx-download';
import type { Express } from 'express';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { VALIDATORS } from '../../../core/validate';
import { versionedRelease, type Release } from '../../../core/merge';
import { EXAMPLE_KEYS, exampleWorkbook, publisherOf, publishExamples, setCell } from '../../../test/example-workbooks';
import { hasStandards, STANDARDS_DIR } from '../../../test/standards';
import { publish, publishHistory } from '../publication/publish';
import { planRedaction, redact } from '../publication/redact';
import { textMatchers } from '../../../core/privacy/redact-texts';
import { templateSpec } from '../../../core/template/template-spec';
import { samplePublisher } from '../store/store-contract';
import * as fs from 'fs';
import * as path from 'path';
import { PROFILES } from '../../../core/profile/profiles';
import { declaredCodes, ownCodelistName } from '../../../core/profile/own-extension-codelists';
import { codeTitle } from '../../../core/checks/code-label';
import { parseCsvRows } from '../../../core/workbook/csv';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { EXTENSION_METADATA_SCHEMA } from '../../../test/extension-metadata-schema';
import { STATS_FORMAT, unpackStats, type PackedStats } from '../../../core/stats/stats-answer';
import type { StatsEntry } from '../../../dashboard/src/data/types';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
let app: Express;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await publishExamples(store, BASE);
  app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
});
afterAll(async () => { await store.close(); });

/**
 * Follows links.next from `first`, returning every page; each page gives the same next address in its `Link` header
 * (RFC 8288), the first time and when answered again from the cache.
 */
async function allPages(first: string): Promise<Record<string, unknown>[]> {
  const pages: Record<string, unknown>[] = [];
  let url: string | undefined = first;
  while (url) {
    const res: request.Response = await request(app).get(url.replace(BASE, '')).expect(200);
    pages.push(res.body as Record<string, unknown>);
    const next = (res.body as { links?: { next?: string } }).links?.next;
    const link = next === undefined ? undefined : `<${next}>; rel="next"`;
    expect(res.headers.link).toBe(link);
    expect((await request(app).get(url.replace(BASE, '')).expect(200)).headers.link).toBe(link);
    url = next;
  }
  return pages;
}

describe('public API', () => {
  // A reader who starts at the API's address finds every entry from there, each one answering.
  it('answers at /api with the addresses of the listings, the publishers and the bulk files', async () => {
    for (const address of ['/api', '/api/']) {
      const res = await request(app).get(address).expect(200).expect('content-type', 'application/json; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const { links } = res.body as { links: Record<string, string> };
      expect(Object.keys(links)).toEqual(['publishers', 'releases', 'records', 'projects', 'bulk']);
      for (const url of Object.values(links)) await request(app).get(url.replace(BASE, '')).expect(200);
    }
    const publishers = ((await request(app).get('/api/publishers').expect(200)).body as { publishers: { id: string; links: Record<string, string> }[] }).publishers;
    for (const p of publishers) expect(p.links.bulk).toBe(`${BASE}/api/bulk?publisher=${p.id}`);
  });

  it('lists the publishers with their current publication', async () => {
    const res = await request(app).get('/api/publishers').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const publishers = (res.body as { publishers: { id: string; currentPublication: { counts: { projects: number } } }[] }).publishers;
    expect(publishers.map((p) => p.id).sort()).toEqual([...EXAMPLE_KEYS].sort());
    expect(publishers.reduce((n, p) => n + p.currentPublication.counts.projects, 0)).toBeGreaterThanOrEqual(12);
  });

  it('pages release packages across publishers with links.next, each page valid against the official schema', async () => {
    const pages = await allPages('/api/ocds/releases?limit=4');
    expect(pages.length).toBeGreaterThan(3);
    const ids: string[] = [];
    for (const page of pages) {
      if (!VALIDATORS.releasePackage(page)) throw new Error(JSON.stringify(VALIDATORS.releasePackage.errors?.slice(0, 3)));
      ids.push(...(page.releases as { id: string }[]).map((r) => r.id));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(18);
  });

  // A harvester that drops or changes a filter half-way (or pastes a cursor into another listing) got a page of the
  // other query from the cursor's place — everything before it left out, with no error.
  it('refuses a cursor with another query than the one that made it, and takes it with another page size', async () => {
    const afterOf = async (url: string): Promise<string> => new URL(((await request(app).get(url).expect(200)).body as { links: { next: string } }).links.next).searchParams.get('after') as string;
    const publishers = ((await request(app).get('/api/publishers').expect(200)).body as { publishers: { id: string; currentPublication: { counts: { releases: number } } | null }[] }).publishers;
    // The last publisher by id with more than one release: its cursor resumed the unfiltered listing past all others.
    const last = publishers.filter((p) => (p.currentPublication?.counts.releases ?? 0) > 1).map((p) => p.id).sort().pop() as string;
    const byPublisher = await afterOf(`/api/ocds/releases?publisher=${last}&limit=1`);
    const all = await afterOf('/api/ocds/releases?limit=1');
    const cases: [string, string][] = [
      ['/api/ocds/releases', byPublisher],
      [`/api/ocds/releases?publisher=${encodeURIComponent(publishers.find((p) => p.id !== last)!.id)}`, byPublisher],
      [`/api/ocds/releases?publisher=${last}`, all],
      ['/api/ocds/records', all],
      ['/api/oc4ids/projects', all],
      [`/api/ocds/records?publisher=${last}`, byPublisher],
    ];
    for (const [url, after] of cases) {
      const res = await request(app).get(`${url}${url.includes('?') ? '&' : '?'}after=${after}`);
      expect({ url, status: res.status, code: res.body.error?.code }).toEqual({ url, status: 400, code: 'invalid-cursor' });
      expect(res.body.error.message).toContain('es de otra consulta');
    }
    // The same query with another page size, and a cache-buster added on the way: the same listing, resumed.
    const page = (await request(app).get(`/api/ocds/releases?publisher=${last}&limit=3&_=1&after=${byPublisher}`).expect(200)).body as { releases: { ocid: string }[] };
    expect(page.releases.length).toBeGreaterThan(0);
  });

  it('declares the program\'s own extensions by URL and serves them (extension.json and its release-schema.json)', async () => {
    const page = (await request(app).get('/api/ocds/releases?limit=1').expect(200)).body as { extensions: string[] };
    const own = page.extensions.filter((u) => u.startsWith(`${BASE}/api/extensiones/`));
    expect(own).toEqual([`${BASE}/api/extensiones/edca-mx-budget/extension.json`, `${BASE}/api/extensiones/edca-mx-document-section/extension.json`]);
    for (const url of own) {
      const extension = await request(app).get(url.replace(BASE, '')).expect(200);
      expect(extension.headers['access-control-allow-origin']).toBe('*');
      expect((extension.body as { schemas: string[] }).schemas).toEqual(['release-schema.json']);
      const schema = await request(app).get(url.replace(BASE, '').replace('extension.json', 'release-schema.json')).expect(200);
      expect(Object.keys((schema.body as { definitions: object }).definitions).length).toBeGreaterThan(0);
    }
    const missing = await request(app).get('/api/extensiones/constructor/extension.json').expect(404);
    expect(JSON.stringify(missing.body)).toContain('No existe esa extensión');
  });

  it('serves each own extension.json valid against the OCDS extension metadata schema, every URL one the package declares or this API answers', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(EXTENSION_METADATA_SCHEMA);
    const page = (await request(app).get('/api/ocds/releases?limit=1').expect(200)).body as { extensions: string[] };
    const own = page.extensions.filter((u) => u.startsWith(`${BASE}/api/extensiones/`));
    expect(own.length).toBe(2);
    for (const url of own) {
      const metadata = (await request(app).get(url.replace(BASE, '')).expect(200)).body as Record<string, unknown>;
      expect({ url, valid: validate(metadata), errors: validate.errors ?? null }).toEqual({ url, valid: true, errors: null });
      const { name, description, documentationUrl, dependencies } = metadata as { name: Record<string, string>; description: Record<string, string>; documentationUrl: Record<string, string>; dependencies?: string[] };
      // Spanish, the program's language, and English, which OCDS tools read.
      expect(Object.keys(name).sort()).toEqual(['en', 'es']);
      expect(Object.keys(description).sort()).toEqual(['en', 'es']);
      // What it depends on is declared beside it in the same package, so a tool applying the package's extensions has it.
      for (const dependency of dependencies ?? []) expect({ url, dependency, declared: page.extensions.includes(dependency) }).toEqual({ url, dependency, declared: true });
      for (const [lang, doc] of Object.entries(documentationUrl)) {
        expect(doc.startsWith(url.replace(/extension\.json$/, ''))).toBe(true);
        const res = await request(app).get(doc.replace(BASE, '')).expect(200);
        expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.text.startsWith(`# ${name[lang]}\n`)).toBe(true);
        expect(res.text).toContain(description[lang]);
        expect(res.text).toContain(url);
      }
    }
    // The budget extension's fields stand on the budget breakdown and budget lines extensions (Measure).
    const budget = (await request(app).get('/api/extensiones/edca-mx-budget/extension.json').expect(200)).body as { dependencies?: string[] };
    expect(budget.dependencies?.map((u) => u.split('/')[4])).toEqual(['ocds_budget_breakdown_extension', 'ocds_budgetLines_extension']);
    // The address is the one the API is configured with, not the request's host.
    const elsewhere = createApp({ store, config: { publicBaseUrl: 'https://datos.example.mx', maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    const moved = (await request(elsewhere).get('/api/extensiones/edca-mx-document-section/extension.json').expect(200)).body as { documentationUrl: Record<string, string> };
    expect(moved.documentationUrl).toEqual({ es: 'https://datos.example.mx/api/extensiones/edca-mx-document-section/README.md', en: 'https://datos.example.mx/api/extensiones/edca-mx-document-section/README.en.md' });
  });

  it('serves each own extension as an outside OCDS tool reads it: every code list a field names is declared and served as CSV', async () => {
    const page = (await request(app).get('/api/ocds/releases?limit=1').expect(200)).body as { extensions: string[] };
    const named: string[] = [];
    for (const url of page.extensions.filter((u) => u.startsWith(`${BASE}/api/extensiones/`))) {
      const dir = url.replace(BASE, '').replace(/extension\.json$/, '');
      const name = dir.split('/').slice(-2)[0];
      const extension = (await request(app).get(`${dir}extension.json`).expect(200)).body as { schemas: string[]; codelists?: string[] };
      // What lib-cove / the Data Review Tool do: read each schema patch, then each `codelist` a field names from the
      // extension's codelists/ folder when extension.json declares it (a bare file name, no folders).
      const fieldLists: string[] = [];
      const fields: { codelist: string; openCodelist?: boolean; type?: string | string[]; enum?: unknown[] }[] = [];
      for (const schemaFile of extension.schemas) {
        const schema = await request(app).get(`${dir}${schemaFile}`).expect(200);
        JSON.stringify(schema.body, (key, value: unknown) => {
          if (key === 'codelist' && typeof value === 'string') fieldLists.push(value);
          if (value && typeof value === 'object' && typeof (value as { codelist?: unknown }).codelist === 'string') fields.push(value as (typeof fields)[number]);
          return value;
        });
      }
      for (const file of fieldLists) expect({ name, file, declared: extension.codelists?.includes(file) ?? false }).toEqual({ name, file, declared: true });
      for (const file of extension.codelists ?? []) {
        // A bare file name; `+` adds codes to the standard's list of that name.
        expect(file).toMatch(/^\+?[A-Za-z]+\.csv$/);
        const res = await request(app).get(`${dir}codelists/${file}`).expect(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.headers['cache-control']).toBe('public, max-age=60');
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers.etag).toBeDefined();
        const [header, ...rows] = parseCsvRows(res.text).filter((r) => r.some((c) => c !== ''));
        expect(header).toEqual(['Code', 'Title', 'Description']);
        const list = ownCodelistName(file) ?? '';
        expect(rows.map((r) => r[0])).toEqual(declaredCodes(file, PROFILES.ocds.codelists[list]));
        // The OCDS rule for a field's list (standard-maintenance-scripts, validate_codelist_enum), by which a tool that
        // validates with the patched schema alone sees a code off a closed list: a closed list's field sets `enum` to
        // its codes (and null when the field may be null); an open list's sets none.
        for (const field of fields.filter((f) => f.codelist === file)) {
          const nullable = ([] as unknown[]).concat(field.type ?? []).includes('null');
          const expected = field.openCodelist === false ? [...rows.map((r) => r[0]), ...(nullable ? [null] : [])] : undefined;
          expect({ name, file, enum: field.enum }).toEqual({ name, file, enum: expected });
        }
        for (const [code, title, description] of rows) expect({ code, title, spanishDescription: description.length > 0 }).toEqual({ code, title: codeTitle(list, code), spanishDescription: true });
        // The committed extension folder (schemas/extensions) is what the API serves, byte for byte.
        expect(res.text).toBe(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'extensions', name, 'codelists', file), 'utf8'));
        named.push(file);
      }
    }
    expect(named.sort()).toEqual(['+documentType.csv', 'budgetClassificationType.csv', 'budgetOrigin.csv']);
    const missing = await request(app).get('/api/extensiones/edca-mx-budget/codelists/partyRole.csv').expect(404);
    expect(JSON.stringify(missing.body)).toContain('No existe esa lista de códigos');
  });

  // What the Data Review Tool reports as codes off their lists: each code the published releases use, in a field with
  // a code list, is the standard's or one an extension the package declares adds (its codelists/, `+` adding to the
  // standard's list of that name). The Mexican document types (contractAmendment, openingOfProposals…) were declared
  // by none.
  (hasStandards ? it : it.skip)('every code the published releases use is in its OCDS list or one a declared extension adds', async () => {
    const csvCodes = (text: string): string[] => {
      const [header, ...rows] = parseCsvRows(text).filter((r) => r.some((c) => c !== ''));
      return rows.map((r) => r[header.indexOf('Code')]);
    };
    const lists = new Map<string, Set<string>>();
    const add = (file: string, codes: string[]) => {
      // Our own extensions' files are the profile's `mx/` lists (core/profile/own-extension-codelists.ts).
      const name = ownCodelistName(file) ?? file.replace(/^\+/, '').replace(/\.csv$/, '');
      if (file.startsWith('+')) lists.set(name, new Set([...(lists.get(name) ?? []), ...codes]));
      else lists.set(name, new Set(codes));
    };
    const core = path.join(STANDARDS_DIR, 'ocds-1.1.5', 'codelists');
    for (const file of fs.readdirSync(core)) add(file, csvCodes(fs.readFileSync(path.join(core, file), 'utf8')));
    const { extensions, releases } = (await request(app).get('/api/ocds/releases?limit=1000').expect(200)).body as { extensions: string[]; releases: unknown[] };
    for (const url of extensions) {
      if (url.startsWith(BASE)) {
        const dir = url.replace(BASE, '').replace(/extension\.json$/, '');
        const extension = (await request(app).get(url.replace(BASE, '')).expect(200)).body as { codelists?: string[] };
        for (const file of extension.codelists ?? []) add(file, csvCodes((await request(app).get(`${dir}codelists/${file}`).expect(200)).text));
      } else {
        // The published extensions, as stored in the standards folder under their repository's name.
        const local = path.join(STANDARDS_DIR, 'extensions', url.split('/')[4]);
        const extension = JSON.parse(fs.readFileSync(path.join(local, 'extension.json'), 'utf8')) as { codelists?: string[] };
        for (const file of extension.codelists ?? []) add(file, csvCodes(fs.readFileSync(path.join(local, 'codelists', file), 'utf8')));
      }
    }
    const off = new Set<string>();
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) return value.forEach((v) => walk(v, at));
      const list = PROFILES.ocds.fields[at]?.codelist;
      if (typeof value === 'string' && list && !lists.get(list)?.has(value)) off.add(`${at}: ${value}`);
      if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}/${k}` : k);
    };
    expect(releases.length).toBeGreaterThan(10);
    for (const release of releases) walk(release, '');
    expect([...off].sort()).toEqual([]);
  });

  it('declares in release and record packages only own extension URLs the API answers', async () => {
    for (const first of ['/api/ocds/releases?limit=1', '/api/ocds/records?limit=1']) {
      const { extensions } = (await request(app).get(first).expect(200)).body as { extensions: string[] };
      const own = extensions.filter((u) => u.startsWith(BASE));
      expect(own.length).toBeGreaterThan(0);
      for (const url of own) await request(app).get(url.replace(BASE, '')).expect(200).expect('content-type', /application\/json/);
    }
  });

  it('serves record packages (all, by publisher, by ocid) valid against the official schema', async () => {
    const pages = await allPages('/api/ocds/records?publisher=merida&limit=2');
    const ocids = pages.flatMap((p) => (p.records as { ocid: string }[]).map((r) => r.ocid));
    expect(ocids).toHaveLength(5);
    const one = await request(app).get(`/api/ocds/records/${encodeURIComponent(ocids[0])}`).expect(200);
    if (!VALIDATORS.recordPackage(one.body)) throw new Error(JSON.stringify(VALIDATORS.recordPackage.errors?.slice(0, 3)));
    expect(one.body.publisher.name).toBe('Municipio de Mérida');
    expect(one.body.records[0].compiledRelease.ocid).toBe(ocids[0]);
  });

  // Ciudad de México published «OCDS-87SD3T-…»; the platform publishes it with the prefix in lower case, as import
  // and history write it (core/identifiers/lower-ocid-prefix). A journalist with the original ocid got «No existe».
  it('finds a process asked by its ocid with the prefix in capitals, as its first publisher wrote it', async () => {
    const ocid = 'ocds-mid001-DOP-IR-OP-005-2023';
    const asked = encodeURIComponent('OCDS-MID001-DOP-IR-OP-005-2023');
    expect((await request(app).get(`/api/ocds/records/${asked}`).expect(200)).body.records[0].ocid).toBe(ocid);
    const releases = (await request(app).get(`/api/ocds/releases?ocid=${asked}`).expect(200)).body.releases as { ocid: string; id: string }[];
    expect(releases.map((r) => r.ocid)).toEqual([ocid]);
    await request(app).get(`/api/ocds/releases?ocid=${asked}&releaseID=${encodeURIComponent(releases[0].id)}`).expect(200);
    // Only the prefix: the rest is the publisher's, compared as written.
    expect((await request(app).get('/api/ocds/records/OCDS-MID001-dop-ir-op-005-2023').expect(404)).body.error.message).toContain('«OCDS-MID001-dop-ir-op-005-2023»');
  });

  it('adds the versioned release to one record, built from its published releases; pages carry the compiled release', async () => {
    const pages = await allPages('/api/ocds/records?limit=3');
    const records = pages.flatMap((p) => p.records as Record<string, unknown>[]);
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) expect(r).not.toHaveProperty('versionedRelease');
    for (const { ocid } of records.slice(0, 4) as { ocid: string }[]) {
      const one = (await request(app).get(`/api/ocds/records/${encodeURIComponent(ocid)}`).expect(200)).body as { records: Record<string, unknown>[] };
      const releases = ((await request(app).get(`/api/ocds/releases?ocid=${encodeURIComponent(ocid)}`).expect(200)).body as { releases: Release[] }).releases;
      expect(one.records[0].versionedRelease).toEqual(versionedRelease(releases));
      // Field order as a record built whole (core/merge/build-record.ts).
      expect(Object.keys(one.records[0])).toEqual(['ocid', 'releases', 'compiledRelease', 'versionedRelease']);
    }
  });

  it('serves project packages valid against the official schema, and one project by id', async () => {
    const pages = await allPages('/api/oc4ids/projects?limit=5');
    const projects = pages.flatMap((p) => p.projects as { id: string }[]);
    expect(projects.length).toBeGreaterThanOrEqual(12);
    for (const page of pages) if (!VALIDATORS.projectPackage(page)) throw new Error(JSON.stringify(VALIDATORS.projectPackage.errors?.slice(0, 3)));
    const one = await request(app).get(`/api/oc4ids/projects/${encodeURIComponent(projects[0].id)}`).expect(200);
    expect(one.body.projects[0].id).toBe(projects[0].id);
  });

  it('answers a repeated request with 304 through the ETag', async () => {
    const first = await request(app).get('/api/stats').expect(200);
    expect(first.headers['cache-control']).toContain('max-age');
    await request(app).get('/api/stats').set('If-None-Match', first.headers.etag as string).expect(304);
  });

  // A harvester retrying a failed page («Intente de nuevo más tarde») got the failure again for a minute from any
  // cache on the way (a CDN, a browser, requests-cache): it carried the listing's `public, max-age=60`, and a
  // response with explicit freshness may be stored whatever its status (RFC 9111 §3).
  it('a failure of the server (500) is never stored by a cache, though the listing it replaced is', async () => {
    const broken = openSqliteStore(':memory:');
    const brokenApp = createApp({ store: broken, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024, currentTtlMs: 0 }, log: () => undefined });
    await broken.close();
    for (const url of ['/api/ocds/releases', '/api/publishers', '/api/stats']) {
      const res = await request(brokenApp).get(url).expect(500);
      expect([url, res.body.error.code, res.headers['cache-control']]).toEqual([url, 'internal', 'no-store']);
    }
  });

  // A POST to a read-only address was answered «No existe esa ruta» (404), though the address exists, and a DELETE
  // got an Allow naming POST and PUT, which these do not take.
  it.each([
    ['POST', '/api/ocds/releases'], ['POST', '/api/publishers'], ['DELETE', '/api/publishers'], ['PUT', '/api/oc4ids/projects/oc4ids-mid001-0001'],
    ['POST', '/api/bulk'], ['PATCH', '/api/bulk/releases.json'], ['POST', '/api/stats'], ['DELETE', '/api/ocds/records/ocds-mid001-x'],
  ])('%s %s → 405 with Allow: GET, HEAD and a Spanish JSON error', async (method, url) => {
    const res = await request(app)[method.toLowerCase() as 'post'](url).expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body.error).toEqual({ code: 'method-not-allowed', message: `La dirección ${url} solo se consulta: no acepta el método ${method}, use GET.` });
  });

  it('leaves other addresses to their routes: an unknown one is still 404, and PUT /api/publishers/{id} (with sign-in) is not refused by the list\'s 405', async () => {
    expect((await request(app).post('/api/no-existe').expect(404)).body.error.code).toBe('not-found');
    // This app has no routes with sign-in: the address falls through to the API's 404, not to a 405.
    expect((await request(app).put('/api/publishers/merida').send({}).expect(404)).body.error.message).toMatch(/esa ruta/);
    await request(app).get('/api/publishers').expect(200);
  });

  it('/api/stats sends each field\'s title and each CoST IDS point\'s id once, not once per implementer; unpacked, each implementer\'s quality is the one stored', async () => {
    const answer = (await request(app).get('/api/stats').expect(200)).body as PackedStats<StatsEntry> & Record<string, unknown>;
    expect(answer.format).toBe(STATS_FORMAT);
    expect(answer.publishers.length).toBe(EXAMPLE_KEYS.length);
    // 100 implementers of a state carried ~580 titles each: 7.3 MB, nearly all of it titles (docs/api.md).
    const { fields, costIds, ...rest } = answer;
    expect(fields.length).toBeGreaterThan(500);
    const perImplementer = JSON.stringify(rest);
    expect(fields.map(([, , title]) => JSON.stringify(title)).filter((t) => perImplementer.includes(t))).toEqual([]);
    expect(costIds.length).toBeGreaterThan(20);
    for (const p of rest.publishers) expect(Object.keys((p.data as { quality: object }).quality).sort()).toEqual(['costIdCounts', 'costIds', 'fieldCounts', 'processesShare', 'projectsShare']);
    for (const entry of unpackStats(answer)) {
      const stored = (await store.getStats(entry.publisherId))?.data as { quality: unknown } | undefined;
      expect(entry.data?.quality).toEqual(stored?.quality);
    }
    // docs/deploy.md §11 sizes the limit on implementers per answer with these (it said ≈ 60 KB answered for each).
    const guide = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'deploy.md'), 'utf8').replace(/\s+/g, ' ');
    expect(guide).toContain('lee las cifras de calidad guardadas de cada uno, ≈ 70 KB, y responde ≈ 3.5 KB por implementador');
    for (const p of rest.publishers) {
      const answered = JSON.stringify(p).length;
      const read = JSON.stringify(await store.getStats(p.publisherId)).length;
      expect({ answered: answered > 2_500 && answered < 5_000, read: read > 50_000 && read < 90_000 }).toEqual({ answered: true, read: true });
    }
  });

  it('/api/stats of more publishers than one answer carries is refused in Spanish, saying how to narrow it; by state or publisher it is served', async () => {
    const all = (await request(app).get('/api/stats').expect(200)).body as { publishers: { publisherId: string; state: string }[] };
    const small = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, limits: { statsMaxPublishers: all.publishers.length - 1 } });
    const res = await request(small).get('/api/stats').expect(400);
    expect(res.body.error.code).toBe('stats-too-large');
    expect(res.body.error.message).toContain(`son de ${all.publishers.length} implementadores`);
    expect(res.body.error.message).toContain('?state=');
    const [one] = all.publishers;
    expect(((await request(small).get(`/api/stats?state=${encodeURIComponent(one.state)}`).expect(200)).body as typeof all).publishers.map((p) => p.publisherId)).toContain(one.publisherId);
    await request(small).get(`/api/stats?publisher=${one.publisherId}`).expect(200);
  });

  // Ignored, these answered 200 with every document: a filter the API does not have looked applied.
  it.each([
    ['/api/ocds/records?ocid=ocds-mid001-DOP-IR-OP-005-2023', 'La dirección /api/ocds/records no acepta el parámetro «ocid»: sus parámetros son «publisher», «limit», «after», «supplier» y «supplierName». Un proceso: /api/ocds/records/{ocid}; sus entregas: /api/ocds/releases?ocid={ocid}.'],
    ['/api/ocds/releases?since=2024-01-01', 'La dirección /api/ocds/releases no acepta el parámetro «since»: sus parámetros son «publisher», «limit», «after», «supplier», «supplierName», «ocid» y «releaseID». La API no filtra por fecha: los archivos de /api/bulk traen todo, para filtrar por la fecha de cada documento.'],
    ['/api/ocds/releases?publisher_id=merida', 'La dirección /api/ocds/releases no acepta el parámetro «publisher_id»: sus parámetros son «publisher», «limit», «after», «supplier», «supplierName», «ocid» y «releaseID».'],
    // A supplier's filter under the names a reader tries first: where it is.
    ['/api/ocds/records?rfc=CCN050314H72', 'La dirección /api/ocds/records no acepta el parámetro «rfc»: sus parámetros son «publisher», «limit», «after», «supplier» y «supplierName». Por proveedor: «supplier» con su RFC, o «supplierName» con palabras de su nombre.'],
    ['/api/oc4ids/projects?id=oc4ids-mid001-MID-2023-002', 'La dirección /api/oc4ids/projects no acepta el parámetro «id»: sus parámetros son «publisher», «limit» y «after». Un proyecto: /api/oc4ids/projects/{id}.'],
    ['/api/oc4ids/projects?Limit=5', 'La dirección /api/oc4ids/projects no acepta el parámetro «Limit»: sus parámetros son «publisher», «limit» y «after».'],
    ['/api/publishers?state=Yucat%C3%A1n', 'La dirección /api/publishers no acepta el parámetro «state»: no lleva parámetros.'],
    ['/api/ocds/records/ocds-mid001-DOP-IR-OP-005-2023?versioned=1', 'La dirección /api/ocds/records/ocds-mid001-DOP-IR-OP-005-2023 no acepta el parámetro «versioned»: no lleva parámetros.'],
    ['/api/bulk/releases.json?publicador=merida', 'La dirección /api/bulk/releases.json no acepta el parámetro «publicador»: su parámetro es «publisher».'],
    ['/api/bulk?fecha=2024', 'La dirección /api/bulk no acepta el parámetro «fecha»: su parámetro es «publisher». La API no filtra por fecha: los archivos de /api/bulk traen todo, para filtrar por la fecha de cada documento.'],
    // The dashboard's aggregates answered these with every publisher's figures.
    ['/api/stats?estado=Yucat%C3%A1n', 'La dirección /api/stats no acepta el parámetro «estado»: sus parámetros son «publisher» y «state».'],
    ['/api/index/compact?publicador=merida', 'La dirección /api/index/compact no acepta el parámetro «publicador»: sus parámetros son «publisher» y «state».'],
    ['/api/tracking?publisher=merida', 'La dirección /api/tracking no acepta el parámetro «publisher»: no lleva parámetros.'],
  ])('GET %s → 400 naming the parameter it does not take and those it does', async (url, message) => {
    const res = await request(app).get(url).expect(400).expect('content-type', 'application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body.error).toEqual({ code: 'unknown-parameter', message });
  });

  // A base address ending in «/» joined to a path starting with one: the dashboard's HTML 404 went to a JSON parser.
  it('reads repeated slashes in the path as one, and writes its addresses without them', async () => {
    const res = await request(app).get('//api//ocds/releases?publisher=merida&limit=1').expect(200).expect('content-type', 'application/json; charset=utf-8');
    const { uri, links } = res.body as { uri: string; links: { next: string } };
    expect([uri, links.next.startsWith(`${BASE}/api/ocds/releases?publisher=merida&limit=1&after=`)]).toEqual([`${BASE}/api/ocds/releases?publisher=merida&limit=1`, true]);
  });

  // Who asks for more than a page holds wants everything: the message says where that is.
  it('pages the audit chain as the listings: links.next, and the same address in Link', async () => {
    const seqs: number[] = [];
    for (let url: string | undefined = '/api/audit/chain?limit=1'; url;) {
      const res: request.Response = await request(app).get(url.replace(BASE, '')).expect(200);
      const body = res.body as { entries: { seq: number }[]; links: { next?: string } };
      seqs.push(...body.entries.map((e) => e.seq));
      expect(res.headers.link).toBe(body.links.next ? `<${body.links.next}>; rel="next"` : undefined);
      url = body.links.next;
    }
    expect(seqs.length).toBeGreaterThanOrEqual(EXAMPLE_KEYS.length);
  });

  it('a limit above 1,000 is refused saying where everything comes at once', async () => {
    const res = await request(app).get('/api/ocds/records?limit=100000').expect(400);
    expect(res.body.error).toEqual({ code: 'invalid-limit', message: 'El parámetro «limit» debe ser un entero entre 1 y 1,000. Para tener todo de una vez, descargue los archivos de /api/bulk (una sola solicitud, sin páginas), o siga «links.next» página por página.' });
  });

  it('still answers every parameter it documents, and links.next as it writes it', async () => {
    const pages = await allPages('/api/ocds/releases?publisher=merida&limit=2');
    expect(pages.length).toBeGreaterThan(1);
    const [release] = pages[0].releases as { ocid: string; id: string }[];
    await request(app).get(`/api/ocds/releases?ocid=${release.ocid}&releaseID=${release.id}`).expect(200);
    await request(app).get('/api/bulk/releases.json?publisher=merida').expect(200);
    await request(app).get('/api/bulk?publisher=merida').expect(200);
    await request(app).get('/api/oc4ids/projects?publisher=merida&limit=1').expect(200);
    // …and what is added to an address on its way, which nobody means as a filter: a cache-buster, a shared link's tags.
    await request(app).get('/api/ocds/releases?publisher=merida&_=1733410000000').expect(200);
    await request(app).get('/api/bulk/releases.json?publisher=merida&fbclid=IwAR0abc&utm_source=facebook&utm_campaign=50%off').expect(200);
  });

  it.each([
    ['/api/ocds/records/ocds-zzz999-nada', 404, 'not-found'],
    ['/api/oc4ids/projects/oc4ids-zzz999-nada', 404, 'not-found'],
    ['/api/ocds/releases?after=%%%basura', 400, 'invalid-encoding'],
    // A bare «%» or a cut UTF-8 sequence in a parameter read: refused as in the path, not looked for as «100%» or «…�».
    ['/api/ocds/releases?publisher=100%', 400, 'invalid-encoding'],
    ['/api/ocds/releases?ocid=ocds-mid001-x%C3', 400, 'invalid-encoding'],
    ['/api/bulk/releases.json?publisher=%E0%A4', 400, 'invalid-encoding'],
    ['/api/ocds/releases?limit=0', 400, 'invalid-limit'],
    // Number() reads these as 16 and 100; a script that sent them meant something else.
    ['/api/ocds/releases?limit=0x10', 400, 'invalid-limit'],
    ['/api/ocds/releases?limit=1e2', 400, 'invalid-limit'],
    // A position past the last publisher (cursors named positions before publisher ids): not an empty package.
    [`/api/ocds/releases?after=${Buffer.from('{"p":99}').toString('base64url')}`, 400, 'invalid-cursor'],
    // Alone, it filtered one page of everything: empty packages with a links.next.
    ['/api/ocds/releases?releaseID=ocds-mid001-x', 400, 'invalid-releaseid'],
    ['/api/ocds/releases?publisher=inexistente', 404, 'not-found'],
    ['/api/no-existe', 404, 'not-found'],
  ])('GET %s → %i with a Spanish JSON error', async (url, status, code) => {
    const res = await request(app).get(url).expect(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[áéíóúñ]|No existe|no es válido|debe ser/);
  });
});

/**
 * What a script paging a listing to its end meets, judged by the official package schemas (at least one document):
 * a publisher without projects, one registered that has published nothing, the last publisher of a span having
 * none of the kind listed, and an implementer publishing for the first time, ahead of the others by id, while the
 * script pages.
 */
/**
 * A script pages every release and every record while the publisher it is in publishes a new revision (one new release
 * per process, new descriptions): the cursor pins the publication it was paging (cursor.ts `v`, pinnedSets), so the
 * harvest is exactly the publication it started in — nothing repeated, missed, or taken from the new one. Before, the
 * pages after the switch resumed by identifier in the new publication: the new releases of the processes still ahead
 * and the records of those processes as revised, next to the old ones, with no error. The new publication comes whole
 * in the next harvest. A publication removed meanwhile cannot be read on: 409, never a page of another.
 */
it('paging while a publisher publishes again gives exactly the publication it began in, releases and records', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await own.putPublisher(publisher);
    await publish(own, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const ownApp = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024, currentTtlMs: 0 }, log: () => undefined });
    type Listed = { releases?: { ocid: string; id: string }[]; records?: { ocid: string; compiledRelease: unknown; releases: unknown[] }[]; links?: { next?: string }; publishedDate: string };
    const get = async (url: string, status = 200): Promise<Listed> => (await request(ownApp).get(url.replace(BASE, '')).expect(status)).body as Listed;
    const key = (r: { ocid: string; id: string }) => `${r.ocid} ${r.id}`;
    const record = (r: { ocid: string }) => JSON.stringify(r);
    const releasesBefore = (await get('/api/ocds/releases?limit=1000')).releases!.map(key);
    const recordsBefore = (await get('/api/ocds/records?limit=1000')).records!.map(record);
    const firstTag = String((await request(ownApp).get('/api/ocds/releases?limit=2').expect(200)).headers.etag);
    // The first page of each listing, then the new revision, then the rest of each.
    const releasePage = await get('/api/ocds/releases?limit=2');
    const recordPage = await get('/api/ocds/records?limit=2');
    const edited = await exampleWorkbook('merida');
    for (let row = 0; row < recordsBefore.length; row++) setCell(edited, 'Contrataciones', row, 'tender/description', `Descripción revisada ${row}`);
    expect((await publish(own, { publisher, workbook: edited, actor: 'system', now: '2025-08-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
    const rest = async (first: Listed): Promise<Listed[]> => {
      const pages = [first];
      for (let url = first.links?.next; url; url = pages[pages.length - 1].links?.next) pages.push(await get(url));
      return pages;
    };
    const releasePages = await rest(releasePage);
    const recordPages = await rest(recordPage);
    expect(releasePages.flatMap((p) => p.releases!.map(key))).toEqual(releasesBefore);
    expect(recordPages.flatMap((p) => p.records!.map(record))).toEqual(recordsBefore);
    expect(releasePages.length).toBeGreaterThan(2);
    // Every page valid, also those of the amended processes (two releases each) read after the switch.
    for (const page of releasePages) if (!VALIDATORS.releasePackage(page)) throw new Error(JSON.stringify(VALIDATORS.releasePackage.errors?.slice(0, 3)));
    const amended = await rest(await get('/api/ocds/records?limit=2'));
    for (const page of [...recordPages, ...amended]) if (!VALIDATORS.recordPackage(page)) throw new Error(JSON.stringify(VALIDATORS.recordPackage.errors?.slice(0, 3)));
    expect(amended.flatMap((p) => p.records!.map((r) => r.releases.length))).toEqual(recordsBefore.map(() => 2));
    // Every page says the date of the publication it holds.
    expect(new Set([...releasePages, ...recordPages].map((p) => p.publishedDate)).size).toBe(1);
    // Started now, the harvest is of the new publication: one more release per process.
    expect((await get('/api/ocds/releases?limit=1000')).releases!.length).toBe(releasesBefore.length + recordsBefore.length);
    // A harvester that asks for the first page with the ETag it had before the publication learns that the listing changed.
    await request(ownApp).get('/api/ocds/releases?limit=2').set('If-None-Match', firstTag).expect(200);
    // Redacted half-way (publications redact): the rest comes from the redacted copy of the same content, never the texts.
    const texts = recordsBefore.map((_, row) => `Descripción revisada ${row}`);
    const redacting = await get('/api/ocds/records?limit=2');
    const plan = await planRedaction(own, (await own.getCurrent(publisher.id))!, textMatchers(texts));
    expect((await redact(own, { publisher, plan, baseUrl: BASE, actor: 'cli', at: '2025-08-02T12:00:00.000Z', reason: 'Solicitud ARCO 0001/2025' })).status).toBe('redacted');
    const redactedPages = await rest(redacting);
    const later = JSON.stringify(redactedPages.slice(1));
    expect(texts.filter((t) => later.includes(t))).toEqual([]);
    expect(redactedPages.flatMap((p) => p.records!.map((r) => r.ocid)).length).toBe(recordsBefore.length);
    // The publication paged removed (pruned) half-way: refused in Spanish, saying to start again.
    const again = await get('/api/ocds/records?limit=2');
    const edited2 = await exampleWorkbook('merida');
    setCell(edited2, 'Contrataciones', 0, 'tender/description', 'Otra revisión');
    const paged = ((await request(ownApp).get('/api/publishers').expect(200)).body as { publishers: { currentPublication: { id: string } }[] }).publishers[0].currentPublication.id;
    expect((await publish(own, { publisher, workbook: edited2, actor: 'system', now: '2025-09-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
    expect(await own.deletePublication(paged)).toBe(true);
    const refused = (await request(ownApp).get(again.links!.next!.replace(BASE, '')).expect(409)).body as { error: { code: string; message: string } };
    expect(refused.error).toEqual({ code: 'publication-changed', message: expect.stringMatching(/^Municipio de Mérida publicó de nuevo .* Empiece de nuevo, sin «after»/) });
  } finally {
    await own.close();
  }
});

/**
 * docs/api.md «Caché»: a 304 on a listing's first page means none of its pages changed. A redaction (publications
 * redact) keeps the publication's date, so a first page of other publishers' documents came back byte for byte, and
 * with it a 304: a nightly harvester kept the texts removed from the later pages. The listings' ETag names the
 * publications they read. And «Páginas»: each page's publishedDate is the newest of all the listing's publishers, also
 * on a page holding none of that one's documents.
 */
it('a listing\'s first page answers 200 to its old ETag after a redaction that changed only later pages', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const published: Record<string, import('../store/store').Publisher> = {};
    for (const [key, now] of [['merida', '2025-07-01T10:00:00-06:00'], ['nuevo-leon', '2025-07-01T11:00:00-06:00']] as const) {
      const workbook = await exampleWorkbook(key);
      published[key] = publisherOf(key, workbook);
      await own.putPublisher(published[key]);
      expect((await publish(own, { publisher: published[key], workbook, actor: 'system', now, baseUrl: BASE })).status).toBe('published');
    }
    const ownApp = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024, currentTtlMs: 0 }, log: () => undefined });
    const merida = (await own.getCurrent('merida'))!;
    // A first page that ends where Mérida's releases end: Nuevo León's are all on the pages after it.
    const first = `/api/ocds/releases?limit=${merida.counts.releases}`;
    const page = await request(ownApp).get(first).expect(200);
    const later = (await request(ownApp).get(String(page.body.links.next).replace(BASE, '')).expect(200)).body as { releases: { ocid: string; tender?: { title?: string } }[]; publishedDate: string };
    expect(later.releases.every((r) => r.ocid.startsWith('ocds-nl'))).toBe(true);
    // The page of Mérida's releases alone says Nuevo León's date, the newest of the listing's.
    expect(page.body.publishedDate).not.toBe(merida.createdAt);
    expect(page.body.publishedDate).toBe(later.publishedDate);
    const text = later.releases.find((r) => r.tender?.title)!.tender!.title!;
    const plan = await planRedaction(own, (await own.getCurrent('nuevo-leon'))!, textMatchers([text]));
    expect((await redact(own, { publisher: published['nuevo-leon'], plan, baseUrl: BASE, actor: 'cli', at: '2025-08-02T12:00:00.000Z', reason: 'Solicitud ARCO 0002/2025' })).status).toBe('redacted');
    const again = await request(ownApp).get(first).set('If-None-Match', String(page.headers.etag)).expect(200);
    expect(again.body.publishedDate).toBe(page.body.publishedDate);
  } finally {
    await own.close();
  }
});

(hasStandards ? it : it.skip)('a listing never answers an empty package: 404 in Spanish for nothing published; paging ends on the last document, unshaken by a publisher that publishes meanwhile', async () => {
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  const schema = (file: string) => JSON.parse(fs.readFileSync(path.join(STANDARDS_DIR, file), 'utf8')) as { id: string };
  for (const file of ['oc4ids-0.9.5/project-schema.json', 'oc4ids-0.9.5/project-package-schema.json']) ajv.addSchema(schema(file));
  const validProjectPackage = ajv.getSchema(schema('oc4ids-0.9.5/project-package-schema.json').id)!;
  const own = openSqliteStore(':memory:');
  try {
    const publishKey = async (key: string, withProjects: boolean) => {
      const workbook = await exampleWorkbook(key);
      const oc4ids = new Set(templateSpec().sheets.filter((s) => s.standard === 'oc4ids').map((s) => s.name));
      if (!withProjects) for (const sheet of workbook.sheets) if (oc4ids.has(sheet.name)) sheet.rows = sheet.rows.slice(0, 2);
      const publisher = publisherOf(key, workbook);
      await own.putPublisher(publisher);
      expect((await publish(own, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
      return publisher;
    };
    const ownApp = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    await own.putPublisher({ ...samplePublisher('campeche'), name: 'Municipio de Campeche' });
    const tuxtla = await publishKey('tuxtla-gutierrez', false);
    await publishKey('nuevo-leon', true);

    for (const [url, message] of [
      ['/api/oc4ids/projects?publisher=tuxtla-gutierrez', `${tuxtla.name} no ha publicado proyectos (EDCAPI)`],
      ['/api/oc4ids/projects?publisher=campeche', 'Municipio de Campeche no ha publicado proyectos (EDCAPI)'],
      ['/api/ocds/records?publisher=campeche', 'Municipio de Campeche no ha publicado procesos de contratación (EDCA-MX)'],
      ['/api/ocds/releases?publisher=campeche', 'Municipio de Campeche no ha publicado procesos de contratación (EDCA-MX)'],
    ]) {
      const res = await request(ownApp).get(url).expect(404).expect('content-type', 'application/json; charset=utf-8');
      expect({ url, error: res.body.error }).toEqual({ url, error: { code: 'not-published', message: expect.stringContaining(message) } });
    }
    // Each publisher links only to the listings it has something in.
    const publishers = ((await request(ownApp).get('/api/publishers').expect(200)).body as { publishers: { id: string; links: Record<string, string> }[] }).publishers;
    expect(Object.fromEntries(publishers.map((p) => [p.id, Object.keys(p.links).sort()]))).toEqual({ campeche: [], 'nuevo-leon': ['bulk', 'projects', 'records', 'releases'], 'tuxtla-gutierrez': ['bulk', 'records', 'releases'] });
    // Its bulk files, listed by the address it links to: all of them answer.
    const tuxtlaFiles = ((await request(ownApp).get(publishers.find((p) => p.id === 'tuxtla-gutierrez')!.links.bulk.replace(BASE, '')).expect(200)).body as { files: { name: string }[] }).files.map((f) => f.name);
    expect(tuxtlaFiles).toContain('records.jsonl');
    expect(tuxtlaFiles).not.toContain('projects.json');
    // The API's own entry names only the listings that answer.
    expect((await request(ownApp).get('/api').expect(200)).body).toEqual({ links: {
      publishers: `${BASE}/api/publishers`, releases: `${BASE}/api/ocds/releases`, records: `${BASE}/api/ocds/records`, projects: `${BASE}/api/oc4ids/projects`, bulk: `${BASE}/api/bulk`,
    } });

    // One project a page, so that a page ends exactly on Nuevo León's last one, with only Tuxtla (none) after it.
    const first = (await request(ownApp).get('/api/oc4ids/projects?limit=1').expect(200)).body as { projects: { id: string }[]; links: { next: string } };
    const ids = first.projects.map((p) => p.id);
    // Mérida publishes for the first time in the middle, and takes the first place by id.
    await publishKey('merida', true);
    let next: string | undefined = first.links.next;
    while (next) {
      const page = (await request(ownApp).get(next.replace(BASE, '')).expect(200)).body as { projects: { id: string }[]; links?: { next?: string } };
      expect({ page: next, valid: validProjectPackage(page), errors: validProjectPackage.errors ?? null }).toEqual({ page: next, valid: true, errors: null });
      ids.push(...page.projects.map((p) => p.id));
      next = page.links?.next;
    }
    const nuevoLeon = ((await request(ownApp).get('/api/oc4ids/projects?publisher=nuevo-leon&limit=1000').expect(200)).body as { projects: { id: string }[] }).projects.map((p) => p.id);
    expect(ids).toEqual(nuevoLeon);
    // A cursor naming no publisher with projects: refused, not an empty page.
    const stray = Buffer.from(JSON.stringify({ s: 'tuxtla-gutierrez' })).toString('base64url');
    expect((await request(ownApp).get(`/api/oc4ids/projects?after=${stray}`).expect(400)).body.error.code).toBe('invalid-cursor');
  } finally {
    await own.close();
  }
});

// OCDS 1.1.5, package schemas: `extensions` are those «used in this package». A history's packages declared an
// extension (`history`); a listing of several publishers declared it on every page, also on pages holding none of
// that publisher's releases or records.
it('a listing page declares the extensions of a history only when it holds that history\'s releases or records', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const merida = publisherOf('merida', await exampleWorkbook('merida'));
    await own.putPublisher(merida);
    await publish(own, { publisher: merida, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const history = { ...samplePublisher('zz-historia'), ocidPrefix: 'ocds-zzz999', projectIdPrefix: 'oc4ids-zzz999' };
    await own.putPublisher(history);
    const bid = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json';
    const releases = ['1', '2'].map((n) => ({ ocid: `ocds-zzz999-${n}`, id: `r-${n}`, date: '2020-01-0' + n + 'T00:00:00Z', release: { ocid: `ocds-zzz999-${n}`, id: `r-${n}`, date: `2020-01-0${n}T00:00:00Z`, tag: ['tender'], initiationType: 'tender' } }));
    await publishHistory(own, { publisher: history, releases, actor: 'cli', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE, extensions: [bid] });
    const ownApp = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    for (const [listing, items] of [['releases', 'releases'], ['records', 'records']] as const) {
      const seen: [boolean, boolean][] = [];
      for (let url: string | undefined = `/api/ocds/${listing}?limit=2`; url;) {
        const page = (await request(ownApp).get(url.replace(BASE, '')).expect(200)).body as Record<string, unknown> & { links?: { next?: string } };
        const docs = page[items] as { ocid: string }[];
        const holdsHistory = docs.some((d) => d.ocid.startsWith('ocds-zzz999-'));
        seen.push([holdsHistory, (page.extensions as string[]).includes(bid)]);
        url = page.links?.next;
      }
      // Pages of Mérida's alone, one with both, one of the history's alone: the extension only where its documents are.
      expect(seen.every(([holds, declares]) => holds === declares)).toBe(true);
      expect(seen.some(([holds]) => holds) && seen.some(([holds]) => !holds)).toBe(true);
    }
    // One publisher asked for: its own declared as before.
    const asked = (await request(ownApp).get('/api/ocds/releases?publisher=zz-historia').expect(200)).body as { extensions: string[] };
    expect(asked.extensions).toContain(bid);
  } finally {
    await own.close();
  }
});

describe('bulk downloads', () => {
  const parse = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  it('streams the release package of everything as valid JSON', async () => {
    const res = await request(app).get('/api/bulk/releases.json').buffer(true).parse(parse).expect(200);
    const pkg = JSON.parse((res.body as Buffer).toString('utf8')) as { releases: unknown[] };
    expect(pkg.releases.length).toBeGreaterThanOrEqual(18);
    if (!VALIDATORS.releasePackage(pkg)) throw new Error(JSON.stringify(VALIDATORS.releasePackage.errors?.slice(0, 3)));
  });

  it('streams records and projects as JSON Lines, one document per line', async () => {
    const records = await request(app).get('/api/bulk/records.jsonl?publisher=merida').buffer(true).parse(parse).expect(200);
    const lines = (records.body as Buffer).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => (JSON.parse(l) as { ocid: string }).ocid.startsWith('ocds-mid001-'))).toEqual([true, true, true, true, true]);
    const projects = await request(app).get('/api/bulk/projects.jsonl').buffer(true).parse(parse).expect(200);
    expect((projects.body as Buffer).toString('utf8').trim().split('\n').length).toBeGreaterThanOrEqual(12);
  });

  it('streams the flattened template as .xlsx that reads back with the published data', async () => {
    const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(parse).expect(200);
    const { XlsxBufferSource } = await import('../ingest/xlsx-source');
    const workbook = await new XlsxBufferSource(res.body as Buffer).read();
    const projects = workbook.sheets.find((s) => s.name === 'Proyectos');
    expect(projects?.rows.length).toBe(2 + 4);
    expect(workbook.sheets.find((s) => s.name === 'Contrataciones')?.rows.length).toBe(2 + 5);
  });

  // An official who captures in Excel on a self-hosted server, starting out (nothing published): only a command run
  // on the server wrote the template. The site hands out the very workbook `template` writes (templates/).
  it('serves the blank template as an attachment, the committed template byte for byte', async () => {
    const res = await request(app).get('/api/plantilla.xlsx').buffer(true).parse(parse).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename=plantilla-infraestructura-abierta.xlsx');
    expect((res.body as Buffer).equals(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'templates', 'plantilla-infraestructura-abierta.xlsx')))).toBe(true);
  });

  // A script reads the list and downloads what it names: one publisher's list named everyone's files.
  it('lists one publisher\'s files at addresses that download that publisher\'s files, cacheable', async () => {
    const listing = await request(app).get('/api/bulk?publisher=merida').expect(200);
    const files = (listing.body as { files: { name: string; url: string }[] }).files;
    expect(files.filter((f) => f.url !== `${BASE}/api/bulk/${f.name}?publisher=merida`)).toEqual([]);
    expect(listing.headers['cache-control']).toBe('public, max-age=60');
    const releases = files.find((f) => f.name === 'releases.json') as { url: string };
    const pkg = JSON.parse(((await request(app).get(releases.url.replace(BASE, '')).buffer(true).parse(parse).expect(200)).body as Buffer).toString('utf8')) as { publisher: { name: string }; releases: { ocid: string }[] };
    expect(pkg.publisher.name).toBe('Municipio de Mérida');
    expect(pkg.releases.filter((r) => !r.ocid.startsWith('ocds-mid001-'))).toEqual([]);
  });

  it('answers 404 in Spanish for an unknown file', async () => {
    const res = await request(app).get('/api/bulk/todo.zip').expect(404);
    expect(res.body.error.message).toContain('No existe');
  });
});

describe('bulk .xlsx content', () => {
  /**
   * The workbook ExcelJS reads from the bytes downloaded, read once for the same bytes: each test downloads
   * Mérida's datos.xlsx (the same file, built once) and only reads what ExcelJS made of it.
   */
  let read: { body: Buffer; book: ReturnType<typeof xlsxBook> } | undefined;
  const xlsxBookOf = (body: Buffer): ReturnType<typeof xlsxBook> => {
    if (!read?.body.equals(body)) read = { body, book: xlsxBook(body) };
    return read.book;
  };

  it('holds real dates and the latest state of each process', async () => {
    const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    const { XlsxBufferSource } = await import('../ingest/xlsx-source');
    const workbook = await new XlsxBufferSource(res.body as Buffer).read();
    const projects = workbook.sheets.find((s) => s.name === 'Proyectos');
    const col = (projects?.rows[1] ?? []).indexOf('period/startDate');
    expect(Object.prototype.toString.call(projects?.rows[2][col])).toBe('[object Date]');
    const ocids = workbook.sheets.find((s) => s.name === 'Contrataciones')?.rows.slice(2).map((r) => r[0]);
    expect(new Set(ocids).size).toBe(5);
  });

  // Opened in Excel as a journalist would: columns of Excel's default width (8.43) showed an amount as 1.28E+09 and a
  // date as ########, and amounts had no thousands separator. The template's widths and formats, titles in bold.
  it('formats amounts with thousands separators and dates as dd/mm/yyyy, in columns wide enough to show them, and wraps the Léame sheet', async () => {
    const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    const ws = (await xlsxBookOf(res.body as Buffer)).getWorksheet('Proyectos')!;
    const column = (path: string): number => (ws.getRow(2).values as unknown[]).indexOf(path);
    const [budget, start, title] = [column('budget/amount/amount'), column('period/startDate'), column('title')];
    const amount = ws.getRow(3).getCell(budget);
    expect(typeof amount.value).toBe('number');
    expect(amount.numFmt).toBe('#,##0.00');
    const date = ws.getRow(3).getCell(start);
    expect(date.value).toBeInstanceOf(Date);
    expect(date.numFmt).toBe('dd/mm/yyyy');
    expect(ws.getColumn(budget).width).toBeGreaterThanOrEqual(16);
    expect(ws.getColumn(start).width).toBeGreaterThanOrEqual(11);
    expect(ws.getColumn(title).width).toBeGreaterThanOrEqual(20);
    expect(ws.getRow(1).getCell(title).font?.bold).toBe(true);
    // Text stays text: a title is not given a number format.
    expect(ws.getRow(3).getCell(title).numFmt).toBeUndefined();
    // The «Léame» sheet's paragraphs (up to a thousand characters) wrap in its column instead of running off the screen.
    const readme = (await xlsxBookOf(res.body as Buffer)).worksheets[0];
    expect(readme.name).toBe('Léame');
    const cells = readme.getColumn(1).values.slice(1).map((_, i) => readme.getRow(i + 1).getCell(1));
    expect(cells.length).toBeGreaterThan(2);
    expect(cells.filter((c) => !c.alignment?.wrapText).map((c) => c.address)).toEqual([]);
    expect(cells[0].font?.bold).toBe(true);
  });

  // An official corrects the download and sends it back: a yes/no column reads «Sí»/«No», the answers its template's
  // drop-down offers, not a TRUE/FALSE cell (VERDADERO/FALSO in a Spanish Excel). Converted back, the same booleans.
  it('answers yes/no columns «Sí» or «No», as the template does, and they read back as the published booleans', async () => {
    const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    const book = await xlsxBookOf(res.body as Buffer);
    const answers: unknown[] = [];
    for (const sheet of templateSpec().sheets) {
      const ws = book.getWorksheet(sheet.name);
      if (!ws) continue;
      const paths = ws.getRow(2).values as unknown[];
      for (const col of sheet.columns.filter((c) => c.type === 'boolean')) {
        const n = paths.indexOf(col.path);
        ws.eachRow((row, r) => { if (r > 2 && row.getCell(n).value !== null) answers.push(row.getCell(n).value); });
      }
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((v) => v !== 'Sí' && v !== 'No')).toEqual([]);
    const { XlsxBufferSource } = await import('../ingest/xlsx-source');
    const { unflatten } = await import('../../../core/unflatten/unflatten');
    const converted = unflatten(await new XlsxBufferSource(res.body as Buffer).read(), { now: '2025-07-01T10:00:00-06:00' });
    const records = await request(app).get('/api/bulk/records.jsonl?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    const published = (records.body as Buffer).toString('utf8').trim().split('\n').map((l) => (JSON.parse(l) as { compiledRelease: unknown }).compiledRelease);
    const enquiries = (releases: readonly unknown[]): Record<string, unknown> => Object.fromEntries((releases as { ocid: string; tender?: { hasEnquiries?: boolean } }[]).map((r) => [r.ocid, r.tender?.hasEnquiries]));
    expect(enquiries(converted.releases)).toEqual(enquiries(published));
    expect(Object.values(enquiries(converted.releases))).toContain(true);
  });

  // A journalist filters at once: every data sheet has filter buttons over its columns, on the path row so that its
  // data rows — and only those — are filtered and sorted, and the hidden name LibreOffice shows them by.
  it('puts filter buttons over every data sheet\'s columns and rows, named for LibreOffice too', async () => {
    const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    const book = await xlsxBookOf(res.body as Buffer);
    const { columnLetter } = await import('../../../core/workbook/model');
    const expected = templateSpec().sheets.map((sheet) => {
      const ws = book.getWorksheet(sheet.name)!;
      return { sheet: sheet.name, ref: `A2:${columnLetter(sheet.columns.length)}${Math.max(2, ws.rowCount)}`, index: book.worksheets.indexOf(ws) };
    });
    expect(expected.find((e) => e.sheet === 'Contrataciones')?.ref).toMatch(/^A2:[A-Z]+7$/);
    expect(book.worksheets.map((ws) => ws.autoFilter ? { sheet: ws.name, ref: ws.autoFilter } : undefined).filter(Boolean))
      .toEqual(expected.map(({ sheet, ref }) => ({ sheet, ref })));
    const { strFromU8, unzipSync } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(res.body as Buffer), { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml']);
    const names = [...xml.matchAll(/<definedName name="_xlnm\._FilterDatabase" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => ({ index: Number(m[1]), range: m[2] }));
    expect(names).toEqual(expected.map(({ sheet, ref, index }) => ({ index, range: `&apos;${sheet}&apos;!${ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}` })));
  });

  // A reader scrolling thousands of rows keeps the titles and paths in sight; the Léame sheet has no header, and
  // Configuración (the zone of the dates) one row, as in the template.
  it('freezes the two header rows of every data sheet', async () => {
    const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    const book = await xlsxBookOf(res.body as Buffer);
    const sheets = book.worksheets.slice(1).filter((ws) => ws.name !== 'Configuración');
    expect(sheets.map((ws) => ws.name)).toContain('Proyectos');
    expect(book.getWorksheet('Configuración')?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheets.filter((ws) => !(ws.views[0]?.state === 'frozen' && (ws.views[0] as { ySplit?: number }).ySplit === 2)).map((ws) => ws.name)).toEqual([]);
  });
});

describe('compression', () => {
  it('sends gzip to clients that accept it, with the same ETag and content', async () => {
    const plain = await request(app).get('/api/ocds/releases?limit=10').set('Accept-Encoding', 'identity').expect(200);
    const zipped = await request(app).get('/api/ocds/releases?limit=10').set('Accept-Encoding', 'gzip').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    expect(zipped.body).toEqual(plain.body);
    expect(zipped.headers.vary).toContain('Accept-Encoding');
  });
});

describe('a server that only publishes', () => {
  it('says that nobody signs in here (the pages then offer no sign-in), and has no session to name', async () => {
    expect((await request(app).get('/api/auth-config').expect(200)).body).toEqual({ method: 'none' });
    expect((await request(app).get('/api/session').expect(404)).body.error.message).toMatch(/esa ruta de la API/);
  });
});

/**
 * A journalist follows one company through every implementer: by its RFC however it is typed, or by words of its
 * name without accents, in the records and (paged one at a time, through a process's several releases and on to
 * the next implementer) in the releases — exactly the processes whose awards name it, judged here from the full
 * listings, each page a valid package whose `links.next` is also its `Link` header.
 */
it('filters the OCDS listings by supplier (RFC or name) across implementers, paging by links.next and Link', async () => {
  const own = openSqliteStore(':memory:');
  try {
    const RFC = 'CVM130828EF5';
    const put = async (key: string, edit: (w: Awaited<ReturnType<typeof exampleWorkbook>>) => void, now: string) => {
      const workbook = await exampleWorkbook(key);
      edit(workbook);
      const publisher = publisherOf(key, workbook);
      await own.putPublisher(publisher);
      expect((await publish(own, { publisher, workbook, actor: 'system', now, baseUrl: BASE })).status).toBe('published');
    };
    // Mérida twice (each process then has two releases); Nuevo León's «Constructora Cumbres del Norte» given, under its
    // own id and name, the RFC of Mérida's «Concretos y Vialidades del Mayab»: the same company for the filter.
    await put('merida', () => undefined, '2025-07-01T10:00:00-06:00');
    await put('merida', (w) => { for (let row = 0; row < 5; row++) setCell(w, 'Contrataciones', row, 'tender/description', `Descripción revisada ${row}`); }, '2025-08-01T10:00:00-06:00');
    await put('nuevo-leon', (w) => {
      const actors = w.sheets.find((s) => s.name === 'Actores')!;
      const [idCol, rfcCol] = ['parties/0/id', 'parties/0/identifier/id'].map((c) => actors.rows[1].indexOf(c));
      const rows = actors.rows.filter((r, i) => i > 1 && r[idCol] === 'MX-RFC-CCN050314H72');
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) r[rfcCol] = RFC;
    }, '2025-07-01T10:00:00-06:00');
    const ownApp = createApp({ store: own, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });

    // The oracle: every record, and the processes whose awards name a party with that RFC or those words in its name.
    type Party = { id: string; name: string; identifier?: { id?: string } };
    type Rec = { ocid: string; compiledRelease: { parties?: Party[]; awards?: { suppliers?: { id: string; name: string }[] }[] } };
    const records = ((await request(ownApp).get('/api/ocds/records?limit=1000').expect(200)).body as { records: Rec[] }).records;
    const awardedTo = (test: (p: Party) => boolean) => records.filter((r) => (r.compiledRelease.awards ?? []).some((a) => (a.suppliers ?? []).some((s) => {
      const party = (r.compiledRelease.parties ?? []).find((p) => p.id === s.id) ?? s;
      return test(party);
    }))).map((r) => r.ocid);
    const byRfc = awardedTo((p) => p.identifier?.id === RFC);
    expect(new Set(byRfc.map((o) => o.split('-')[1])).size).toBe(2);
    const byName = awardedTo((p) => p.name === 'Concretos y Vialidades del Mayab, S.A. de C.V.');
    expect(byName.length).toBe(1);

    const ocidsOf = async (url: string) => ((await request(ownApp).get(url).expect(200)).body as { records: Rec[] }).records.map((r) => r.ocid);
    for (const spelled of [RFC, 'cvm-130828-ef5', `MX-RFC-${RFC}`]) expect(await ocidsOf(`/api/ocds/records?supplier=${encodeURIComponent(spelled)}`)).toEqual(byRfc);
    expect(await ocidsOf(`/api/ocds/records?supplier=${RFC}&publisher=nuevo-leon`)).toEqual(byRfc.filter((o) => o.startsWith('ocds-nl')));
    expect(await ocidsOf(`/api/ocds/records?supplierName=${encodeURIComponent('CONCRETOS vialidades mayab sa de cv')}`)).toEqual(byName);
    expect(await ocidsOf(`/api/ocds/records?supplier=${RFC}&supplierName=mayab`)).toEqual(byName);

    // Releases one a page: a process's two releases, then the next process, then the next implementer.
    const expected = ((await request(ownApp).get('/api/ocds/releases?limit=1000').expect(200)).body as { releases: { ocid: string; id: string }[] }).releases
      .filter((r) => byRfc.includes(r.ocid)).map((r) => `${r.ocid} ${r.id}`);
    expect(expected.length).toBeGreaterThan(byRfc.length);
    const seen: string[] = [];
    for (let url: string | undefined = `/api/ocds/releases?supplier=${RFC}&limit=1`; url;) {
      const res: request.Response = await request(ownApp).get(url.replace(BASE, '')).expect(200);
      const page = res.body as { releases: { ocid: string; id: string }[]; links?: { next?: string } };
      if (!VALIDATORS.releasePackage(page)) throw new Error(JSON.stringify(VALIDATORS.releasePackage.errors?.slice(0, 3)));
      seen.push(...page.releases.map((r) => `${r.ocid} ${r.id}`));
      expect(res.headers.link).toBe(page.links?.next ? `<${page.links.next}>; rel="next"` : undefined);
      url = page.links?.next;
    }
    expect(seen).toEqual(expected);
    // One process among the supplier's: its releases; another process: none of the supplier's.
    await request(ownApp).get(`/api/ocds/releases?supplier=${RFC}&ocid=${byRfc[0]}`).expect(200);
    const other = records.find((r) => !byRfc.includes(r.ocid))!.ocid;
    expect((await request(ownApp).get(`/api/ocds/releases?supplier=${RFC}&ocid=${other}`).expect(404)).body.error.code).toBe('not-found');

    // Refusals, in Spanish: a supplier nobody was awarded, SAT's generic RFC, a name of no words, a cursor of the unfiltered listing.
    const nobody = (await request(ownApp).get('/api/ocds/records?supplierName=inexistente').expect(404)).body.error;
    expect(nobody).toEqual({ code: 'not-found', message: 'No existe ningún registro publicado de un proceso adjudicado al proveedor pedido («supplierName=inexistente»).' });
    expect((await request(ownApp).get('/api/ocds/releases?supplier=XAXX010101000').expect(400)).body.error.code).toBe('invalid-supplier');
    expect((await request(ownApp).get('/api/ocds/records?supplierName=...').expect(400)).body.error.code).toBe('invalid-suppliername');
    const unfiltered = ((await request(ownApp).get('/api/ocds/records?limit=1').expect(200)).body as { links: { next: string } }).links.next;
    expect((await request(ownApp).get(`/api/ocds/records?supplierName=constructora&after=${new URL(unfiltered).searchParams.get('after')}`).expect(400)).body.error.code).toBe('invalid-cursor');
  } finally {
    await own.close();
  }
});
