import type { Verdict } from '../../domain/eligibility/verdict.ts';
import type { RolloutStatus } from '../rollout-record.ts';

/** The status a request waits in after its verdict: questions to answer first, else an approval. */
export function statusForVerdict(verdict: Verdict): Extract<RolloutStatus, 'awaiting-confirmation' | 'awaiting-approval'> {
  return verdict.type === 'verdict' && verdict.verdict === 'needs-confirmation' ? 'awaiting-confirmation' : 'awaiting-approval';
}
