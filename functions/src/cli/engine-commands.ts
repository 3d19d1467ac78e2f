/** The commands dist/cli.js sends to the engine's bundle (engine.ts): a module of its own, so the entry stays small. */
export const ENGINE_COMMANDS: ReadonlySet<string> = new Set(['validate', 'convert', 'compile']);
