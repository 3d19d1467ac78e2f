/**
 * Production identity: the Google ID token the add-on gets from `ScriptApp.getIdentityToken()`, verified with
 * google-auth-library — RS256 signature against Google's published certificates, issuer accounts.google.com,
 * audience = one of our OAuth client ids (the add-on's, the dashboard's), expiry (with the library's 5-minute
 * clock skew) — and then `email_verified`, because the email is what we match the user by. The certificates URL is
 * injectable so tests serve their own.
 */
import type { OAuth2Client } from 'google-auth-library';
import type { Store } from '../store/store';
import { HttpError } from '../api/http-error';
import type { Authenticator } from './authenticate';

/** Both spellings Google uses in `iss` (https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken). */
const ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

export interface GoogleIdTokenOptions {
  store: Store;
  /** The OAuth client ids a token may be issued for (`aud`). */
  clientIds: readonly string[];
  /** Where the PEM certificates are fetched from (default: Google's). */
  certsUrl?: string;
}

/** A Google account whose token is genuine (signed, e-mail verified) but that has no account here: its e-mail is Google's word. */
export class UnknownAccountError extends HttpError {
  constructor(readonly account: string) {
    super(403, 'unknown-user', `La cuenta ${account} no está registrada en la plataforma. Pida a quien administra la plataforma que le dé acceso.`);
  }
}

function loadOAuth2Client(): typeof OAuth2Client {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('google-auth-library') as typeof import('google-auth-library')).OAuth2Client;
}

export function googleIdTokenAuthenticator(options: GoogleIdTokenOptions): Authenticator {
  // google-auth-library (~90 modules with gaxios and gcp-metadata) is loaded by the first token checked: this module
  // sits on the app's import path (authenticate.ts), and a self-hosted server or the CLI never checks one.
  let oauth: OAuth2Client | undefined;
  const clientOf = (): OAuth2Client => (oauth ??= new (loadOAuth2Client())({
    ...(options.certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl } } : {}),
    // Node's own fetch: otherwise gaxios 7 dynamically imports node-fetch, which jest's CommonJS sandbox rejects.
    transporterOptions: { fetchImplementation: fetch },
  }));
  return {
    kind: 'google',
    async identify(credential) {
      const client = clientOf();
      let certs;
      try {
        // Cached by the client for the max-age Google sends.
        certs = (await client.getFederatedSignonCertsAsync()).certs;
      } catch {
        throw new HttpError(503, 'identity-unavailable', 'No se pudo verificar su identidad con Google en este momento. Intente de nuevo en unos minutos.');
      }
      let payload;
      try {
        payload = (await client.verifySignedJwtWithCertsAsync(credential, certs, [...options.clientIds], ISSUERS)).getPayload();
      } catch (e) {
        // The library's message embeds the token: never log or echo it.
        if (e instanceof Error && /used too late/.test(e.message)) {
          throw new HttpError(401, 'expired-credentials', 'Su sesión expiró. Vuelva a abrir el complemento e intente de nuevo.');
        }
        throw new HttpError(401, 'invalid-credentials', 'La credencial de Google no es válida para esta plataforma.');
      }
      if (!payload?.email || payload.email_verified !== true) {
        throw new HttpError(401, 'email-not-verified', 'Su cuenta de Google no tiene un correo verificado; no se puede identificar.');
      }
      const email = payload.email.toLowerCase();
      const user = await options.store.findUserByEmail(email);
      if (!user) throw new UnknownAccountError(email);
      return user;
    },
  };
}
