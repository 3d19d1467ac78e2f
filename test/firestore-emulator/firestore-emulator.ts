/**
 * Starts @firestore-emulator/server in-process on 127.0.0.1 and an OS-chosen port, and points firebase-admin
 * at it through FIRESTORE_EMULATOR_HOST (engineering-facts §1). Call from beforeAll/afterAll:
 *
 *   let emulator: FirestoreEmulator;
 *   beforeAll(async () => { emulator = await startFirestoreEmulator(); });
 *   afterAll(() => emulator.stop());
 *
 * The emulator is in-memory and ignores startAfter/offset/collectionGroup and transaction isolation (DESIGN §7).
 */
import path from 'node:path';
import { FirestoreServer } from '@firestore-emulator/server';

export interface FirestoreEmulator {
  /** `127.0.0.1:<port>`, also set as process.env.FIRESTORE_EMULATOR_HOST. */
  host: string;
  /** Every document, as the emulator's own JSON export (there is no import: seed through the SDK). */
  dump(): unknown;
  /** Drops every document. */
  clear(): void;
  stop(): Promise<void>;
}

interface GrpcServer {
  bindAsync(address: string, credentials: unknown, callback: (error: Error | null, port: number) => void): void;
  /** Read by @grpc/grpc-js on every call. */
  options: Record<string, unknown>;
}

/**
 * Firestore takes write requests of up to 10 MiB (a batch of 500 writes must fit), the emulator's gRPC server only
 * its default 4 MiB: a batch between the two would be refused here and retried by the SDK for minutes.
 */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export async function startFirestoreEmulator(): Promise<FirestoreEmulator> {
  if (!process.env.GCLOUD_PROJECT?.startsWith('demo-')) throw new Error('the Firestore emulator needs a demo- project id (GCLOUD_PROJECT)');
  process.env.METADATA_SERVER_DETECTION = 'none';
  // The emulator pins its own @grpc/grpc-js; credentials from the top-level copy fail its instanceof check.
  const grpc = require(require.resolve('@grpc/grpc-js', {
    paths: [path.dirname(require.resolve('@firestore-emulator/server'))],
  })) as { ServerCredentials: { createInsecure(): unknown } };
  const server = new FirestoreServer();
  // FirestoreServer.start() is never called (it would listen on every interface): its gRPC server is bound to
  // 127.0.0.1 here, on a port the system picks.
  const grpcServer = (server as unknown as { server: GrpcServer }).server;
  grpcServer.options['grpc.max_receive_message_length'] = MAX_REQUEST_BYTES;
  const port = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  const host = `127.0.0.1:${port}`;
  const previousHost = process.env.FIRESTORE_EMULATOR_HOST;
  process.env.FIRESTORE_EMULATOR_HOST = host;
  return {
    host,
    dump: () => server.state.toJSON(),
    clear: () => server.state.clear(),
    async stop() {
      server.stop();
      if (previousHost === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
      else process.env.FIRESTORE_EMULATOR_HOST = previousHost;
    },
  };
}
