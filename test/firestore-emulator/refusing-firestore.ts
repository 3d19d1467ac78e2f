/**
 * A stand-in for Firestore's gRPC API on 127.0.0.1 that refuses every call with the error status Google's Firestore
 * answers a deployer whose project is not ready — PERMISSION_DENIED (no role, no quota project, the API disabled),
 * NOT_FOUND (no database), FAILED_PRECONDITION (an index still building), UNAUTHENTICATED — chosen by the project the
 * call is for, so that several cases can run at once. The real firebase-admin client is pointed at it with
 * FIRESTORE_EMULATOR_HOST, and meets the errors (and retries them) as it would there. Requests are not decoded:
 * every method is registered by its path, with bytes in and out.
 */
import * as grpc from '@grpc/grpc-js';

export interface Refusal { code: grpc.status; details: string }

export interface RefusingFirestore {
  /** `127.0.0.1:<port>`, for FIRESTORE_EMULATOR_HOST. */
  host: string;
  stop(): Promise<void>;
}

/** google.firestore.v1.Firestore's methods, by how they answer. */
const METHODS: Record<string, 'unary' | 'serverStream' | 'bidi'> = {
  GetDocument: 'unary', ListDocuments: 'unary', UpdateDocument: 'unary', DeleteDocument: 'unary', CreateDocument: 'unary',
  BeginTransaction: 'unary', Commit: 'unary', Rollback: 'unary', BatchWrite: 'unary', ListCollectionIds: 'unary', PartitionQuery: 'unary',
  BatchGetDocuments: 'serverStream', RunQuery: 'serverStream', RunAggregationQuery: 'serverStream',
  Write: 'bidi', Listen: 'bidi',
};

interface Call { metadata: grpc.Metadata; emit(event: 'error', e: Error): void }

/** `refusals`: project id → the status its calls get (the client names its database in a header of every call). */
export async function startRefusingFirestore(refusals: Record<string, Refusal>): Promise<RefusingFirestore> {
  const refusalFor = (call: Call): Refusal => {
    const project = /^projects\/([^/]+)\//.exec(String(call.metadata.get('google-cloud-resource-prefix')[0] ?? ''))?.[1] ?? '';
    return refusals[project] ?? { code: grpc.status.UNIMPLEMENTED, details: `sin respuesta para el proyecto «${project}»` };
  };
  const error = (call: Call) => Object.assign(new Error(refusalFor(call).details), refusalFor(call), { metadata: new grpc.Metadata() });
  const server = new grpc.Server();
  const bytes = (b: Buffer) => b;
  for (const [method, type] of Object.entries(METHODS)) {
    const handler = type === 'unary'
      ? (call: Call, callback: (e: Error) => void) => callback(error(call))
      : (call: Call) => call.emit('error', error(call));
    server.register(`/google.firestore.v1.Firestore/${method}`, handler as never, bytes, bytes, type);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, bound) => (e ? reject(e) : resolve(bound))),
  );
  return {
    host: `127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
