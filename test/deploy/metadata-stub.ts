/**
 * A local stand-in for the Compute metadata server (what Application Default Credentials use inside Cloud
 * Functions), reached through GCE_METADATA_HOST: an access token, the project id and the service account's
 * e-mail, each with the `Metadata-Flavor: Google` header the client checks.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface MetadataStub { host: string; tokensIssued: () => number; close(): Promise<void> }

export async function startMetadataStub(projectId: string, serviceAccount: string): Promise<MetadataStub> {
  let issued = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (status: number, body: string, type = 'text/plain') => { res.writeHead(status, { 'Metadata-Flavor': 'Google', 'Content-Type': type }); res.end(body); };
    if (req.headers['metadata-flavor'] !== 'Google') return send(403, 'missing Metadata-Flavor');
    if (path === '/computeMetadata/v1/instance/service-accounts/default/token') {
      issued += 1;
      return send(200, JSON.stringify({ access_token: `metadata-token-${issued}`, expires_in: 3600, token_type: 'Bearer' }), 'application/json');
    }
    if (path === '/computeMetadata/v1/project/project-id') return send(200, projectId);
    if (path === '/computeMetadata/v1/instance/service-accounts/default/email') return send(200, serviceAccount);
    if (path === '/computeMetadata/v1/instance' || path === '/computeMetadata/v1/' || path === '/') return send(200, '');
    send(404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { host: `127.0.0.1:${port}`, tokensIssued: () => issued, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
