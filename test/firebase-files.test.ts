/** The Firebase deployment files stay in step with the code: generated indexes, closed security rules. */
import * as fs from 'fs';
import * as path from 'path';
import express from 'express';
import request from 'supertest';
import { INDEXES_FILE, indexesJson, MAX_COMPOSITE_INDEXES, MAX_FIELD_CONFIGURATIONS, namespacesIn } from '../scripts/generate-firestore-indexes';
import { COLLECTIONS } from '../functions/src/store/collections';
import { FIREBASE_FILE, withHostingRedirects } from '../scripts/generate-hosting-redirects';
import { dashboardAddresses, type HostingRedirect } from '../functions/src/server/dashboard-addresses';
import { createCloudApp } from '../functions/src/index';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { DASHBOARD_PAGES, DOCUMENT_PAGES } from '../core/addresses/dashboard-pages';
import { ROOT } from './standards';
import { WORKFLOW_PATHS } from '../core/workflow/contract';

/** A Hosting rewrite: a glob (`source`) or an RE2 regex (`regex`) matched against the path, and where it goes. */
interface Rewrite { source?: string; regex?: string; function: string }

/** The function Hosting hands a path to: the first rewrite whose glob (`**`: anything, `*`: one segment's worth) or regex matches. */
function rewriteTarget(rewrites: Rewrite[], pathname: string): string | undefined {
  const glob = (source: string) => new RegExp(`^${source.split('**').map((part) => part.split('*').map((t) => t.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('.*')}$`);
  return rewrites.find((r) => (r.regex !== undefined ? new RegExp(r.regex, 'u') : glob(r.source ?? '')).test(pathname))?.function;
}

