/** An error whose message is already plain Spanish for the official; anything else is shown as a generic message. */
export class UserError extends Error {
  /** `status`: the HTTP status of the server's refusal it reports, when it reports one. */
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * The server could not be asked, or failed to answer (no connection, a 5xx): trying again later may work. Any other
 * refusal (a key revoked, an account without permission) stays until someone changes something.
 */
export class ServerUnavailable extends UserError {}

export const UNEXPECTED = 'Ocurrió un problema inesperado. Intente de nuevo en unos minutos; si se repite, avise a su coordinación.';

/** Runs an entry point so that no raw exception text ever reaches the user (editor add-on style guide). */
export function userFacing<T>(work: () => T, log: (e: unknown) => void = () => undefined): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof UserError) throw new Error(e.message);
    log(e);
    throw new Error(UNEXPECTED);
  }
}
