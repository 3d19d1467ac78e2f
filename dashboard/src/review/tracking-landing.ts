/**
 * Where *Seguimiento* opens for who is signed in (main.ts): a coordinator follows their own implementers, so it
 * lands on their state; the public, and a coordinator who chose every state in this tab, on the whole country.
 */
import { coordinatorState } from './own-state';
import { credential, signedInAs, whoIsSignedIn } from './session';

/**
 * The signed-in coordinator's state (own-state.ts), asking the server who is signed in when no answer has named
 * them yet (`GET /api/session`); signed out, or a key the server refused, undefined.
 */
export async function signedInCoordinatorState(publishers: readonly { state: string }[]): Promise<string | undefined> {
  if (!credential()) return undefined;
  try {
    return coordinatorState(signedInAs() ?? await whoIsSignedIn(), publishers);
  } catch {
    return undefined;
  }
}

const COUNTRY = 'infra-abierta:seguimiento-todos';

/**
 * Whether the coordinator chose every state on Seguimiento (its «Ver todos los estados», or «Todos» in the header's
 * Estado filter), kept for the tab: reloading that view, or coming back to it, must not put their state back.
 */
export function countryViewChosen(): boolean {
  try { return sessionStorage.getItem(COUNTRY) === '1'; } catch { return false; }
}
export function rememberCountryView(chosen: boolean): void {
  try { if (chosen) sessionStorage.setItem(COUNTRY, '1'); else sessionStorage.removeItem(COUNTRY); } catch { /* private mode */ }
}
