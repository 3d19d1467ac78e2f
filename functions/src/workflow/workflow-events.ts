/** What the workflow tells the outside world (notifications, DESIGN §8 outbox) after a decision is stored. */
import type { Publisher, Submission, User } from '../store/store';
import type { ApprovalOutcome } from './approve-submission';

export type WorkflowEvent =
  | { kind: 'submitted'; submission: Submission; publisher: Publisher; actor: User }
  | { kind: 'returned'; submission: Submission; publisher: Publisher; actor: User; comment: string }
  /** `first`: the implementer's first publication, of `changedProcesses` processes and `changedProjects` projects. */
  | { kind: 'published'; submission: Submission; publisher: Publisher; actor: User; unchanged: boolean; changedProcesses: number; changedProjects?: number; first?: boolean }
  /**
   * Approved, but not published: read again to publish it, it had `errors` errors (the sheet edited since it was sent,
   * the institution's prefixes changed). Its official is the one who must correct it. `background`: found after the
   * approval's request had answered (a task, the server's queue), so the coordinator who approved learns it by mail.
   */
  | { kind: 'refused'; submission: Submission; publisher: Publisher; actor: User; errors: number; background: boolean }
  /**
   * Approved, but its publication failed for another reason (`reason`, Spanish, said to the coordinator: a newer send
   * approved meanwhile, the sheet unreadable, the store): told to the coordinator who approved it, who may be gone.
   */
  | { kind: 'failed'; submission: Submission; publisher: Publisher; actor: User; reason: string }
  /** Taken back by its institution while it awaited review: the coordinators told of it have nothing to decide. */
  | { kind: 'withdrawn'; submission: Submission; publisher: Publisher; actor: User };

/**
 * The notice an approval's outcome gives, the same whether it ran in the approval's request or in the background (a
 * task, the server's queue): published or refused for errors, to its official; failed for another reason, to the
 * coordinator who approved it — only in the background (`background`): in the request they read it in its answer.
 * A refusal in the background goes to that coordinator too, for the same reason.
 */
export function approvalEvent(outcome: ApprovalOutcome, publisher: Publisher, actor: User, background: boolean): WorkflowEvent | undefined {
  const { submission } = outcome;
  if (outcome.kind === 'published') return { kind: 'published', submission, publisher, actor, unchanged: outcome.unchanged, changedProcesses: outcome.changedProcesses.length, changedProjects: outcome.changedProjects, first: outcome.first };
  if (outcome.kind === 'refused') return { kind: 'refused', submission, publisher, actor, errors: outcome.findings.filter((f) => f.severity === 'error').length, background };
  return background ? { kind: 'failed', submission, publisher, actor, reason: outcome.reason } : undefined;
}

/** Called after the decision is stored; it must not throw (a failed notice never undoes a decision). */
export type Notify = (event: WorkflowEvent) => Promise<void>;

/**
 * `notify` that a request waits for at most `ms`: the decision is stored and answered even when the mail server is
 * slow or unreachable (nodemailer waits up to its connection timeout for a silent host); the notice goes on in the
 * background and is audited when it ends (notifications.ts). The cloud outbox, one Firestore document, is written
 * well within the wait, so a Cloud Function does not answer before its notice is stored.
 */
export function notifyWithin(notify: Notify, ms: number): Notify {
  return (event) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void notify(event).finally(() => { clearTimeout(timer); resolve(); });
  });
}
