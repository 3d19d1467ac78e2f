/**
 * The server could not start (busy port, unopenable store): a Spanish message for the person, and a non-zero exit.
 * Its own module so that the CLI can recognise it without loading the server for every command.
 */
export class StartupError extends Error {}
