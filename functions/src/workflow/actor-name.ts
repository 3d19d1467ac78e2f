/** Who acted on a send, as people read it (history, audit, the 409 of a decision that lost the race). */
import type { Store } from '../store/store';

// «sistema» alone did not say that nobody acted: the platform did it by itself (an interrupted approval marked failed…).
// `anonymous`: a refused credential, whose holder the platform cannot name (sign-in-audit.ts).
const NON_USER_ACTORS: Readonly<Record<string, string>> = { system: 'la plataforma (automático)', cli: 'línea de comandos', anonymous: 'sin identificar' };

export const REMOVED_ACCOUNT = 'cuenta eliminada';

/**
 * The account's e-mail, the platform itself, or an account since removed (its id meant nothing to anyone), with the
 * e-mail `users remove` kept of it: an auditor asks who sent or approved, also after that official left.
 */
export async function actorName(store: Store, id: string): Promise<string> {
  if (id in NON_USER_ACTORS) return NON_USER_ACTORS[id];
  const user = await store.getUser(id);
  if (user) return user.email;
  const former = await store.getFormerAccount(id);
  return former ? `${REMOVED_ACCOUNT} (${former.email})` : REMOVED_ACCOUNT;
}

