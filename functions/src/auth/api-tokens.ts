/**
 * Self-hosted identity (DESIGN §8): API tokens issued by `infra-abierta users add`, shown once, stored only as a
 * SHA-256 hash. Tokens are 32 random bytes, so a plain hash (no salt/stretching) is enough to make a leaked
 * database useless for logging in.
 */
import { createHash, randomBytes } from 'crypto';

const PREFIX = 'ia_';

export function issueToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length > 20;
}
