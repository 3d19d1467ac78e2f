/**
 * The one place that decides who may do what (DESIGN §8). Routes ask `can(user, action, {publisher})` and
 * never look at roles themselves.
 *
 *   action              capturista        coordinador                  admin
 *   submission.create   own publisher     —                            all
 *   submission.list     own publisher     publishers of its state      all
 *   submission.read     own publisher     publishers of its state      all
 *   submission.approve  —                 publishers of its state      all
 *   submission.return   —                 publishers of its state      all
 *   submission.withdraw own publisher     —                            all
 *   audit.read          —                 publishers of its state      all
 *   publisher.admin     —                 —                            all
 *   stages.record       —                 publishers of its state      all
 *   report.read         —                 publishers of its state      all
 *
 * A coordinador is an Organismo Garante: it reviews the implementers of its own state and nobody else's.
 * Without a target publisher only `all` passes (e.g. the unfiltered audit log is for admins).
 */
import { sameState } from '../../../core/workflow/mexican-states';
import type { Publisher, Role, User } from '../store/store';

export type Action =
  | 'submission.create'
  | 'submission.list'
  | 'submission.read'
  | 'submission.approve'
  | 'submission.return'
  | 'submission.withdraw'
  | 'audit.read'
  | 'publisher.admin'
  | 'stages.record'
  /** The monthly report of a state's sends (*Informe mensual*). */
  | 'report.read';

type Scope = 'own' | 'state' | 'all';

const RULES: Record<Action, Partial<Record<Role, Scope>>> = {
  'submission.create': { capturista: 'own', admin: 'all' },
  'submission.list': { capturista: 'own', coordinador: 'state', admin: 'all' },
  'submission.read': { capturista: 'own', coordinador: 'state', admin: 'all' },
  'submission.approve': { coordinador: 'state', admin: 'all' },
  'submission.return': { coordinador: 'state', admin: 'all' },
  // Whoever may send for the institution may take a send back: its officials act alike (any of them may also send
  // a new version of it); a coordinator returns instead.
  'submission.withdraw': { capturista: 'own', admin: 'all' },
  'audit.read': { coordinador: 'state', admin: 'all' },
  'publisher.admin': { admin: 'all' },
  'stages.record': { coordinador: 'state', admin: 'all' },
  'report.read': { coordinador: 'state', admin: 'all' },
};

export const ACTIONS = Object.keys(RULES) as Action[];

export interface Target {
  publisher?: Pick<Publisher, 'id' | 'state'>;
}

export { sameState };

export function can(user: User | undefined, action: Action, target: Target = {}): boolean {
  if (!user) return false;
  const scope = RULES[action][user.role];
  if (scope === 'all') return true;
  const publisher = target.publisher;
  if (!publisher) return false;
  if (scope === 'own') return !!user.publisherId && user.publisherId === publisher.id;
  if (scope === 'state') return sameState(user.state, publisher.state);
  return false;
}

/** Whether the user's role may do this to at least some publisher (e.g. a coordinador may read part of the audit log). */
export function canSome(user: User | undefined, action: Action): boolean {
  return !!user && RULES[action][user.role] !== undefined;
}
