/**
 * A local stand-in for the Compute metadata server (what Application Default Credentials use inside Cloud
 * Functions), reached through GCE_METADATA_HOST: an access token, the project id and the service account's
 * e-mail, each with the `Metadata-Flavor: Google` header the client checks. Each token remembers the scopes it was
 * asked with (`?scopes=`, which Cloud Run's metadata server honours): the Sheets API refuses a token without a
 * Sheets scope, and the default one carries only cloud-platform.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface MetadataStub { host: string; tokensIssued: () => number; scopesOf: (token: string) => string[]; close(): Promise<void> }

export async function startMetadataStub(projectId: string, serviceAccount: string): Promise<MetadataStub> {
  let issued = 0;
  const scopes = new Map<string, string[]>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const send = (status: number, body: string, type = 'text/plain') => { res.writeHead(status, { 'Metadata-Flavor': 'Google', 'Content-Type': type }); res.end(body); };
    if (req.headers['metadata-flavor'] !== 'Google') return send(403, 'missing Metadata-Flavor');
    if (path === '/computeMetadata/v1/instance/service-accounts/default/token') {
      issued += 1;
      scopes.set(`metadata-token-${issued}`, (url.searchParams.get('scopes') ?? '').split(',').filter(Boolean));
      return send(200, JSON.stringify({ access_token: `metadata-token-${issued}`, expires_in: 3600, token_type: 'Bearer' }), 'application/json');
    }
    if (path === '/computeMetadata/v1/project/project-id') return send(200, projectId);
    if (path === '/computeMetadata/v1/instance/service-accounts/default/email') return send(200, serviceAccount);
    if (path === '/computeMetadata/v1/instance' || path === '/computeMetadata/v1/' || path === '/') return send(200, '');
    send(404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { host: `127.0.0.1:${port}`, tokensIssued: () => issued, scopesOf: (token) => scopes.get(token) ?? [], close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
