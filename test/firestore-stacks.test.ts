import { plainFirestoreStacks } from './firestore-stacks';

const frame = (file: string, text: string): NodeJS.CallSite => ({ getFileName: () => file, toString: () => text }) as unknown as NodeJS.CallSite;
const FIRESTORE = '/app/node_modules/@google-cloud/firestore/build/src/write-batch.js';

test('a message-less stack taken in the Firestore client is formatted as V8 does, without the source maps', () => {
  const format = plainFirestoreStacks(Error.prepareStackTrace as never);
  const frames = [frame(FIRESTORE, 'WriteBatch.commit (write-batch.js:435:27)'), frame('/app/functions/src/store/firestore-store.ts', 'put (firestore-store.ts:80:5)')];
  expect(format(new Error(), frames)).toBe('Error\n    at WriteBatch.commit (write-batch.js:435:27)\n    at put (firestore-store.ts:80:5)');
});

test('every other stack goes to the mapped formatter: ours, and the client\'s errors with a message', () => {
  const seen: string[] = [];
  const format = plainFirestoreStacks((error) => { seen.push(error.message); return 'mapped'; });
  expect(format(new Error(), [frame('/app/core/x.ts', 'x')])).toBe('mapped');
  expect(format(new Error('At least one field must be updated.'), [frame(FIRESTORE, 'y')])).toBe('mapped');
  expect(format(new Error(), [])).toBe('mapped');
  expect(seen).toEqual(['', 'At least one field must be updated.', '']);
});

test('installed for the test files, after jest\'s source-map-support', () => {
  const stack = (Error.prepareStackTrace as (e: Error, f: NodeJS.CallSite[]) => unknown)(new Error(), [frame(FIRESTORE, 'z')]);
  expect(stack).toBe('Error\n    at z');
});
