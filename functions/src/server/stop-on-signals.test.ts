import { STOPPED, stopOnSignals } from './stop-on-signals';

// The listeners stopOnSignals adds are called directly: emitting a real signal would reach jest's own as well.
const added = (signal: 'SIGINT' | 'SIGTERM', before: Function[]) => process.listeners(signal).filter((l) => !before.includes(l));

test('a stop asked twice (Ctrl+C through npm, systemctl stop) closes once, keeps the process alive until closed, and says to wait for the publication', async () => {
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const lines: string[] = [];
  let finish: () => void = () => undefined;
  const close = jest.fn(() => new Promise<void>((resolve) => { finish = resolve; }));
  let clock = 0;
  const stopped = stopOnSignals(close, { say: (l) => lines.push(l), busy: () => true, now: () => clock });
  const [onInt] = added('SIGINT', before.SIGINT);
  const [onTerm] = added('SIGTERM', before.SIGTERM);
  (onInt as () => void)();
  (onTerm as () => void)(); // the same stop, delivered twice: nothing more said
  clock = 5000;
  (onInt as () => void)(); // a person asking again
  (onInt as () => void)();
  expect(close).toHaveBeenCalledTimes(1);
  // Still listening while the publication finishes: a signal with no listener left would end the process at once.
  expect(added('SIGINT', before.SIGINT)).toEqual([onInt]);
  expect(added('SIGTERM', before.SIGTERM)).toEqual([onTerm]);
  expect(lines).toEqual([expect.stringContaining(`termina la publicación en curso`), 'El servidor ya se está deteniendo; pedirlo otra vez no lo apura.']);
  expect(lines[0]).toContain(`Espere a que diga «${STOPPED}»`);
  finish();
  await stopped;
  expect(lines[lines.length - 1]).toBe(STOPPED);
  expect(added('SIGINT', before.SIGINT)).toEqual([]);
  expect(added('SIGTERM', before.SIGTERM)).toEqual([]);
});