describe('firebase files', () => {
  it('firestore.indexes.json matches the store query shapes (with the prefixes a deployment added, if any)', () => {
    const written = fs.readFileSync(INDEXES_FILE, 'utf8');
    expect(written).toBe(indexesJson(namespacesIn(written)));
  });

  it('a FIRESTORE_NAMESPACE gets indexes of its own, next to the unprefixed ones', () => {
    const json = indexesJson(['mx_']);
    const groups = (JSON.parse(json) as { indexes: { collectionGroup: string }[] }).indexes.map((i) => i.collectionGroup);
    expect(groups).toContain('users');
    expect(groups).toContain('mx_users');
    expect(namespacesIn(json)).toEqual(['mx_']);
  });

  // The emulator ignores index configuration (it answers any query and indexes nothing), so the generated file is what
  // is checked: the body of every collection group a deployment uses — with its prefix too — is exempted.
  it('the body of every collection, prefixed or not, is exempted from single-field indexing in Firestore\'s fieldOverrides form', () => {
    const overrides = (JSON.parse(indexesJson(['mx_'])) as { fieldOverrides: unknown[] }).fieldOverrides;
    for (const c of Object.keys(COLLECTIONS)) {
      for (const group of [c, `mx_${c}`]) expect(overrides).toContainEqual({ collectionGroup: group, fieldPath: 'body', indexes: [] });
    }
    const committed = JSON.parse(fs.readFileSync(INDEXES_FILE, 'utf8')) as { fieldOverrides: { collectionGroup: string; fieldPath: string }[] };
    expect(committed.fieldOverrides.filter((o) => o.fieldPath === 'body').map((o) => o.collectionGroup)).toEqual(expect.arrayContaining(Object.keys(COLLECTIONS)));
  });

  // Firestore refuses a collection id with «/» (the prefix would make every id one), and a database holds at most
  // 1,000 composite indexes and 1,000 single-field configurations (with billing): each prefix adds a full set of both.
  it('the generator refuses a prefix Firestore cannot use, and more prefixes than a database holds indexes for', () => {
    expect(() => indexesJson(['tam/'])).toThrow(/^La variable FIRESTORE_NAMESPACE .* no «\/».*\(se recibió «tam\/», 4 bytes\)\.$/);
    const prefixes = (n: number) => Array.from({ length: n }, (_, i) => `p${i}_`);
    const { indexes, fieldOverrides } = JSON.parse(indexesJson()) as { indexes: unknown[]; fieldOverrides: unknown[] };
    const most = Math.floor(Math.min(MAX_COMPOSITE_INDEXES / indexes.length, MAX_FIELD_CONFIGURATIONS / fieldOverrides.length)) - 1;
    const json = indexesJson(prefixes(most));
    expect((JSON.parse(json) as { indexes: unknown[] }).indexes.length).toBeLessThanOrEqual(MAX_COMPOSITE_INDEXES);
    expect(() => indexesJson(prefixes(most + 1))).toThrow(new RegExp(`^Con ${most + 1} prefijos \\(FIRESTORE_NAMESPACE\\), firestore\\.indexes\\.json tendría \\d+ .* y Firestore admite 1000 por base de datos \\(con facturación; 200 sin ella\\)\\. .*No se escribió nada\\.$`));
  });

  // The rules emulator needs Java 21, which this Debian lacks (engineering notes §1), so the rules are checked
  // statically: one catch-all match that denies every client read and write, and nothing that allows.
  it('firestore.rules deny every client read and write', () => {
    const rules = fs.readFileSync(path.join(ROOT, 'firestore.rules'), 'utf8').replace(/\/\/.*$/gm, '');
    expect(rules).toMatch(/match \/\{document=\*\*\}\s*\{\s*allow read, write: if false;\s*\}/);
    expect(rules.match(/allow /g)).toHaveLength(1);
  });

  // Google stopped deploying Node.js 20 on Cloud Functions on 2026-10-30 (runtime support schedule): the bundle,
  // built for Node 20 (self-hosted), runs on 22; functions/package.json says the same as firebase.json.
  it('firebase.json deploys functions on Node 22 and the dashboard build, and nothing on a retired runtime', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'firebase.json'), 'utf8')) as { functions: { runtime: string }[]; hosting: { public: string }; extensions?: unknown };
    expect(config.functions[0].runtime).toBe('nodejs22');
    expect((JSON.parse(fs.readFileSync(path.join(ROOT, 'functions', 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node).toBe('22');
    // Firebase's Trigger Email extension ran on Node.js 20: the functions send their notices by SMTP themselves.
    expect(config.extensions).toBeUndefined();
    expect(config.hosting.public).toBe('dashboard/dist');
  });

  // Invoking a function is granted on its own Cloud Run service (named as the function, in lower case), never on the
  // whole project: the public HTTP ones to allUsers, the task and the schedule to the functions' own account only.
  it('the guide grants roles/run.invoker per function, as functions/src/index.ts defines them, never project-wide', () => {
    const guide = fs.readFileSync(path.join(ROOT, 'docs', 'deploy.md'), 'utf8');
    const index = fs.readFileSync(path.join(ROOT, 'functions', 'src', 'index.ts'), 'utf8');
    const functions = [...index.matchAll(/^export const (\w+) = (onRequest|onTaskDispatched|onSchedule)\b/gm)].map((m) => ({ name: m[1], http: m[2] === 'onRequest' }));
    expect(functions.map((f) => f.name).sort()).toEqual(['api', 'publishSubmission', 'review', 'updateReminders']);
    // No project-wide grant of the role, in a loop of roles or alone.
    // Each command with its continuation lines (a trailing backslash), and each loop's list of roles.
    const commands = guide.match(/^(?:gcloud projects add-iam-policy-binding|for role in)(?:.*\\\n)*.*$/gm) ?? [];
    expect(commands.length).toBeGreaterThan(1);
    for (const cmd of commands) expect(cmd).not.toMatch(/roles\/run\.invoker/);
    const grants = (member: string): string[] => {
      const out: string[] = [];
      for (const m of guide.matchAll(/for service in ([\w ]+); do\n\s*gcloud run services add-iam-policy-binding \$service --region=us-central1 \\\n\s*--member=(\S+) --role=roles\/run\.invoker\n/g)) if (m[2] === member) out.push(...m[1].trim().split(/\s+/));
      return out.sort();
    };
    expect(grants('allUsers')).toEqual(functions.filter((f) => f.http).map((f) => f.name.toLowerCase()).sort());
    expect(grants('serviceAccount:$SA')).toEqual(functions.filter((f) => !f.http).map((f) => f.name.toLowerCase()).sort());
  });

  it('Hosting sends the review routes to the `review` function and the rest of the API to `api`', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'firebase.json'), 'utf8')) as { hosting: { rewrites: Rewrite[] } };
    const target = (p: string) => rewriteTarget(config.hosting.rewrites, p);
    expect(['/api/submissions', '/api/submissions/abc-123', '/api/submissions/abc-123/preview', '/api/submissions/abc-123/approve'].map(target)).toEqual(['review', 'review', 'review', 'review']);
    // Where a send still being checked is asked for (202 send-checking's Location), on the same instances.
    expect(target(WORKFLOW_PATHS.sendCheck('mer~0b6f1c2e-5d4a-4e8b-9c3f-2a1b0c9d8e7f'))).toBe('review');
    expect(['/api/publishers', '/api/ocds/releases', '/api/submissionsx', '/api/bulk/datos.xlsx', '/api/audit', '/api/session', '/api/auth-config'].map(target)).toEqual(['api', 'api', 'api', 'api', 'api', 'api', 'api']);
    expect(target('/proyectos')).toBeUndefined();
    // A document's address without its `#` goes to `api`, which redirects it (server/dashboard-addresses.ts).
    expect(['/proyecto/oc4ids-1', '/revision/abc', '/proyecto/a%2Fb/'].map(target)).toEqual(['api', 'api', 'api']);
    expect(['/proyecto/a/b', '/proyectos/x', '/api/proyecto/x'].map(target)).toEqual([undefined, undefined, 'api']);
  });

  it('firebase deploy builds what it uploads: the functions bundle and the dashboard (predeploy)', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'firebase.json'), 'utf8')) as { functions: { predeploy: string[] }[]; hosting: { predeploy: string[] } };
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const run = (commands: string[]) => commands.map((c) => /npm --prefix "\$PROJECT_DIR" run ([\w:-]+)/.exec(c)?.[1]);
    expect(run(config.functions[0].predeploy)).toEqual(['build:functions']);
    expect(run(config.hosting.predeploy)).toEqual(['build:dashboard']);
    expect(scripts['build:functions']).toMatch(/scripts\/build\.ts functions/);
    expect(scripts['build:dashboard']).toMatch(/scripts\/build-dashboard\.ts/);
  });

  it('firebase.json redirects the dashboard pages as the generator writes them from the page list', () => {
    const written = fs.readFileSync(FIREBASE_FILE, 'utf8');
    expect(written).toBe(withHostingRedirects(written));
  });

  // A link shared without its `#` lands on the page in the cloud (Firebase Hosting) as on the self-hosted server
  // (dashboard-addresses.ts): every page, alone and with an id, and what must stay a 404, answered alike by both.
  // Ids with percent-encoded characters among them: Hosting does not document whether a captured segment goes into a
  // redirect's destination as sent or decoded and encoded again, so every rule is run both ways and must answer alike.
  it('Hosting sends a dashboard address without its # where the self-hosted server does, ids with encoded characters included', async () => {
    const config = JSON.parse(fs.readFileSync(FIREBASE_FILE, 'utf8')) as { hosting: { redirects: HostingRedirect[]; rewrites: Rewrite[] } };
    // Hosting's documented behaviour (firebase.google.com/docs/hosting/full-config, and the Hosting REST API's
    // Redirect and Rewrite): redirects before rewrites; a rule's `regex` is RE2 matched against the request's path;
    // a redirect's destination «can contain capture group values» (`:N`); the query string is kept.
    type Substitution = (path: string, re: RegExp, destination: string) => string | undefined;
    // As sent: the captured text, still percent-encoded, put in place.
    const asSent: Substitution = (path, re, destination) => {
      const m = re.exec(path);
      return m ? destination.replace(/:(\d+)/g, (_, n: string) => m[Number(n)]) : undefined;
    };
    // Decoded and encoded again, as Firebase's own open implementation (superstatic, which the emulator runs) does:
    // the path goes through decodeURI before matching, each value through encodeURIComponent into the destination,
    // which is then decodeURIComponent-ed and encodeURI-ed whole.
    const reEncoded: Substitution = (path, re, destination) => {
      const m = re.exec(decodeURI(path));
      return m ? encodeURI(decodeURIComponent(destination.replace(/:(\d+)/g, (_, n: string) => encodeURIComponent(m[Number(n)])))) : undefined;
    };
    // The `api` function as index.ts builds it (its own store here: a page's address reads nothing).
    const store = openSqliteStore(':memory:');
    const api = createCloudApp({ METADATA_SERVER_DETECTION: 'none', GCLOUD_PROJECT: 'demo-test', PUBLIC_BASE_URL: 'https://infra.example.mx', GOOGLE_CLIENT_ID: '123456789012-abc123.apps.googleusercontent.com', BULK_BUCKET: 'demo-bulk' }, store);
    const location = async (app: express.Express, address: string) => (await request(app).get(address)).headers.location as string | undefined;
    const hosting = async (address: string, substitute: Substitution): Promise<string | undefined> => {
      const [pathname, query] = address.split('?');
      for (const rule of config.hosting.redirects) {
        const to = substitute(pathname, new RegExp(rule.regex, 'u'), rule.destination);
        if (to !== undefined) return `${to}${query !== undefined ? `?${query}` : ''}`;
      }
      if (rewriteTarget(config.hosting.rewrites, pathname) === 'api') return location(api, address);
      return undefined;
    };
    const app = express().use(dashboardAddresses()).use((_req, res) => { res.status(404).end(); });
    const server = (address: string) => location(app, address);
    const pages = DASHBOARD_PAGES.filter(Boolean);
    // Ids as a link carries them: a slash, a space, an accent, a percent sign, a `#`, a `?`, a `+`, each encoded.
    const ids = ['oc4ids-mid001-MID-2024-001', 'ocds-abc123-LO%2F2024%2F001', 'obra%20de%20Ca%C3%B1%C3%B3n', '100%25-avance', 'ocds-x%23y', 'a%3Fb%26c', 'a%2Bb'];
    const addresses = [
      ...pages.flatMap((p) => [`/${p}`, `/${p}/`, ...ids.map((id) => `/${p}/${id}`), `/${p}/x/y`, `/${p}?state=Yucat%C3%A1n`]),
      ...[...DOCUMENT_PAGES].map((p) => `/${p}/abc123/?orden=situacion&state=Jalisco`),
      '/', '/Proyectos', '//proyectos', '/no-existe', '/api/publishers', '/app.js', '/api/proyectos', '/proyectosx', '/xproyectos',
    ];
    try {
      for (const address of addresses) {
        const expected = await server(address);
        expect([address, await hosting(address, asSent)]).toEqual([address, expected]);
        expect([address, await hosting(address, reEncoded)]).toEqual([address, expected]);
      }
    } finally {
      await store.close();
    }
    // It does redirect: the pages and the documents' addresses, each id reaching the page as the link named it (the
    // dashboard's router decodes each segment of the hash: dashboard/src/main.ts).
    expect(await hosting('/proyecto/oc4ids-1?state=Yucat%C3%A1n', reEncoded)).toBe('/#/proyecto/oc4ids-1?state=Yucat%C3%A1n');
    expect(await hosting('/seguimiento', reEncoded)).toBe('/#/seguimiento');
    for (const id of ids) expect(decodeURIComponent((await server(`/contratacion/${id}`))!.split('/').pop()!)).toBe(decodeURIComponent(id));
    expect(config.hosting.redirects.every((r) => r.type === 302)).toBe(true);
  });
});
