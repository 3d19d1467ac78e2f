/**
 * The Firestore emulator (@firestore-emulator/server, in memory, on 127.0.0.1) as a child process of a bench, so
 * its work is not counted in the bench's own event loop and CPU. Prints `emulador <host>` once listening; stops
 * when its parent closes stdin.
 */
import { startFirestoreEmulator } from '../../test/firestore-emulator/firestore-emulator';

void (async () => {
  const emulator = await startFirestoreEmulator();
  process.stdout.write(`emulador ${emulator.host}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => { void emulator.stop().finally(() => process.exit(0)); });
})();
