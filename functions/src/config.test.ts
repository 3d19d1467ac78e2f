/**
 * PUBLIC_BASE_URL is written into every published release and record, for good: what the configuration accepts of it
 * is what will be published. A space around it, or the API's own address (…/api), was accepted and published.
 */
import { loadConfig } from './config';

const cloud = { INFRA_MODE: 'cloud', GOOGLE_CLIENT_ID: '1-a.apps.googleusercontent.com', BULK_BUCKET: 'demo-x.appspot.com' };

it('PUBLIC_BASE_URL is kept without the spaces around it, and refused with /api at its end, saying the address to write', () => {
  expect(loadConfig({ ...cloud, PUBLIC_BASE_URL: ' https://demo-x.web.app/ ' }).publicBaseUrl).toBe('https://demo-x.web.app');
  for (const given of ['https://demo-x.web.app/api', 'https://demo-x.web.app/api/', 'https://demo-x.web.app/API']) {
    expect(() => loadConfig({ ...cloud, PUBLIC_BASE_URL: given })).toThrow(`La variable PUBLIC_BASE_URL es la dirección de la plataforma, sin /api (se recibió «${given}»): escriba https://demo-x.web.app;`);
  }
  // Self-hosted too; a platform under another path is fine.
  expect(() => loadConfig({ INFRA_SQLITE: ':memory:', PUBLIC_BASE_URL: 'https://datos.estado.gob.mx/api' })).toThrow(/sin \/api/);
  expect(loadConfig({ INFRA_SQLITE: ':memory:', PUBLIC_BASE_URL: 'https://datos.estado.gob.mx/apis' }).publicBaseUrl).toBe('https://datos.estado.gob.mx/apis');
  expect(loadConfig({ INFRA_SQLITE: ':memory:', PUBLIC_BASE_URL: 'https://estado.gob.mx/api/datos' }).publicBaseUrl).toBe('https://estado.gob.mx/api/datos');
});
