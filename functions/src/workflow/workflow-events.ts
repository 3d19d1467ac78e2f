/** What the workflow tells the outside world (notifications, DESIGN §8 outbox) after a decision is stored. */
import type { Publisher, Submission, User } from '../store/store';

export type WorkflowEvent =
  | { kind: 'submitted'; submission: Submission; publisher: Publisher; actor: User }
  | { kind: 'returned'; submission: Submission; publisher: Publisher; actor: User; comment: string }
  | { kind: 'published'; submission: Submission; publisher: Publisher; actor: User; unchanged: boolean; changedProcesses: number };

/** Called after the decision is stored; it must not throw (a failed notice never undoes a decision). */
export type Notify = (event: WorkflowEvent) => Promise<void>;
