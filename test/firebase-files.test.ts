/** The Firebase deployment files stay in step with the code: generated indexes, closed security rules. */
import * as fs from 'fs';
import * as path from 'path';
import express from 'express';
import request from 'supertest';
import { INDEXES_FILE, indexesJson, namespacesIn } from '../scripts/generate-firestore-indexes';
import { FIREBASE_FILE, withHostingRedirects } from '../scripts/generate-hosting-redirects';
import { dashboardAddresses, type HostingRedirect } from '../functions/src/server/dashboard-addresses';
import { DASHBOARD_PAGES, DOCUMENT_PAGES } from '../core/addresses/dashboard-pages';
import { ROOT } from './standards';

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
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'firebase.json'), 'utf8')) as { hosting: { rewrites: { source: string; function: string }[] } };
    // Hosting serves a path with the first rule whose glob matches it (`**`: anything, `*`: one segment's worth).
    const glob = (source: string) => new RegExp(`^${source.split('**').map((part) => part.split('*').map((t) => t.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('.*')}$`);
    const target = (p: string) => config.hosting.rewrites.find((r) => glob(r.source).test(p))?.function;
    expect(['/api/submissions', '/api/submissions/abc-123', '/api/submissions/abc-123/preview', '/api/submissions/abc-123/approve'].map(target)).toEqual(['review', 'review', 'review', 'review']);
    expect(['/api/publishers', '/api/ocds/releases', '/api/submissionsx', '/api/bulk/datos.xlsx', '/api/audit', '/api/session', '/api/auth-config'].map(target)).toEqual(['api', 'api', 'api', 'api', 'api', 'api', 'api']);
    expect(target('/proyectos')).toBeUndefined();
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
  it('Hosting sends a dashboard address without its # where the self-hosted server does', async () => {
    const config = JSON.parse(fs.readFileSync(FIREBASE_FILE, 'utf8')) as { hosting: { redirects: HostingRedirect[] } };
    // Hosting's documented behaviour: the first rule whose RE2 regex matches the path; `:N` is capture group N; the
    // query string is kept.
    const hosting = (address: string): string | undefined => {
      const [pathname, query] = address.split('?');
      for (const rule of config.hosting.redirects) {
        const m = new RegExp(rule.regex, 'u').exec(pathname);
        if (m) return `${rule.destination.replace(/:(\d+)/g, (_, n: string) => m[Number(n)])}${query !== undefined ? `?${query}` : ''}`;
      }
      return undefined;
    };
    const app = express().use(dashboardAddresses()).use((_req, res) => { res.status(404).end(); });
    const server = async (address: string): Promise<string | undefined> => (await request(app).get(address)).headers.location as string | undefined;
    const pages = DASHBOARD_PAGES.filter(Boolean);
    const addresses = [
      ...pages.flatMap((p) => [`/${p}`, `/${p}/`, `/${p}/oc4ids-mid001-MID-2024-001`, `/${p}/x/y`, `/${p}?state=Yucat%C3%A1n`]),
      ...[...DOCUMENT_PAGES].map((p) => `/${p}/abc123/?orden=situacion&state=Jalisco`),
      '/', '/Proyectos', '//proyectos', '/no-existe', '/api/publishers', '/app.js', '/api/proyectos', '/proyectosx', '/xproyectos',
    ];
    for (const address of addresses) expect([address, hosting(address)]).toEqual([address, await server(address)]);
    // It does redirect: the pages and the documents' addresses.
    expect(hosting('/proyecto/oc4ids-1?state=Yucat%C3%A1n')).toBe('/#/proyecto/oc4ids-1?state=Yucat%C3%A1n');
    expect(hosting('/seguimiento')).toBe('/#/seguimiento');
    expect(config.hosting.redirects.every((r) => r.type === 302)).toBe(true);
  });
});
