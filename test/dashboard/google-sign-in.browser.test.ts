/**
 * Signing in with Google on the cloud wiring, in headless Chromium: the built dashboard served by the real app with
 * Google ID tokens (google-auth-library verifying them against a local certificate endpoint) and the real Sheets
 * client against the local stub. Only Google's sign-in script cannot run here: the page's request for it is answered
 * with a stand-in of the documented Google Identity Services API (`google.accounts.id.initialize({ client_id,
 * callback })`, `renderButton(parent, options)`, the callback given a CredentialResponse `{ credential, select_by,
 * clientId }`). The stand-in hands out a token only to the client id it was minted for, as Google's button only
 * signs in for the client the page names. Every other request outside the test server is refused.
 */
import type { Server } from 'http';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { describeIfChromium, launchChromium } from '../browser';
import { sharedDashboardBuild } from './shared-build';
import { cloudHarness, projectWorkbook, PUBLISHERS, USERS, type CloudHarness } from '../workflow/workflow-harness';
import { TEST_CLIENT_ID } from '../workflow/test-identity';
import { sharedTabs, type SharedTabs } from './review-server';

const [MER] = PUBLISHERS;
const GIS_CLIENT = 'https://accounts.google.com/gsi/client';
const SHEET = '1GoogleSignInJourneyAbCdEfGhIjK';

/**
 * The stand-in for Google's script: a button that gives the page's callback the next of `credentials` (the last one
 * again once they run out), for `clientId` only.
 */
function gisStandIn(credentials: string[], clientId: string): string {
  return `(() => {
    let options;
    const credentials = ${JSON.stringify(credentials)};
    window.google = { accounts: { id: {
      initialize(o) { options = o; },
      renderButton(parent) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = 'Acceder con Google';
        b.addEventListener('click', () => {
          if (!options || options.client_id !== ${JSON.stringify(clientId)}) { b.textContent = 'Error 401: invalid_client'; return; }
          options.callback({ credential: credentials.length > 1 ? credentials.shift() : credentials[0], select_by: 'btn', clientId: options.client_id });
        });
        parent.appendChild(b);
      },
    } } };
  })();`;
}

describeIfChromium('signing in with Google (cloud wiring) in headless Chromium', () => {
  let h: CloudHarness;
  let server: Server;
  let base: string;
  let browser: Browser;
  const refused: string[] = [];
  let tabs: SharedTabs;
  /** What the page's request for Google's script gets in the test under way (it fails, with undefined). */
  let gisScript: string | undefined;
  /** How many times the page asked for Google's script since the test under way loaded it. */
  let gisAsked = 0;

  beforeAll(async () => {
    h = await cloudHarness({ dashboardDir: (await sharedDashboardBuild()).outDir });
    server = await new Promise((resolve) => { const s = h.app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
    // One tab for the file, which each test empties (its sign-in, the HTTP cache) and loads afresh (sharedTabs): a
    // context and a tab for each page cost a renderer's start and a full load.
    tabs = sharedTabs(base, async () => {
      const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1200, height: 900 } });
      await context.route('**/*', (r) => {
        const url = r.request().url();
        if (url.startsWith(base)) return r.continue();
        if (url === GIS_CLIENT) {
          gisAsked++;
          return gisScript === undefined ? r.abort('internetdisconnected') : r.fulfill({ status: 200, contentType: 'text/javascript', body: gisScript });
        }
        refused.push(url);
        return r.abort();
      });
      return context;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await h?.close();
    expect(refused).toEqual([]);
  });

  /** A visitor's page whose request for Google's script gets `script` (or fails, with undefined). */
  async function visitor(hash: string, script: string | undefined): Promise<Page> {
    gisScript = script;
    gisAsked = 0;
    return tabs.open(hash);
  }

  test('a coordinator signs in with the Google button, works the inbox under the token and approves; signing out and in again draws the button again', async () => {
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
    const sent = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET }).expect(201);
    const id = (sent.body as { submission: { id: string } }).submission.id;
    const token = h.identity.token({ email: USERS.coordinadorA.email });
    const page = await visitor('#/revision', gisStandIn([token], TEST_CLIENT_ID));
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().startsWith(`${base}/api/`)) asked.push(`${r.method()} ${new URL(r.url()).pathname} ${r.headers().authorization === `Bearer ${token}` ? 'con token' : 'sin token'}`); });

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Iniciar sesión');
    await page.getByText('Use la cuenta de Google que quien administra la plataforma registró para usted.').waitFor();
    await page.getByRole('button', { name: 'Acceder con Google' }).click();
    await page.getByText(`Sesión: ${USERS.coordinadorA.email} — Coordinación (Organismo Garante), Yucatán`).waitFor();
    await page.getByRole('link', { name: 'Revisar el envío de Municipio de Mérida' }).click();
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.locator('#resultado', { hasText: /^Publicado: / }).waitFor();
    expect((await h.store.getSubmission(id))?.status).toBe('published');
    const published = await request(h.app).get('/api/oc4ids/projects?publisher=mer').expect(200);
    expect((published.body as { projects: { title: string }[] }).projects.map((p) => p.title)).toEqual(['Parque del Centro']);
    // Every call of the work pages carried Google's token (the public data is asked without it).
    const work = asked.filter((a) => / \/api\/(submissions|audit|session)/.test(a));
    expect(work.length).toBeGreaterThan(3);
    expect(work.filter((a) => !a.endsWith('con token'))).toEqual([]);
    expect(asked).toContain(`POST /api/submissions/${id}/approve con token`);

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.goto(`${base}/#/revision`);
    await page.getByRole('button', { name: 'Acceder con Google' }).click();
    await page.getByText(`Sesión: ${USERS.coordinadorA.email}`).waitFor();
    // Google's script was loaded once; the form drawn again used it.
    expect(gisAsked).toBe(1);
  });

  test('Google\'s script that does not load says so in Spanish, and no button is drawn', async () => {
    const page = await visitor('#/revision', undefined);
    await page.getByText('No se pudo cargar el inicio de sesión de Google. Revise su conexión.').waitFor();
    expect(await page.getByRole('button', { name: 'Acceder con Google' }).count()).toBe(0);
  });

  test('a Google account that is not registered is refused in Spanish, without signing in', async () => {
    const page = await visitor('#/revision', gisStandIn([h.identity.token({ email: 'alguien@gmail.com' })], TEST_CLIENT_ID));
    await page.getByRole('button', { name: 'Acceder con Google' }).click();
    // The server refuses the token; the page says why and offers the button again.
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('La cuenta alguien@gmail.com no está registrada en la plataforma. Pida a quien administra la plataforma que le dé acceso.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Iniciar sesión');
    expect(await page.getByRole('button', { name: 'Acceder con Google' }).count()).toBe(1);
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual([]);
  });

  test('a Google token that expired (they last an hour) brings the sign-in back with why, in the dashboard\'s words; the next one signs in', async () => {
    const expired = h.identity.token({ email: USERS.coordinadorA.email, issuedAt: -7200, expiresIn: 3600 });
    const page = await visitor('#/revision', gisStandIn([expired, h.identity.token({ email: USERS.coordinadorA.email })], TEST_CLIENT_ID));
    await page.getByRole('button', { name: 'Acceder con Google' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Su sesión de Google expiró (dura una hora). Inicie sesión de nuevo para continuar.');
    await page.getByRole('button', { name: 'Acceder con Google' }).click();
    await page.getByText(`Sesión: ${USERS.coordinadorA.email} — Coordinación (Organismo Garante), Yucatán`).waitFor();
  });
});
