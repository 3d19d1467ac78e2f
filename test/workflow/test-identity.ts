/**
 * Google ID tokens for tests, signed RS256 with a locally generated key whose public half is served from a
 * certificate endpoint on 127.0.0.1 in the format Google uses (`{kid: PEM}`), so google-auth-library verifies
 * them exactly as in production.
 */
import { createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type KeyObject } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';

export const TEST_CLIENT_ID = 'test-client.apps.googleusercontent.com';

export interface TokenClaims {
  email: string;
  aud?: string;
  iss?: string;
  emailVerified?: boolean;
  /** Seconds relative to now. */
  issuedAt?: number;
  expiresIn?: number;
}

export interface TestIdentity {
  certsUrl: string;
  token(claims: TokenClaims): string;
  /** A token signed by a key that is not published. */
  foreignToken(claims: TokenClaims): string;
  close(): Promise<void>;
}

function b64(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

function sign(key: KeyObject, kid: string, c: TokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const iat = now + (c.issuedAt ?? 0);
  const payload = {
    iss: c.iss ?? 'https://accounts.google.com',
    aud: c.aud ?? TEST_CLIENT_ID,
    sub: `sub-${c.email}`,
    email: c.email,
    email_verified: c.emailVerified ?? true,
    iat,
    exp: iat + (c.expiresIn ?? 3600),
  };
  const signed = `${b64({ alg: 'RS256', kid, typ: 'JWT' })}.${b64(payload)}`;
  return `${signed}.${createSign('RSA-SHA256').update(signed).sign(key).toString('base64url')}`;
}

/** Flips one character of the payload: the signature no longer matches. */
export function tamper(token: string): string {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  claims.email = 'intruso@example.org';
  return `${h}.${b64(claims)}.${s}`;
}

/**
 * The published key and the foreign one (two different RSA-2048 keys), generated once for every test file and
 * process on this machine: generating one costs ~0.13 CPU-s, and some 70 test files start an identity. They are
 * kept in a file under the temporary folder, written whole (a rename) so a process never reads half of it; a file
 * that cannot be read is made again. Bump the version to make new keys.
 */
const KEYS_FILE = path.join(os.tmpdir(), `infra-abierta-test-identity-v1-${os.userInfo().uid}.json`);

function testKeys(): { signing: KeyObject; foreign: KeyObject } {
  try {
    const kept = JSON.parse(fs.readFileSync(KEYS_FILE, 'utf8')) as { signing: string; foreign: string };
    const keys = { signing: createPrivateKey(kept.signing), foreign: createPrivateKey(kept.foreign) };
    if (kept.signing !== kept.foreign) return keys;
  } catch { /* not made yet, or unreadable: made below */ }
  const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const kept = { signing: pem(), foreign: pem() };
  const partial = `${KEYS_FILE}.${process.pid}.${Date.now()}`;
  fs.writeFileSync(partial, JSON.stringify(kept), { mode: 0o600 });
  fs.renameSync(partial, KEYS_FILE);
  return { signing: createPrivateKey(kept.signing), foreign: createPrivateKey(kept.foreign) };
}

export async function startTestIdentity(): Promise<TestIdentity> {
  const { signing: privateKey, foreign } = testKeys();
  const kid = 'test-key-1';
  const certs = { [kid]: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
    res.end(JSON.stringify(certs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    certsUrl: `http://127.0.0.1:${port}/certs`,
    token: (c) => sign(privateKey, kid, c),
    foreignToken: (c) => sign(foreign, kid, c),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
