// Jest's setupFilesAfterEnv: runs after jest installed source-map-support in the test file's context (see firestore-stacks.ts).
import { plainFirestoreStacks } from './firestore-stacks';

if (Error.prepareStackTrace) Error.prepareStackTrace = plainFirestoreStacks(Error.prepareStackTrace);
