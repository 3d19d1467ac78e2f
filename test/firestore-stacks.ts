/**
 * The Firestore client takes a stack trace at every request (`Error().stack`, a message-less Error, kept to add to the
 * request's error if it fails), and in jest every stack taken goes through source-map-support, which copies and maps
 * each frame: 6–7 % of the CPU of the test files that use the emulator, for stacks nobody reads. A message-less Error
 * made in the Firestore client is formatted as V8 formats it (its frames unmapped); every other stack — our errors,
 * a failing expectation, an error the client throws with a message — still goes through the source maps.
 */
type Prepare = (error: Error, frames: NodeJS.CallSite[]) => unknown;

const FIRESTORE_CLIENT = /[\\/]node_modules[\\/]@google-cloud[\\/]firestore[\\/]/;

export function plainFirestoreStacks(mapped: Prepare): Prepare {
  return (error, frames) => {
    if (error.message === '' && FIRESTORE_CLIENT.test(frames[0]?.getFileName() ?? '')) {
      return `${error.name}${frames.map((frame) => `\n    at ${String(frame)}`).join('')}`;
    }
    return mapped(error, frames);
  };
}
