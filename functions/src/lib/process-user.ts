import * as os from 'os';

/**
 * The name of the user this process runs as, for messages about permissions: the self-hosted server and its commands
 * run as their own user (docs/operations.md), and «no tiene permiso» said nothing of whose. A uid without a name in
 * /etc/passwd gives its number.
 */
export function processUser(): string {
  try { return os.userInfo().username; } catch { return String(process.getuid?.() ?? ''); }
}
