/**
 * The state a signed-in coordinator answers for, spelt as the published list spells it: the header's Estado filter
 * compares the words as they are, and a coordinator registered as «yucatan» is Yucatán's. *Seguimiento* opens on it
 * (review/tracking-landing.ts). No DOM here.
 */
import { sameState } from '../../../core/workflow/mexican-states';
import type { Viewer } from '../../../core/workflow/contract';

/** The coordinator's state of `viewer`, as `publishers` spell it; undefined for anyone else. */
export function coordinatorState(viewer: Viewer | null, publishers: readonly { state: string }[]): string | undefined {
  if (viewer?.role !== 'coordinador' || viewer.scope.kind !== 'state' || !viewer.scope.state) return undefined;
  const state = viewer.scope.state;
  return publishers.find((p) => sameState(p.state, state))?.state ?? state;
}
