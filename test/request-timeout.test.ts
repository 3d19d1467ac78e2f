/**
 * The self-hosted server waits for a large workbook sent over a slow link: with Node's default (5 minutes to receive
 * a whole request) a 23.5 MB workbook of 10,000 processes sent at 70 KB/s was cut with a bare 408 after 327 s, every
 * time it was sent. Waiting longer for a body does not let a slow sender hold a connection before its headers.
 */
import { loadConfig } from '../functions/src/config';
import { REQUEST_TIMEOUT_MS, startLocalServer } from '../functions/src/server/local-server';
import { ROOT } from './standards';

test('the local server takes 30 minutes to receive a request (the largest body at about 300 kbit/s), and 60 s for its headers', async () => {
  const env = { METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: ':memory:', PORT: '0', HOST: '127.0.0.1' };
  const config = loadConfig(env);
  const server = await startLocalServer(config, { root: ROOT, seed: false, env, log: () => undefined });
  try {
    expect(server.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual((config.maxBodyBytes * 8) / 300_000 * 1000);
    expect(server.server.headersTimeout).toBeLessThanOrEqual(60_000);
  } finally {
    await server.close();
  }
});
