/**
 * Node flags of the processes that serve the API and run publications (the workers of `serve --procesos N`).
 *
 * `--max-semi-space-size=64` (MiB; V8's default tops out at 16 on 64-bit): a publication allocates hundreds of
 * megabytes of short-lived objects (parsed releases, merged records, their JSON text), and with the default young
 * generation most of them survived a scavenge or two and were copied before dying; a larger one lets them die
 * where they were made. Publishing 1,000 processes × 3 revisions took ~13–15 % less CPU on a loaded VM (scripts/bench-publish.ts,
 * which runs its publications in a process started with these flags). The young generation grows to that size
 * only under such allocation; a worker that only answers requests stays near the default.
 * `npm start` (one process) passes the same flags on its command line (package.json; server-node-flags.test.ts);
 * V8 sizes the young generation when the process starts, so they cannot be set from inside it.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/**
 * `execArgv` with the server's flags put first (before any script a loader such as ts-node placed there), unless
 * the operator set one of them already (theirs wins).
 */
export function withServerFlags(execArgv: readonly string[]): string[] {
  const name = (flag: string): string => flag.split('=')[0].replace(/_/g, '-');
  const given = new Set(execArgv.map(name));
  return [...SERVER_NODE_FLAGS.filter((flag) => !given.has(name(flag))), ...execArgv];
}
