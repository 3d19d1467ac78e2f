/**
 * How `serve` stops: on SIGINT (Ctrl+C) or SIGTERM (systemctl stop, docker stop, `kill`), once, however many of them
 * arrive. A stop often comes twice within milliseconds: Ctrl+C reaches every process of the terminal's group, npm
 * included, and npm forwards it to the server; `systemctl stop` signals every process of the service, npm included,
 * which forwards it again. The handler used to remove itself at the first one, so the second ended the process at
 * once — in the middle of the publication the first had asked it to finish. Kept until the server has closed, the
 * repeats only say that it is stopping.
 *
 * What it prints tells the administrator to wait: a publication under way is finished first (minutes for a large
 * state), and a server that prints nothing looked stopped, was started again, and was refused by the lock
 * (server-lock.ts) or, under systemd, killed when its stop timeout ran out.
 */

export const STOPPED = 'Servidor detenido.';
/** Said when a publication is queued or under way (docs/operations.md quotes it). */
export const STOPPING_BUSY = `Deteniendo el servidor: antes termina la publicación en curso, lo que puede tardar unos minutos. Espere a que diga «${STOPPED}» antes de arrancarlo de nuevo. (Si lo detiene a la fuerza, con kill -9, nada publicado se pierde: la publicación se rehace completa al arrancar.)`;

export interface StopOptions {
  /** Where the lines go (stderr: the journal under systemd); none for a cluster's workers (their primary speaks). */
  say?: (line: string) => void;
  /** Whether a publication is queued or under way now. */
  busy?: () => boolean;
  /** The clock (tests). */
  now?: () => number;
}

/** A repeat this soon after the first is the same stop delivered twice, not a person asking again. */
const SAME_STOP_MS = 1000;

/** Resolves once `close` has finished, after the first SIGINT or SIGTERM. */
export function stopOnSignals(close: () => Promise<void>, opts: StopOptions = {}): Promise<void> {
  const say = opts.say ?? (() => undefined);
  const now = opts.now ?? (() => Date.now());
  return new Promise<void>((resolve, reject) => {
    let stoppingSince: number | undefined;
    let repeated = false;
    const onSignal = (): void => {
      if (stoppingSince !== undefined) {
        if (!repeated && now() - stoppingSince >= SAME_STOP_MS) {
          say('El servidor ya se está deteniendo; pedirlo otra vez no lo apura.');
          repeated = true;
        }
        return;
      }
      stoppingSince = now();
      say(opts.busy?.() === true ? STOPPING_BUSY : 'Deteniendo el servidor…');
      close().then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        say(STOPPED);
        resolve();
      }, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
