/**
 * The audit entry of something done from the command line (accounts, implementers, maintenance). Its actor is
 * `cli`: no account of the platform acts there. Who typed it is the system account the CLI ran as, kept in
 * `details.systemUser` — «línea de comandos» alone left an auditor, months later, nobody to ask about a removed
 * account or a prune.
 */
import * as os from 'os';
import type { AuditEntry, Store } from '../store/store';

/** The login the CLI runs as (`whoami`); undefined where the system cannot say (a container without a passwd entry). */
export function systemUser(): string | undefined {
  try {
    return os.userInfo().username || undefined;
  } catch {
    return process.env.USER || process.env.USERNAME || undefined;
  }
}

export function cliAudit(store: Store, at: Date, action: string, target: string, publisherId: string | undefined, details: AuditEntry['details']): Promise<AuditEntry> {
  return store.appendAudit({ at: at.toISOString(), actor: 'cli', action, target, details: { ...details, ...cliAuditDetails() }, ...(publisherId !== undefined ? { publisherId } : {}) });
}

/** The CLI's part of an audit entry another module writes (a publication, a registration): `{systemUser}` when known. */
export function cliAuditDetails(): { systemUser: string } | Record<string, never> {
  const who = systemUser();
  return who !== undefined ? { systemUser: who } : {};
}
