/** Self-hosted identity: the API token is hashed and looked up; the store never sees the token itself. */
import type { Store } from '../store/store';
import { HttpError } from '../api/http-error';
import { hashToken, looksLikeApiToken } from './api-tokens';
import type { Authenticator } from './authenticate';

export function apiTokenAuthenticator(store: Store): Authenticator {
  return {
    kind: 'api-key',
    async identify(credential) {
      const user = looksLikeApiToken(credential) ? await store.findUserByTokenHash(hashToken(credential)) : undefined;
      // One answer for malformed and unknown tokens: a caller learns nothing about which tokens exist.
      if (!user) throw new HttpError(401, 'invalid-credentials', 'La clave de acceso no es válida o fue revocada. Pida una nueva a quien administra este servidor.');
      return user;
    },
  };
}
