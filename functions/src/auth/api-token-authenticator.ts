/** Self-hosted identity: the API token is hashed and looked up; the store never sees the token itself. */
import type { Store } from '../store/store';
import { HttpError } from '../api/http-error';
import { hashToken, looksLikeApiToken } from './api-tokens';
import type { Authenticator } from './authenticate';
import { ACCESS_KEY_REQUIRED } from '../../../core/workflow/contract';

export function apiTokenAuthenticator(store: Store): Authenticator {
  return {
    kind: 'api-key',
    async identify(credential) {
      // Not a key at all (a Google identity from an add-on whose key was never typed): said apart, so that the add-on
      // can say where to type it; a caller learns nothing about which keys exist from the form of what it sent.
      if (!looksLikeApiToken(credential)) throw new HttpError(401, ACCESS_KEY_REQUIRED, 'Este servidor pide una clave de acceso personal, que empieza con «ia_». Pida la suya a quien administra este servidor.');
      const user = await store.findUserByTokenHash(hashToken(credential));
      // One answer for every unknown key: a caller learns nothing about which keys exist.
      if (!user) throw new HttpError(401, 'invalid-credentials', 'La clave de acceso no es válida o fue revocada. Pida una nueva a quien administra este servidor.');
      return user;
    },
  };
}
